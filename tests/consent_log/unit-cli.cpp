// unit-cli.cpp — the operator's commands and their exit codes (cli.hpp): show finds one
// visitor's history and names the pack whose texts were shown, export writes CSV and JSON
// lines, verify exits 0 or 1 naming the record, purge, and clear errors for bad usage, a
// database that cannot be opened and an invalid pack.  Against SQLite and PostgreSQL.
//
// Depends on: backends.hpp, server/consent_log (cli, chain), GoogleTest.
#include <sstream>

#include "backends.hpp"
#include "server/consent_log/chain.hpp"
#include "server/consent_log/cli.hpp"

using namespace passerelle;
using namespace passerelle::consent_log;
using namespace passerelle::consent_log::test;

namespace {

struct CliRun {
  int code;
  std::string out, err;
};

CliRun cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

class CliTest : public Backend {};

TEST_P(CliTest, ShowPrintsTheHistoryAndWhichPacksTextsWereShown) {
  std::string why;
  const auto fr = read_pack_consent(pack_path("fr"), why);
  ASSERT_TRUE(fr) << why;
  ProofSpec first, second;
  first.texts = texts_hash(*fr, "fr");
  second.action = "withdraw";
  second.cancels = first.id;
  append_batch(*store_, {{proof(first), kNow}, {proof(second), kNow + 1}});
  const CliRun r = cli({"show", second.id, "--db", db_->where(), "--pack", pack_path("fr")});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("history of " + second.id + ": 2 records"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("texts_sha256: " + first.texts), std::string::npos);
  EXPECT_NE(r.out.find("texts: as in international.fr.json, policy 1, fr"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("texts: not the texts of any pack given"), std::string::npos);
  EXPECT_NE(r.out.find("choice audience: refused"), std::string::npos);
  const CliRun missing = cli({"show", random_hex(32), "--db", db_->where()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("no record"), std::string::npos);
  EXPECT_EQ(cli({"show", "nothex", "--db", db_->where()}).code, 2);
}

TEST_P(CliTest, ExportWritesCsvAndJsonLinesSinceADate) {
  ProofSpec old, recent;
  recent.path = "/a,b";
  append_batch(*store_, {{proof(old), kNow - 10LL * 86'400'000}, {proof(recent), kNow}});
  CliRun r = cli({"export", "--db", db_->where(), "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("seq,id,received,", 0), 0u);
  EXPECT_NE(r.out.find(",\"/a,b\","), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",necessary:1|audience:0|video:0,"), std::string::npos);
  r = cli({"export", "--db", db_->where(), "--format", "jsonl", "--since", "2025-11-28"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find(old.id), std::string::npos);
  EXPECT_NE(r.out.find("\"id\":\"" + recent.id + "\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"choices\":{\"necessary\":true,\"audience\":false,\"video\":false}"), std::string::npos);
  EXPECT_EQ(cli({"export", "--db", db_->where(), "--format", "xml"}).code, 2);
  EXPECT_EQ(cli({"export", "--db", db_->where(), "--format", "csv", "--since", "yesterday"}).code, 2);
}

TEST_P(CliTest, VerifyExitsZeroWhenIntactAndOneNamingTheRecordWhenNot) {
  ProofSpec a, b;
  append_batch(*store_, {{proof(a), kNow}, {proof(b), kNow}});
  CliRun r = cli({"verify", "--db", db_->where()});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("intact: 2 records"), std::string::npos) << r.out;
  store_->execute("UPDATE consent_records SET decided_ms = decided_ms + 1 WHERE seq = 2");
  r = cli({"verify", "--db", db_->where()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("BROKEN at record 2 (id " + b.id + ")"), std::string::npos) << r.err;
}

TEST_P(CliTest, PurgeTakesDaysAndReportsTheNewStart) {
  append_batch(*store_, {{proof(ProofSpec{}), 1'600'000'000'000}});
  CliRun r = cli({"purge", "--db", db_->where(), "--older-than", "395d"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("purged 1 records"), std::string::npos) << r.out;
  EXPECT_EQ(cli({"verify", "--db", db_->where()}).code, 0);
  EXPECT_EQ(cli({"purge", "--db", db_->where(), "--older-than", "0"}).code, 2);
  EXPECT_EQ(cli({"purge", "--db", db_->where()}).code, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CliTest, testing::Values("sqlite", "postgres"), backend_name);

TEST(Cli, UsageDatabaseAndPackErrorsHaveTheirExitCodes) {
  EXPECT_EQ(cli({}).code, 2);
  EXPECT_EQ(cli({"frobnicate"}).code, 2);
  EXPECT_EQ(cli({"verify"}).code, 2);
  EXPECT_EQ(cli({"verify", "--db", "x.db", "--colour", "red"}).code, 2);
  EXPECT_EQ(cli({"verify", "--db", "mysql://x"}).code, 3);
  const CliRun missing_dir = cli({"verify", "--db", "/nonexistent/dir/log.db"});
  EXPECT_EQ(missing_dir.code, 3);
  EXPECT_NE(missing_dir.err.find("cannot open"), std::string::npos) << missing_dir.err;
  const CliRun down = cli({"verify", "--db", "postgresql:host=127.0.0.1 port=1 connect_timeout=2"});
  EXPECT_EQ(down.code, 3);
  EXPECT_NE(down.err.find("cannot connect"), std::string::npos) << down.err;
  EXPECT_EQ(cli({"texts-hash", "/nonexistent.json"}).code, 4);
  const CliRun hash = cli({"texts-hash", pack_path("en"), "--lang", "en"});
  EXPECT_EQ(hash.code, 0);
  EXPECT_EQ(hash.out.size(), 65u);
  const std::string empty = testing::TempDir() + "consent-log-empty-" + random_hex(8) + ".db";
  const CliRun none = cli({"verify", "--db", empty});
  EXPECT_EQ(none.code, 3);
  EXPECT_NE(none.err.find("holds no consent log"), std::string::npos) << none.err;
  for (const char* ext : {"", "-wal", "-shm"}) std::remove((empty + ext).c_str());
  EXPECT_EQ(cli({"serve", "--db", empty, "--allow-origin", "*"}).code, 2);  // no --pack
  for (const char* ext : {"", "-wal", "-shm"}) std::remove((empty + ext).c_str());
}

}  // namespace
