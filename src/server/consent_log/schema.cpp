// schema.cpp — the migrations (see schema.hpp).
//
// Version 1:
//   consent_records   one row per proof: seq (its place in the chain, from 1), the proof's
//                     fields (cancels and build NULL when the proof says '-'), received_ms,
//                     prev_hash and hash.  id is unique: a proof is stored once.
//   consent_chain     one row: the tip (seq and hash of the last record) and the anchor (seq
//                     and hash of the last purged record, genesis before any purge).  Writers
//                     lock it, so the chain stays linear; verify checks the tip against it, so
//                     deleting the newest records is seen too.
//   consent_purges    one row per purge: when, the cutoff, how many, the new anchor.
//
// Depends on: schema.hpp.
#include "server/consent_log/schema.hpp"

namespace passerelle::consent_log {
namespace {

std::vector<Migration> build(Dialect d) {
  const std::string big = "BIGINT";
  const std::string zeros(64, '0');
  Migration v1{1, "records, chain, purges", {
      "CREATE TABLE consent_records ("
      " seq " + big + " PRIMARY KEY,"
      " id TEXT NOT NULL UNIQUE,"
      " received_ms " + big + " NOT NULL,"
      " decided_ms " + big + " NOT NULL,"
      " action TEXT NOT NULL,"
      " cancels TEXT,"
      " policy INTEGER NOT NULL,"
      " lang TEXT NOT NULL,"
      " choices TEXT NOT NULL,"
      " origin TEXT NOT NULL,"
      " path TEXT NOT NULL,"
      " texts_sha256 TEXT NOT NULL,"
      " build_sha256 TEXT,"
      " prev_hash TEXT NOT NULL,"
      " hash TEXT NOT NULL)",
      "CREATE INDEX consent_records_cancels ON consent_records (cancels)",
      "CREATE INDEX consent_records_received ON consent_records (received_ms)",
      "CREATE TABLE consent_chain ("
      " one INTEGER PRIMARY KEY CHECK (one = 1),"
      " tip_seq " + big + " NOT NULL, tip_hash TEXT NOT NULL,"
      " anchor_seq " + big + " NOT NULL, anchor_hash TEXT NOT NULL)",
      "INSERT INTO consent_chain VALUES (1, 0, '" + zeros + "', 0, '" + zeros + "')",
      "CREATE TABLE consent_purges ("
      " at_ms " + big + " NOT NULL, cutoff_ms " + big + " NOT NULL, removed " + big + " NOT NULL,"
      " anchor_seq " + big + " NOT NULL, anchor_hash TEXT NOT NULL)"}};
  (void)d;  // version 1 reads the same in both dialects
  return {v1};
}

}  // namespace

const char* const kRecordColumns =
    "seq, received_ms, id, decided_ms, action, cancels, policy, lang, choices, origin, path, texts_sha256, "
    "build_sha256, prev_hash, hash";

const std::vector<Migration>& migrations(Dialect d) {
  static const std::vector<Migration> sqlite = build(Dialect::sqlite);
  static const std::vector<Migration> postgres = build(Dialect::postgres);
  return d == Dialect::sqlite ? sqlite : postgres;
}

int latest_schema_version() { return migrations(Dialect::sqlite).back().version; }

}  // namespace passerelle::consent_log
