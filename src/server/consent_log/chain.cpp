// chain.cpp — chain hashes, appends, verification (see chain.hpp).
//
// Depends on: chain.hpp, sha256.hpp, store.hpp, core/consent/proof.hpp.
#include "server/consent_log/chain.hpp"

#include <map>

#include "server/consent_log/sha256.hpp"

namespace passerelle::consent_log {
namespace {

bool parse_int(const std::optional<std::string>& s, std::int64_t& out) {
  if (!s || s->empty() || s->size() > 19) return false;
  std::int64_t v = 0;
  for (const char c : *s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Checks one row against the chain so far; "" when it holds.
std::string row_problem(const StoredRecord& r, std::int64_t expected_seq, const std::string& expected_prev) {
  if (!r.unreadable.empty()) return r.unreadable + " (the record was edited)";
  if (r.seq != expected_seq) return "seq " + std::to_string(r.seq) + " where " + std::to_string(expected_seq) + " was expected (a record is missing)";
  if (r.prev_hash != expected_prev) return "its prev_hash is not the previous record's hash (a record was removed or changed before it)";
  if (r.hash != chain_hash(r.seq, r.received_ms, r.prev_hash, r.proof.canonical())) return "its hash does not match its contents (the record was edited)";
  return {};
}

}  // namespace

std::string chain_hash(std::int64_t seq, std::int64_t received_ms, const std::string& prev_hash,
                       const std::string& canonical) {
  return sha256_hex("passerelle-consent-chain=1\nseq=" + std::to_string(seq) + "\nreceived=" +
                    std::to_string(received_ms) + "\nprev=" + prev_hash + "\n" + canonical);
}

StoredRecord record_from_columns(const std::vector<std::optional<std::string>>& c) {
  StoredRecord r;
  if (c.size() != 15 || !parse_int(c[0], r.seq) || !parse_int(c[1], r.received_ms)) {
    r.unreadable = "seq or received_ms is not a number";
    return r;
  }
  r.prev_hash = c[13].value_or("");
  r.hash = c[14].value_or("");
  const auto text = [&c](std::size_t i) { return c[i] ? *c[i] : std::string("-"); };
  const std::string wire = "passerelle-consent-proof=1\nid=" + text(2) + "\ndecided=" + text(3) + "\naction=" + text(4) +
                           "\ncancels=" + text(5) + "\npolicy=" + text(6) + "\nlang=" + text(7) + "\nchoices=" +
                           text(8) + "\norigin=" + text(9) + "\npath=" + text(10) + "\ntexts=" + text(11) +
                           "\nbuild=" + text(12) + "\nsha256=" + kGenesisHash + "\n";
  ParsedProof p = parse_consent_proof(wire);
  if (!p.proof) {
    r.unreadable = "its columns do not read as a proof (" + p.detail + ")";
    r.proof.id = text(2).substr(0, 64);
    return r;
  }
  r.proof = std::move(*p.proof);
  return r;
}

std::vector<AppendResult> append_batch(Store& store, const std::vector<AppendRequest>& batch) {
  std::vector<AppendResult> out(batch.size());
  try {
    auto tx = store.begin_append();
    ChainState chain = tx->chain();
    std::map<std::string, std::pair<std::string, std::int64_t>> in_batch;  // id → canonical, seq
    bool any = false;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const ConsentProof& p = batch[i].proof;
      const std::string canonical = p.canonical();
      std::optional<std::pair<std::string, std::int64_t>> earlier;
      if (const auto it = in_batch.find(p.id); it != in_batch.end()) earlier = it->second;
      else if (const auto found = tx->find(p.id)) earlier = std::make_pair(found->proof.canonical(), found->seq);
      if (earlier) {
        out[i].status = earlier->first == canonical ? AppendStatus::duplicate : AppendStatus::conflict;
        out[i].seq = earlier->second;
        continue;
      }
      StoredRecord r;
      r.seq = chain.tip_seq + 1;
      r.received_ms = batch[i].received_ms;
      r.proof = p;
      r.prev_hash = chain.tip_hash;
      r.hash = chain_hash(r.seq, r.received_ms, r.prev_hash, canonical);
      tx->insert(r);
      chain.tip_seq = r.seq;
      chain.tip_hash = r.hash;
      in_batch[p.id] = {canonical, r.seq};
      out[i].status = AppendStatus::stored;
      out[i].seq = r.seq;
      any = true;
    }
    if (any) tx->set_tip(chain.tip_seq, chain.tip_hash);
    tx->commit();
  } catch (const StoreError& e) {
    for (auto& r : out) r = {e.unavailable() ? AppendStatus::unavailable : AppendStatus::failed, 0, e.what()};
  }
  return out;
}

VerifyReport verify_chain(Store& store) {
  VerifyReport rep;
  rep.chain = store.chain();
  std::int64_t expected_seq = rep.chain.anchor_seq + 1;
  std::string prev = rep.chain.anchor_hash;
  store.scan(0, [&](const StoredRecord& r) {
    if (std::string problem = row_problem(r, expected_seq, prev); !problem.empty()) {
      rep = {false, rep.records, r.seq, r.proof.id, std::move(problem), rep.chain};
      return false;
    }
    ++rep.records;
    ++expected_seq;
    prev = r.hash;
    return true;
  });
  if (rep.intact && (rep.chain.tip_seq != expected_seq - 1 || rep.chain.tip_hash != prev)) {
    rep.intact = false;
    rep.first_bad_seq = expected_seq;
    rep.problem = "the chain's tip is record " + std::to_string(rep.chain.tip_seq) + " but the records end at " +
                  std::to_string(expected_seq - 1) + " (the newest records were removed or the tip was edited)";
  }
  return rep;
}

}  // namespace passerelle::consent_log
