// cli_records.cpp — show, export, verify, purge (see cli_records.hpp and cli.hpp).
//
// Depends on: cli_records.hpp, cli.hpp, chain.hpp, record_format.hpp, policy.hpp.
#include "server/consent_log/cli_records.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <ostream>
#include <set>

#include "server/consent_log/chain.hpp"
#include "server/consent_log/cli.hpp"
#include "server/consent_log/policy.hpp"
#include "server/consent_log/record_format.hpp"

namespace passerelle::consent_log {
namespace {

bool is_id(const std::string& s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::vector<StoredRecord> history(Store& store, const std::string& id, std::size_t limit) {
  std::vector<StoredRecord> out;
  std::set<std::string> seen{id};
  std::deque<std::string> todo{id};
  while (!todo.empty() && out.size() < limit) {
    const std::string at = todo.front();
    todo.pop_front();
    const std::optional<StoredRecord> r = store.find(at);
    if (!r) continue;
    out.push_back(*r);
    if (!r->proof.cancels.empty() && seen.insert(r->proof.cancels).second) todo.push_back(r->proof.cancels);
    for (const StoredRecord& later : store.cancelling(at))
      if (seen.insert(later.proof.id).second) todo.push_back(later.proof.id);
  }
  std::sort(out.begin(), out.end(), [](const StoredRecord& a, const StoredRecord& b) { return a.seq < b.seq; });
  return out;
}

int cmd_show(Store& store, const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 1 || !is_id(a.positional[0])) {
    err << "show: give one record id (32 lowercase hex digits)\n";
    return kUsage;
  }
  SitePolicies site;
  std::string why;
  if (!load_policies(a.all("pack"), site, why)) {
    err << "show: " << why << "\n";
    return kPack;
  }
  const std::vector<StoredRecord> h = history(store, a.positional[0]);
  if (h.empty()) {
    err << "show: no record " << a.positional[0] << " in " << store.describe() << "\n";
    return kNo;
  }
  out << "history of " << a.positional[0] << ": " << h.size() << " record" << (h.size() > 1 ? "s" : "") << "\n";
  for (const StoredRecord& r : h) {
    out << text_block(r);
    if (!a.all("pack").empty()) {
      const auto it = site.texts_by_hash.find(r.proof.texts_sha256);
      out << "  texts: " << (it != site.texts_by_hash.end() ? "as in " + it->second : "not the texts of any pack given") << "\n";
    }
  }
  return kOk;
}

int cmd_export(Store& store, const Args& a, std::ostream& out, std::ostream& err) {
  const std::string format = a.one("format").value_or("");
  if (format != "csv" && format != "jsonl") {
    err << "export: --format csv or --format jsonl\n";
    return kUsage;
  }
  std::int64_t since = 0;
  if (const auto s = a.one("since")) {
    const auto ms = parse_iso_date(*s);
    if (!ms) {
      err << "export: --since takes a date, 2026-11-29 or 2026-11-29T05:20:00Z (UTC)\n";
      return kUsage;
    }
    since = *ms;
  }
  if (format == "csv") out << csv_header();
  store.scan(since, [&](const StoredRecord& r) {
    out << (format == "csv" ? csv_row(r) : json_line(r));
    return true;
  });
  return kOk;
}

int cmd_verify(Store& store, std::ostream& out, std::ostream& err) {
  const VerifyReport rep = verify_chain(store);
  if (!rep.intact) {
    err << "verify: BROKEN at record " << rep.first_bad_seq << (rep.first_bad_id.empty() ? "" : " (id " + rep.first_bad_id + ")")
        << ": " << rep.problem << "\n";
    out << "broken " << rep.first_bad_seq << " " << rep.first_bad_id << "\n";
    return kNo;
  }
  out << "intact: " << rep.records << " records, seq " << rep.chain.anchor_seq + 1 << " to " << rep.chain.tip_seq
      << "\ntip " << rep.chain.tip_hash << "\n";
  if (rep.chain.anchor_seq > 0) out << "anchor (last purged) " << rep.chain.anchor_seq << " " << rep.chain.anchor_hash << "\n";
  return kOk;
}

int cmd_purge(Store& store, const Args& a, std::ostream& out, std::ostream& err) {
  std::string days = a.one("older-than").value_or("");
  if (!days.empty() && days.back() == 'd') days.pop_back();
  const bool digits = !days.empty() && days.size() <= 5 && std::all_of(days.begin(), days.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(days) < 1) {
    err << "purge: --older-than DAYS (for example 395d: at least 1)\n";
    return kUsage;
  }
  const std::int64_t now = now_ms();
  const std::int64_t cutoff = now - std::stoll(days) * 86'400'000;
  const PurgeResult r = store.purge(cutoff, now);
  out << "purged " << r.removed << " records received before " << iso_time_ms(cutoff) << "; the chain now starts after record "
      << r.anchor_seq << "\n";
  return kOk;
}

}  // namespace passerelle::consent_log
