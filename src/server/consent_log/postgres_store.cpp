// postgres_store.cpp — the store for sites that outgrow one machine: PostgreSQL through libpq.
//
// Durability: each append is one transaction, committed with synchronous_commit = on (set on
// every connection: a server configured otherwise would acknowledge before its WAL is on
// disk).  Linearity: the transaction locks the chain's one row (SELECT … FOR UPDATE) before
// reading the tip, so several service processes on one database still make one chain.
//
// A server that is down or restarting: the connection fails at once (connect_timeout 2 s
// unless the conninfo sets one), the error is StoreError unavailable (503), and the next
// append tries to connect again, so the service recovers by itself when the server is back.
//
// Depends on: store.hpp, schema.hpp, chain.hpp, libpq.
#include <libpq-fe.h>

#include <chrono>
#include <utility>

#include "server/consent_log/chain.hpp"
#include "server/consent_log/schema.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {
namespace {

using Params = std::vector<std::optional<std::string>>;

// SQLSTATE classes that mean "not now": connection (08), resources such as a full disk (53),
// operator intervention such as a shutdown (57), a read-only transaction (25006), a
// serialisation or deadlock retry (40).
bool is_unavailable_state(const char* state) {
  if (!state) return true;  // no state: the connection itself failed
  const std::string s(state);
  return s.rfind("08", 0) == 0 || s.rfind("53", 0) == 0 || s.rfind("57", 0) == 0 || s.rfind("40", 0) == 0 || s == "25006";
}

class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  int rows() const { return PQntuples(r_); }
  std::optional<std::string> text(int row, int col) const {
    if (PQgetisnull(r_, row, col)) return std::nullopt;
    return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  std::int64_t integer(int row, int col) const { return std::stoll(text(row, col).value_or("0")); }
  StoredRecord record(int row) const {
    std::vector<std::optional<std::string>> cols;
    for (int i = 0; i < 15; ++i) cols.push_back(text(row, i));
    return record_from_columns(cols);
  }

 private:
  PGresult* r_;
};

class Connection {
 public:
  explicit Connection(std::string conninfo) : conninfo_(std::move(conninfo)) { connect(); }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects again if the last connection broke (the server restarted).
  void ensure() {
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) connect();
  }

  Result run(const std::string& sql, const Params& params = {}) {
    ensure();
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* r = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Result(r);
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    PQclear(r);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    throw StoreError("postgresql: " + msg, is_unavailable_state(state) || PQstatus(conn_) != CONNECTION_OK);
  }

 private:
  void connect() {
    PQfinish(conn_);
    const std::string info = conninfo_.find("connect_timeout") == std::string::npos ? conninfo_ + (conninfo_.find("://") != std::string::npos ? (conninfo_.find('?') == std::string::npos ? "?" : "&") + std::string("connect_timeout=2") : " connect_timeout=2") : conninfo_;
    conn_ = PQconnectdb(info.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError("postgresql: cannot connect: " + msg, true);
    }
    PQclear(PQexec(conn_, "SET synchronous_commit = on"));
    PQclear(PQexec(conn_, "SET client_min_messages = warning"));
  }
  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

ChainState read_chain(Connection& c, bool lock) {
  Result r = c.run(std::string("SELECT tip_seq, tip_hash, anchor_seq, anchor_hash FROM consent_chain WHERE one = 1") + (lock ? " FOR UPDATE" : ""));
  if (r.rows() != 1) throw StoreError("postgresql: consent_chain has no row (run migrate)", false);
  return {r.integer(0, 0), r.text(0, 1).value_or(""), r.integer(0, 2), r.text(0, 3).value_or("")};
}

std::optional<StoredRecord> find_record(Connection& c, std::string_view id) {
  Result r = c.run(std::string("SELECT ") + kRecordColumns + " FROM consent_records WHERE id = $1", {std::string(id)});
  if (r.rows() == 0) return std::nullopt;
  return r.record(0);
}

std::optional<std::string> or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); }

class PostgresTx : public AppendTx {
 public:
  explicit PostgresTx(Connection& c) : c_(c) { c_.run("BEGIN"); }
  ~PostgresTx() override {
    if (!done_) try { c_.run("ROLLBACK"); } catch (const StoreError&) { /* the connection is gone: so is the transaction */ }
  }
  ChainState chain() override { return read_chain(c_, true); }
  std::optional<StoredRecord> find(std::string_view id) override { return find_record(c_, id); }
  void insert(const StoredRecord& r) override {
    const ConsentProof& p = r.proof;
    c_.run("INSERT INTO consent_records (seq, received_ms, id, decided_ms, action, cancels, policy, lang, choices, "
           "origin, path, texts_sha256, build_sha256, prev_hash, hash) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
           {std::to_string(r.seq), std::to_string(r.received_ms), p.id, std::to_string(p.decided_ms),
            std::string(consent_action_name(p.action)), or_null(p.cancels), std::to_string(p.policy_version), p.lang,
            p.choices_text(), p.origin, p.path, p.texts_sha256, or_null(p.build_sha256), r.prev_hash, r.hash});
  }
  void set_tip(std::int64_t seq, const std::string& hash) override {
    c_.run("UPDATE consent_chain SET tip_seq = $1, tip_hash = $2 WHERE one = 1", {std::to_string(seq), hash});
  }
  void commit() override {
    done_ = true;  // a failed COMMIT rolls back by itself
    c_.run("COMMIT");
  }

