// backends.hpp — the consent log's tests run the same suite against each database: a fresh
// SQLite file per test, and a fresh schema per test in the PostgreSQL server that
// PASSERELLE_TEST_PG names (libpq key=value conninfo; scripts/test.sh starts a throwaway
// cluster with scripts/pg-cluster.sh).  Without that variable the PostgreSQL half fails with
// a message saying how to run it: it is never skipped.  Also: proofs made as the widget
// makes them (with their sha256), and the policies of the real packs.
//
// Depends on: server/consent_log (store, sha256, policy), GoogleTest.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "server/consent_log/policy.hpp"
#include "server/consent_log/sha256.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log::test {

inline std::string random_hex(std::size_t n) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string out;
  while (out.size() < n) out += "0123456789abcdef"[rng() & 0xF];
  return out;
}

inline constexpr std::int64_t kNow = 1'764'393'600'000;  // 2025-11-29

struct ProofSpec {
  std::string id = random_hex(32);
  std::string action = "refuse_all";
  std::string cancels = "-";
  std::string choices = "necessary:1|audience:0|video:0";
  std::int64_t decided = kNow - 1000;
  int policy = 1;
  std::string origin = "https://example.org";
  std::string path = "/international/";
  std::string texts = std::string(64, 'a');
};

// The wire body, with the sha256 line the widget computes.
inline std::string proof_body(const ProofSpec& s) {
  const std::string canonical = "passerelle-consent-proof=1\nid=" + s.id + "\ndecided=" + std::to_string(s.decided) +
                                "\naction=" + s.action + "\ncancels=" + s.cancels + "\npolicy=" + std::to_string(s.policy) +
                                "\nlang=fr\nchoices=" + s.choices + "\norigin=" + s.origin + "\npath=" + s.path +
                                "\ntexts=" + s.texts + "\nbuild=-\n";
  return canonical + "sha256=" + sha256_hex(canonical) + "\n";
}

inline ConsentProof proof(const ProofSpec& s) { return *parse_consent_proof(proof_body(s)).proof; }

inline std::string pack_path(const char* lang = "fr") {
  return std::string(PASSERELLE_SOURCE_DIR) + "/content/international." + lang + ".json";
}

inline ProofPolicyBook real_policies() {
  SitePolicies site;
  std::string why;
  EXPECT_TRUE(load_policies({pack_path("fr"), pack_path("en")}, site, why)) << why;
  return site.book;
}

// A database for one test: `where` for open_store / --db, removed at the end.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend) {
    if (backend == "sqlite") {
      dir_ = testing::TempDir() + "consent-log-" + random_hex(12);
      where_ = dir_ + ".db";
      return;
    }
    const char* pg = std::getenv("PASSERELLE_TEST_PG");
    if (!pg || !*pg) {
      ADD_FAILURE() << "PASSERELLE_TEST_PG is not set: run scripts/test.sh, or scripts/pg-cluster.sh run -- <this test> "
                       "(a throwaway PostgreSQL cluster)";
      return;
    }
    schema_ = "t_" + random_hex(16);
    admin_ = open_postgres_store(pg);
    admin_->execute("CREATE SCHEMA " + schema_);
    where_ = std::string("postgresql:") + pg + " options='-c search_path=" + schema_ + "'";
  }
  ~TestDatabase() {
    if (admin_) admin_->execute("DROP SCHEMA " + schema_ + " CASCADE");
    if (!dir_.empty())
      for (const char* ext : {".db", ".db-wal", ".db-shm"}) std::remove((dir_ + ext).c_str());
  }
  const std::string& where() const { return where_; }
  bool ok() const { return !where_.empty(); }

 private:
  std::string where_, dir_, schema_;
  std::unique_ptr<Store> admin_;
};

class Backend : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ASSERT_TRUE(db_->ok());
    store_ = open_store(db_->where());
    store_->migrate();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

inline std::string backend_name(const testing::TestParamInfo<std::string>& i) { return i.param; }

}  // namespace passerelle::consent_log::test
