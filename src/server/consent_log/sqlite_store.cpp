// sqlite_store.cpp — the default store: one SQLite file, no server to run.
//
// Durability: WAL journal with synchronous=FULL, so a commit returns only after the WAL is
// fsynced (with NORMAL, WAL mode may lose the last commits on a power cut: a proof that was
// acknowledged must survive that).  The service commits proofs in batches (ingest.cpp), so
// one fsync covers many proofs and FULL costs little.  Appends take the write lock first
// (BEGIN IMMEDIATE), so the chain's tip read inside the transaction is the real one, even
// with a second process on the file; readers (show, export, verify) never block the writer.
// busy_timeout waits up to 5 s for another writer before saying "unavailable".
//
// Errors that mean "the disk cannot take it now" (full, read-only, I/O error, locked) are
// StoreError unavailable: the service answers 503 and acknowledges nothing.
//
// Depends on: store.hpp, schema.hpp, chain.hpp, SQLite 3.
#include <sqlite3.h>

#include <chrono>
#include <utility>

#include "server/consent_log/chain.hpp"
#include "server/consent_log/schema.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {
namespace {

bool is_unavailable(int code) {
  switch (code & 0xFF) {
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR:
    case SQLITE_CANTOPEN: case SQLITE_PERM: case SQLITE_NOMEM: return true;
    default: return false;
  }
}

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, const std::string& v) { check(sqlite3_bind_text(st_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT)); return *this; }
  Statement& bind(int i, std::int64_t v) { check(sqlite3_bind_int64(st_, i, v)); return *this; }
  Statement& bind_or_null(int i, const std::string& v) { return v.empty() ? (check(sqlite3_bind_null(st_, i)), *this) : bind(i, v); }
  // true while there is a row.
  bool step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("step");
    return false;
  }
  std::int64_t integer(int i) { return sqlite3_column_int64(st_, i); }
  std::optional<std::string> text(int i) {
    if (sqlite3_column_type(st_, i) == SQLITE_NULL) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, i)));
  }
  StoredRecord record() {
    std::vector<std::optional<std::string>> cols;
    for (int i = 0; i < 15; ++i) cols.push_back(text(i));
    return record_from_columns(cols);
  }

 private:
  void check(int rc) { if (rc != SQLITE_OK) fail("bind"); }
  [[noreturn]] void fail(const char* what) {
    const int code = sqlite3_extended_errcode(db_);
    throw StoreError(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db_), is_unavailable(code));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    throw StoreError("sqlite: " + msg + " (in: " + sql.substr(0, 60) + ")", is_unavailable(sqlite3_extended_errcode(db)));
  }
}

ChainState read_chain(sqlite3* db) {
  Statement s(db, "SELECT tip_seq, tip_hash, anchor_seq, anchor_hash FROM consent_chain WHERE one = 1");
  if (!s.step()) throw StoreError("sqlite: consent_chain has no row (run migrate)", false);
  return {s.integer(0), s.text(1).value_or(""), s.integer(2), s.text(3).value_or("")};
}

std::optional<StoredRecord> find_record(sqlite3* db, std::string_view id) {
  Statement s(db, std::string("SELECT ") + kRecordColumns + " FROM consent_records WHERE id = ?");
  s.bind(1, std::string(id));
  if (!s.step()) return std::nullopt;
  return s.record();
}