 private:
  Connection& c_;
  bool done_ = false;
};

class PostgresStore : public Store {
 public:
  explicit PostgresStore(std::string conninfo) : conninfo_(std::move(conninfo)), c_(conninfo_) {}

  std::string describe() const override {
    std::string out = conninfo_;
    if (const auto at = out.find("password="); at != std::string::npos) out.replace(at, out.find(' ', at) - at, "password=…");
    return "postgresql:" + out;
  }

  int schema_version() override {
    Result t = c_.run("SELECT to_regclass('consent_schema_migrations') IS NOT NULL");
    if (t.text(0, 0) != std::optional<std::string>("t")) return 0;
    Result r = c_.run("SELECT coalesce(max(version), 0) FROM consent_schema_migrations");
    return static_cast<int>(r.integer(0, 0));
  }

  void migrate() override {
    c_.run("CREATE TABLE IF NOT EXISTS consent_schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
    const int have = schema_version();
    for (const Migration& m : migrations(Dialect::postgres)) {
      if (m.version <= have) continue;
      PostgresTx tx(c_);
      c_.run("LOCK TABLE consent_schema_migrations");
      if (schema_version() >= m.version) continue;  // another process applied it meanwhile
      for (const std::string& sql : m.statements) c_.run(sql);
      c_.run("INSERT INTO consent_schema_migrations VALUES ($1, $2, $3)",
             {std::to_string(m.version), m.description, std::to_string(now_ms())});
      tx.commit();
    }
  }

  std::unique_ptr<AppendTx> begin_append() override { return std::make_unique<PostgresTx>(c_); }
  std::optional<StoredRecord> find(std::string_view id) override { return find_record(c_, id); }

  std::vector<StoredRecord> cancelling(std::string_view id) override {
    Result r = c_.run(std::string("SELECT ") + kRecordColumns + " FROM consent_records WHERE cancels = $1 ORDER BY seq", {std::string(id)});
    std::vector<StoredRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.record(i));
    return out;
  }

  ChainState chain() override { return read_chain(c_, false); }

  // In pages of 2000 rows by seq (keyset), so an export of millions holds one page in memory.
  void scan(std::int64_t since_ms, const std::function<bool(const StoredRecord&)>& fn) override {
    std::int64_t after = -1;
    while (true) {
      Result r = c_.run(std::string("SELECT ") + kRecordColumns +
                            " FROM consent_records WHERE received_ms >= $1 AND seq > $2 ORDER BY seq LIMIT 2000",
                        {std::to_string(since_ms), std::to_string(after)});
      for (int i = 0; i < r.rows(); ++i) {
        after = r.integer(i, 0);
        if (!fn(r.record(i))) return;
      }
      if (r.rows() < 2000) return;
    }
  }

  PurgeResult purge(std::int64_t cutoff_ms, std::int64_t now) override {
    PostgresTx tx(c_);
    const ChainState c = read_chain(c_, true);
    Result keep = c_.run("SELECT coalesce(min(seq), $1) FROM consent_records WHERE received_ms >= $2",
                         {std::to_string(c.tip_seq + 1), std::to_string(cutoff_ms)});
    const std::int64_t first_kept = keep.integer(0, 0);
    PurgeResult out{0, c.anchor_seq};
    Result last = c_.run("SELECT seq, hash FROM consent_records WHERE seq < $1 ORDER BY seq DESC LIMIT 1", {std::to_string(first_kept)});
    if (last.rows() == 1) {
      out.anchor_seq = last.integer(0, 0);
      const std::string anchor_hash = last.text(0, 1).value_or("");
      Result del = c_.run("WITH d AS (DELETE FROM consent_records WHERE seq <= $1 RETURNING 1) SELECT count(*) FROM d", {std::to_string(out.anchor_seq)});
      out.removed = del.integer(0, 0);
      c_.run("UPDATE consent_chain SET anchor_seq = $1, anchor_hash = $2 WHERE one = 1", {std::to_string(out.anchor_seq), anchor_hash});
      c_.run("INSERT INTO consent_purges VALUES ($1, $2, $3, $4, $5)",
             {std::to_string(now), std::to_string(cutoff_ms), std::to_string(out.removed), std::to_string(out.anchor_seq), anchor_hash});
    }
    tx.commit();
    return out;
  }

  void execute(const std::string& sql) override { c_.run(sql); }

 private:
  static std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }
  std::string conninfo_;
  Connection c_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& conninfo) { return std::make_unique<PostgresStore>(conninfo); }

std::unique_ptr<Store> open_store(const std::string& where) {
  const auto starts = [&where](std::string_view p) { return where.rfind(p, 0) == 0; };
  if (starts("postgresql://") || starts("postgres://")) return open_postgres_store(where);
  if (starts("postgresql:")) return open_postgres_store(where.substr(11));
  if (starts("sqlite:")) return open_sqlite_store(where.substr(7));
  const auto ends = [&where](std::string_view s) { return where.size() >= s.size() && where.compare(where.size() - s.size(), s.size(), s) == 0; };
  if (ends(".db") || ends(".sqlite") || ends(".sqlite3")) return open_sqlite_store(where);
  throw StoreError("unknown database \"" + where + "\": give sqlite:PATH (or a path ending in .db) or postgresql://…", false);
}

}  // namespace passerelle::consent_log
