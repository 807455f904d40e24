// unit-store.cpp — each database stores a proof once, chains it, and lets verify name the
// first record an intruder edited, removed or reordered; purging keeps the chain verifiable;
// migrations apply once.  Every test runs against SQLite and PostgreSQL (backends.hpp).
//
// Depends on: backends.hpp, server/consent_log (chain, store, schema, cli_records).
#include <thread>
#include <vector>

#include "backends.hpp"
#include "server/consent_log/chain.hpp"
#include "server/consent_log/cli_records.hpp"
#include "server/consent_log/schema.hpp"

using namespace passerelle;
using namespace passerelle::consent_log;
using namespace passerelle::consent_log::test;

namespace {

class StoreTest : public Backend {
 protected:
  // Appends proofs one batch each; returns their ids.
  std::vector<std::string> append(int n, std::int64_t received = kNow) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      ProofSpec s;
      const auto r = append_batch(*store_, {{proof(s), received + i}});
      EXPECT_EQ(r[0].status, AppendStatus::stored) << r[0].message;
      ids.push_back(s.id);
    }
    return ids;
  }
};

TEST_P(StoreTest, AProofIsStoredOnceChainedAndReadBackExactly) {
  ProofSpec s;
  s.choices = "necessary:1|audience:1|video:0";
  const auto r = append_batch(*store_, {{proof(s), kNow}});
  ASSERT_EQ(r[0].status, AppendStatus::stored) << r[0].message;
  EXPECT_EQ(r[0].seq, 1);
  const auto found = store_->find(s.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->proof.canonical(), proof(s).canonical());
  EXPECT_EQ(found->prev_hash, kGenesisHash);
  EXPECT_EQ(found->hash, chain_hash(1, kNow, kGenesisHash, proof(s).canonical()));
  EXPECT_EQ(store_->chain().tip_hash, found->hash);
  const VerifyReport v = verify_chain(*store_);
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.records, 1);
}

TEST_P(StoreTest, TheSameProofAgainIsADuplicateAndAnAlteredOneAConflict) {
  ProofSpec s;
  ASSERT_EQ(append_batch(*store_, {{proof(s), kNow}})[0].status, AppendStatus::stored);
  const auto again = append_batch(*store_, {{proof(s), kNow + 5000}});
  EXPECT_EQ(again[0].status, AppendStatus::duplicate);
  EXPECT_EQ(again[0].seq, 1);
  ProofSpec altered = s;
  altered.choices = "necessary:1|audience:1|video:1";
  EXPECT_EQ(append_batch(*store_, {{proof(altered), kNow}})[0].status, AppendStatus::conflict);
  EXPECT_EQ(store_->chain().tip_seq, 1);
  // Within one batch too.
  ProofSpec t;
  const auto batch = append_batch(*store_, {{proof(t), kNow}, {proof(t), kNow}, {proof(altered), kNow}});
  EXPECT_EQ(batch[0].status, AppendStatus::stored);
  EXPECT_EQ(batch[1].status, AppendStatus::duplicate);
  EXPECT_EQ(batch[2].status, AppendStatus::conflict);
  EXPECT_TRUE(verify_chain(*store_).intact);
  EXPECT_EQ(verify_chain(*store_).records, 2);
}

TEST_P(StoreTest, VerifyNamesTheFirstEditedRecord) {
  const auto ids = append(5);
  store_->execute("UPDATE consent_records SET choices = 'necessary:1|audience:1|video:1' WHERE seq = 3");
  const VerifyReport v = verify_chain(*store_);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_EQ(v.first_bad_id, ids[2]);
  EXPECT_NE(v.problem.find("edited"), std::string::npos) << v.problem;
}

