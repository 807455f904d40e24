// store.hpp — where proofs are kept: one interface, two databases (SQLite by default,
// PostgreSQL at scale), one schema with versioned migrations (schema.cpp).
//
// A stored record is the proof's fields, each in its own column (so an operator can query
// them), plus what the service adds: its position in the chain (seq), when it was received,
// and the chain's hashes.  The proof's canonical bytes are rebuilt from the columns, never
// stored twice, so an edit of any column breaks that row's hash (chain.hpp).
//
// Appends go through one transaction at a time (AppendTx): the tip of the chain is read and
// locked inside it (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR UPDATE on the chain's
// one row), so even several service processes on one database make one linear chain.  A
// commit returns only once the database says the rows are durable.
//
// Errors: StoreError; `unavailable` means "try again later" (database down, locked, disk
// full, read-only) and becomes a 503, never an acknowledgement.
//
// Depends on: core/consent/proof.hpp, the standard library.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/proof.hpp"

namespace passerelle::consent_log {

inline const std::string kGenesisHash(64, '0');

struct StoredRecord {
  std::int64_t seq = 0;
  std::int64_t received_ms = 0;
  ConsentProof proof;
  std::string prev_hash;
  std::string hash;
  std::string unreadable;  // why its columns no longer read as a proof; "" when they do
};

// The chain's ends: the last record's seq and hash (the tip), and where the chain now starts
// (the anchor: the last purged record, or seq 0 and the genesis hash).
struct ChainState {
  std::int64_t tip_seq = 0;
  std::string tip_hash = kGenesisHash;
  std::int64_t anchor_seq = 0;
  std::string anchor_hash = kGenesisHash;
};

class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& what, bool unavailable) : std::runtime_error(what), unavailable_(unavailable) {}
  bool unavailable() const { return unavailable_; }

 private:
  bool unavailable_;
};

class AppendTx {
 public:
  virtual ~AppendTx() = default;
  virtual ChainState chain() = 0;                                     // locked until commit
  virtual std::optional<StoredRecord> find(std::string_view id) = 0;  // an earlier record
  virtual void insert(const StoredRecord& r) = 0;
  virtual void set_tip(std::int64_t seq, const std::string& hash) = 0;
  virtual void commit() = 0;  // durable when it returns; a transaction not committed rolls back
};

struct PurgeResult {
  std::int64_t removed = 0;
  std::int64_t anchor_seq = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string describe() const = 0;  // "sqlite:/path" or "postgresql:dbname=…" (no password)
  virtual int schema_version() = 0;
  virtual void migrate() = 0;                // applies the migrations this build knows, once each
  virtual std::unique_ptr<AppendTx> begin_append() = 0;
  virtual std::optional<StoredRecord> find(std::string_view id) = 0;
  virtual std::vector<StoredRecord> cancelling(std::string_view id) = 0;  // records that replace id
  virtual ChainState chain() = 0;
  // Every record received at or after since_ms, in chain order; stops when fn returns false.
  virtual void scan(std::int64_t since_ms, const std::function<bool(const StoredRecord&)>& fn) = 0;
  // Removes the longest run of oldest records all received before cutoff_ms, moving the anchor
  // to the last one removed and logging the purge, in one transaction.
  virtual PurgeResult purge(std::int64_t cutoff_ms, std::int64_t now_ms) = 0;
  // Runs SQL as is: the tests' way to play an intruder editing the database.
  virtual void execute(const std::string& sql) = 0;
};

// "sqlite:PATH", a path ending in .db/.sqlite/.sqlite3, "postgresql://…" or "postgres://…",
// or "postgresql:CONNINFO" (libpq's key=value form).  Throws StoreError on an unknown form or
// when the database cannot be opened (unavailable for a PostgreSQL server that is down).
std::unique_ptr<Store> open_store(const std::string& where);

std::unique_ptr<Store> open_sqlite_store(const std::string& path);
std::unique_ptr<Store> open_postgres_store(const std::string& conninfo);

}  // namespace passerelle::consent_log
