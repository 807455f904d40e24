// chain.hpp — the hash chain that makes the stored history tamper-evident, and the append
// that extends it.
//
// Each record's hash is SHA-256 of
//     "passerelle-consent-chain=1\nseq=<seq>\nreceived=<ms>\nprev=<previous hash>\n"
//     followed by the proof's canonical bytes (consent/proof.hpp)
// where the previous hash is the preceding record's (the anchor's for the first one).  So
// editing any column of a record changes its hash; deleting or inserting one in the middle
// breaks the next record's prev; deleting the newest ones leaves the chain's tip (kept in
// its own row) pointing at nothing.  What a chain cannot show is an intruder who rewrites
// everything from some point on, the tip included: `verify` prints the tip's hash so that an
// operator can keep it elsewhere (a log, a ticket) and compare later.
//
// Depends on: store.hpp, core/consent/proof.hpp, the standard library.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/consent/proof.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {

std::string chain_hash(std::int64_t seq, std::int64_t received_ms, const std::string& prev_hash,
                       const std::string& canonical);

// A row's text columns (kRecordColumns' order; nullopt for NULL) as a record; `unreadable`
// says why when a column no longer reads as a proof would (verify names that record).
StoredRecord record_from_columns(const std::vector<std::optional<std::string>>& cols);

enum class AppendStatus { stored, duplicate, conflict, unavailable, failed };

struct AppendRequest {
  ConsentProof proof;
  std::int64_t received_ms = 0;
};

struct AppendResult {
  AppendStatus status = AppendStatus::failed;
  std::int64_t seq = 0;       // stored or duplicate: where the record is
  std::string message;        // unavailable or failed: why
};

// Appends a batch in one transaction: each proof is checked against what is stored (a proof
// already there with the same canonical bytes is a duplicate, with other bytes a conflict),
// then chained.  All or nothing: on a database error every request of the batch gets
// unavailable (or failed), none is acknowledged.
std::vector<AppendResult> append_batch(Store& store, const std::vector<AppendRequest>& batch);

struct VerifyReport {
  bool intact = true;
  std::int64_t records = 0;
  std::int64_t first_bad_seq = 0;   // when broken
  std::string first_bad_id;         // when broken and readable
  std::string problem;              // when broken
  ChainState chain;
};

VerifyReport verify_chain(Store& store);

}  // namespace passerelle::consent_log