TEST_P(StoreTest, VerifyNamesARecordWhoseHashWasRecomputedByTheNextOne) {
  append(4);
  // An intruder who edits a record and fixes its own hash still breaks the next one's prev.
  std::string id2;
  store_->scan(0, [&](const StoredRecord& r) { if (r.seq == 2) id2 = r.proof.id; return true; });
  StoredRecord edited = *store_->find(id2);
  edited.proof.choices[1].second = true;
  const std::string fixed = chain_hash(2, edited.received_ms, edited.prev_hash, edited.proof.canonical());
  store_->execute("UPDATE consent_records SET choices = '" + edited.proof.choices_text() + "', hash = '" + fixed + "' WHERE seq = 2");
  const VerifyReport v = verify_chain(*store_);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_P(StoreTest, VerifySeesARecordRemovedInTheMiddleOrAtTheEnd) {
  append(5);
  store_->execute("DELETE FROM consent_records WHERE seq = 3");
  VerifyReport v = verify_chain(*store_);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("missing"), std::string::npos) << v.problem;

  TestDatabase other(GetParam());
  auto s2 = open_store(other.where());
  s2->migrate();
  for (int i = 0; i < 3; ++i) append_batch(*s2, {{proof(ProofSpec{}), kNow}});
  s2->execute("DELETE FROM consent_records WHERE seq = 3");
  v = verify_chain(*s2);
  EXPECT_FALSE(v.intact);
  EXPECT_NE(v.problem.find("tip"), std::string::npos) << v.problem;
}

TEST_P(StoreTest, AColumnThatNoLongerReadsAsAProofIsNamed) {
  const auto ids = append(2);
  store_->execute("UPDATE consent_records SET origin = 'javascript:alert(1)' WHERE seq = 2");
  const VerifyReport v = verify_chain(*store_);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_NE(v.problem.find("origin"), std::string::npos) << v.problem;
}

TEST_P(StoreTest, PurgeRemovesTheOldestAndTheChainStillVerifies) {
  append(3, kNow - 400LL * 86'400'000);  // received 400 days ago
  const auto recent = append(2, kNow);
  const PurgeResult p = store_->purge(kNow - 395LL * 86'400'000, kNow);
  EXPECT_EQ(p.removed, 3);
  EXPECT_EQ(p.anchor_seq, 3);
  const VerifyReport v = verify_chain(*store_);
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.records, 2);
  EXPECT_TRUE(store_->find(recent[0]));
  EXPECT_EQ(store_->purge(kNow - 395LL * 86'400'000, kNow).removed, 0);  // nothing more to purge
  append(1, kNow + 10);
  EXPECT_TRUE(verify_chain(*store_).intact);
}

TEST_P(StoreTest, MigrationsApplyOnceAndTheVersionIsTheLatest) {
  EXPECT_EQ(store_->schema_version(), latest_schema_version());
  store_->migrate();
  store_->migrate();
  EXPECT_EQ(store_->schema_version(), latest_schema_version());
  append(1);
  auto again = open_store(db_->where());
  again->migrate();
  EXPECT_EQ(again->chain().tip_seq, 1);
}

TEST_P(StoreTest, AVisitorsHistoryFollowsWhatEachDecisionReplaced) {
  ProofSpec first, second, third, stranger;
  first.action = "accept_all";
  first.choices = "necessary:1|audience:1|video:1";
  second.action = "custom";
  second.cancels = first.id;
  second.choices = "necessary:1|audience:1|video:0";
  third.action = "withdraw";
  third.cancels = second.id;
  append_batch(*store_, {{proof(first), kNow}, {proof(stranger), kNow}, {proof(second), kNow + 1}, {proof(third), kNow + 2}});
  for (const std::string& id : {first.id, second.id, third.id}) {
    const auto h = history(*store_, id);
    ASSERT_EQ(h.size(), 3u) << id;
    EXPECT_EQ(h[0].proof.id, first.id);
    EXPECT_EQ(h[2].proof.action, ConsentAction::withdraw);
  }
  EXPECT_EQ(history(*store_, stranger.id).size(), 1u);
  EXPECT_TRUE(history(*store_, random_hex(32)).empty());
}

TEST_P(StoreTest, WritersInSeveralConnectionsMakeOneLinearChain) {
  std::vector<std::thread> threads;
  std::atomic<int> stored{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      auto own = open_store(db_->where());  // its own connection, as another process would have
      for (int i = 0; i < 25; ++i) {
        for (int attempt = 0; attempt < 50; ++attempt) {
          const auto r = append_batch(*own, {{proof(ProofSpec{}), kNow}});
          if (r[0].status == AppendStatus::stored) { ++stored; break; }
          ASSERT_EQ(r[0].status, AppendStatus::unavailable) << r[0].message;  // busy: try again
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), 100);
  const VerifyReport v = verify_chain(*store_);
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.records, 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, testing::Values("sqlite", "postgres"), backend_name);

}  // namespace