class SqliteTx : public AppendTx {
 public:
  explicit SqliteTx(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
  ~SqliteTx() override {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  ChainState chain() override { return read_chain(db_); }
  std::optional<StoredRecord> find(std::string_view id) override { return find_record(db_, id); }
  void insert(const StoredRecord& r) override {
    Statement s(db_, "INSERT INTO consent_records (seq, received_ms, id, decided_ms, action, cancels, policy, lang, "
                     "choices, origin, path, texts_sha256, build_sha256, prev_hash, hash) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const ConsentProof& p = r.proof;
    s.bind(1, r.seq).bind(2, r.received_ms).bind(3, p.id).bind(4, p.decided_ms)
        .bind(5, std::string(consent_action_name(p.action))).bind_or_null(6, p.cancels)
        .bind(7, std::int64_t{p.policy_version}).bind(8, p.lang).bind(9, p.choices_text()).bind(10, p.origin)
        .bind(11, p.path).bind(12, p.texts_sha256).bind_or_null(13, p.build_sha256).bind(14, r.prev_hash)
        .bind(15, r.hash);
    s.step();
  }
  void set_tip(std::int64_t seq, const std::string& hash) override {
    Statement s(db_, "UPDATE consent_chain SET tip_seq = ?, tip_hash = ? WHERE one = 1");
    s.bind(1, seq).bind(2, hash);
    s.step();
  }
  void commit() override {
    exec(db_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3* db_;
  bool done_ = false;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    const int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("sqlite: cannot open " + path_ + ": " + msg, false);
    }
    sqlite3_extended_result_codes(db_, 1);
    // SQLite opens a write-protected file read-only without a word: say so now, not at the
    // first proof (and never acknowledge one).
    if (sqlite3_db_readonly(db_, "main") == 1) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError("sqlite: " + path_ + " is read-only: no proof could be stored (check the permissions of the file and its folder, and the disk)", true);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
      exec(db_, "PRAGMA journal_mode = WAL");
      exec(db_, "PRAGMA synchronous = FULL");
    } catch (...) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw;
    }
  }
  ~SqliteStore() override { sqlite3_close(db_); }

  std::string describe() const override { return "sqlite:" + path_; }

  int schema_version() override {
    Statement t(db_, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'consent_schema_migrations'");
    t.step();
    if (t.integer(0) == 0) return 0;
    Statement s(db_, "SELECT coalesce(max(version), 0) FROM consent_schema_migrations");
    s.step();
    return static_cast<int>(s.integer(0));
  }

  void migrate() override {
    exec(db_, "CREATE TABLE IF NOT EXISTS consent_schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
    const int have = schema_version();
    for (const Migration& m : migrations(Dialect::sqlite)) {
      if (m.version <= have) continue;
      exec(db_, "BEGIN IMMEDIATE");
      try {
        for (const std::string& sql : m.statements) exec(db_, sql);
        Statement s(db_, "INSERT INTO consent_schema_migrations VALUES (?, ?, ?)");
        s.bind(1, std::int64_t{m.version}).bind(2, m.description).bind(3, now_ms());
        s.step();
        exec(db_, "COMMIT");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  }

  std::unique_ptr<AppendTx> begin_append() override { return std::make_unique<SqliteTx>(db_); }
  std::optional<StoredRecord> find(std::string_view id) override { return find_record(db_, id); }

  std::vector<StoredRecord> cancelling(std::string_view id) override {
    Statement s(db_, std::string("SELECT ") + kRecordColumns + " FROM consent_records WHERE cancels = ? ORDER BY seq");
    s.bind(1, std::string(id));
    std::vector<StoredRecord> out;
    while (s.step()) out.push_back(s.record());
    return out;
  }

  ChainState chain() override { return read_chain(db_); }

  void scan(std::int64_t since_ms, const std::function<bool(const StoredRecord&)>& fn) override {
    Statement s(db_, std::string("SELECT ") + kRecordColumns + " FROM consent_records WHERE received_ms >= ? ORDER BY seq");
    s.bind(1, since_ms);
    while (s.step())
      if (!fn(s.record())) break;
  }

  PurgeResult purge(std::int64_t cutoff_ms, std::int64_t now) override {
    SqliteTx tx(db_);
    const ChainState c = read_chain(db_);
    // The first record to keep: the oldest received at or after the cutoff (or none).
    Statement keep(db_, "SELECT coalesce(min(seq), ?) FROM consent_records WHERE received_ms >= ?");
    keep.bind(1, c.tip_seq + 1).bind(2, cutoff_ms);
    keep.step();
    const std::int64_t first_kept = keep.integer(0);
    PurgeResult out{0, c.anchor_seq};
    if (first_kept - 1 > c.anchor_seq) {
      Statement last(db_, "SELECT seq, hash FROM consent_records WHERE seq < ? ORDER BY seq DESC LIMIT 1");
      last.bind(1, first_kept);
      if (last.step()) {
        out.anchor_seq = last.integer(0);
        const std::string anchor_hash = last.text(1).value_or("");
        Statement del(db_, "DELETE FROM consent_records WHERE seq <= ?");
        del.bind(1, out.anchor_seq);
        del.step();
        out.removed = sqlite3_changes(db_);
        Statement a(db_, "UPDATE consent_chain SET anchor_seq = ?, anchor_hash = ? WHERE one = 1");
        a.bind(1, out.anchor_seq).bind(2, anchor_hash);
        a.step();
        Statement log(db_, "INSERT INTO consent_purges VALUES (?, ?, ?, ?, ?)");
        log.bind(1, now).bind(2, cutoff_ms).bind(3, out.removed).bind(4, out.anchor_seq).bind(5, anchor_hash);
        log.step();
      }
    }
    tx.commit();
    return out;
  }

  void execute(const std::string& sql) override { exec(db_, sql); }

 private:
  static std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

}  // namespace passerelle::consent_log
