// unit-service.cpp — POST /consent-log's answers, through the Service and through real HTTP:
// stored once, resends acknowledged, malformed / oversized / forged / altered-replay / foreign
// / off-policy proofs refused and counted, the rate limit, CORS for listed origins only, and
// many concurrent senders stored exactly once.  Each against SQLite and PostgreSQL.
//
// Depends on: backends.hpp, server/consent_log (service, http, chain), cpp-httplib, GoogleTest.
#include <httplib.h>

#include <thread>
#include <vector>

#include "backends.hpp"
#include "server/consent_log/chain.hpp"
#include "server/consent_log/http.hpp"
#include "server/consent_log/rate_limiter.hpp"
#include "server/consent_log/service.hpp"

using namespace passerelle;
using namespace passerelle::consent_log;
using namespace passerelle::consent_log::test;

namespace {

ServiceOptions options(int rate = 0) {
  ServiceOptions o;
  o.allowed_origins = {"https://example.org", "https://partner.example"};
  o.rate_per_minute = rate;
  o.policies = real_policies();
  return o;
}

class ServiceTest : public Backend {
 protected:
  Answer send(Service& s, const std::string& body, const std::string& origin = "https://example.org") {
    return s.ingest(body, origin, "client", kNow);
  }
};

TEST_P(ServiceTest, StoresOnceAndAcknowledgesAResend) {
  Service s(*store_, options());
  const std::string body = proof_body(ProofSpec{});
  EXPECT_EQ(send(s, body).status, 201);
  const Answer again = send(s, body);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.outcome, Outcome::duplicate);
  EXPECT_EQ(store_->chain().tip_seq, 1);
  EXPECT_EQ(s.count(Outcome::stored), 1);
  EXPECT_EQ(s.count(Outcome::duplicate), 1);
}

TEST_P(ServiceTest, RefusesAndCountsEveryBadKind) {
  Service s(*store_, options());
  ProofSpec base;
  const std::string good = proof_body(base);
  ASSERT_EQ(send(s, good).status, 201);
  ProofSpec replay = base;  // the same id with other choices: an altered replay
  replay.choices = "necessary:1|audience:1|video:1";
  std::string forged = proof_body(ProofSpec{});
  forged.replace(forged.find("audience:0"), 10, "audience:1");  // bytes changed after the checksum
  ProofSpec unknown_policy, wrong_purposes, refused_required, future, foreign;
  unknown_policy.policy = 7;
  wrong_purposes.choices = "necessary:1|audience:0";
  refused_required.choices = "necessary:0|audience:0|video:0";
  future.decided = kNow + 2LL * 86'400'000;
  foreign.origin = "https://elsewhere.example";
  const std::pair<std::string, Outcome> cases[] = {
      {"hello", Outcome::malformed},
      {"{\"id\":\"" + base.id + "\"}", Outcome::malformed},
      {std::string(5000, 'x'), Outcome::too_large},
      {forged, Outcome::checksum},
      {proof_body(replay), Outcome::conflict},
      {proof_body(unknown_policy), Outcome::unknown_policy},
      {proof_body(wrong_purposes), Outcome::wrong_purposes},
      {proof_body(refused_required), Outcome::wrong_purposes},
      {proof_body(future), Outcome::bad_time},
      {proof_body(foreign), Outcome::origin}};
  for (const auto& [body, expected] : cases) {
    const Answer a = send(s, body);
    EXPECT_EQ(a.outcome, expected) << body.substr(0, 80) << " → " << a.body;
    EXPECT_EQ(a.status, outcome_status(expected));
    EXPECT_GE(s.count(expected), 1);
  }
  EXPECT_EQ(send(s, proof_body(ProofSpec{}), "https://evil.example").outcome, Outcome::origin);
  EXPECT_EQ(store_->chain().tip_seq, 1);  // nothing refused was stored
  EXPECT_EQ(s.count(Outcome::malformed), 2);
  EXPECT_NE(s.metrics().find("consent_log_answers{outcome=\"checksum\"} 1"), std::string::npos) << s.metrics();
}

TEST_P(ServiceTest, EachClientHasItsOwnAllowance) {
  Service s(*store_, options(3));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(s.ingest(proof_body(ProofSpec{}), "", "a", kNow).status, 201);
  EXPECT_EQ(s.ingest(proof_body(ProofSpec{}), "", "a", kNow).status, 429);
  EXPECT_EQ(s.ingest(proof_body(ProofSpec{}), "", "b", kNow).status, 201);
  EXPECT_EQ(s.ingest(proof_body(ProofSpec{}), "", "a", kNow + 20'000).status, 201);  // a token back after 20 s
  EXPECT_EQ(s.count(Outcome::rate_limited), 1);
}

TEST_P(ServiceTest, ManyConcurrentSendersAreStoredExactlyOnce) {
  Service s(*store_, options());
  std::vector<std::thread> threads;
  std::atomic<int> acknowledged{0};
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i) {
        const std::string body = proof_body(ProofSpec{});
        if (send(s, body).status == 201) ++acknowledged;
        if (i % 10 == 0 && send(s, body).status == 200) ++acknowledged;  // a resend: not stored again
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(s.count(Outcome::stored), 640);
  EXPECT_EQ(acknowledged.load(), 640 + 64);
  const VerifyReport v = verify_chain(*store_);
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.records, 640);
}

TEST_P(ServiceTest, OverHttpWithCorsOnlyForListedOrigins) {
  Service s(*store_, options());
  HttpOptions ho;
  ho.port = 0;
  ho.threads = 4;
  HttpServer http(s, ho);
  const int port = http.bind();
  ASSERT_GT(port, 0) << http.error();
  std::thread server([&] { http.run(); });
  httplib::Client c("127.0.0.1", port);
  const std::string body = proof_body(ProofSpec{});
  auto r = c.Post("/consent-log", {{"Origin", "https://partner.example"}}, body, "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "https://partner.example");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  r = c.Post("/consent-log", {{"Origin", "https://evil.example"}}, body, "text/plain");
  EXPECT_EQ(r->status, 403);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  r = c.Options("/consent-log", {{"Origin", "https://example.org"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r->status, 204);
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Methods"), "POST");
  r = c.Options("/consent-log", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(r->status, 403);
  r = c.Post("/consent-log", std::string(40000, 'x'), "text/plain");
  EXPECT_EQ(r->status, 413);
  r = c.Get("/metrics");
  EXPECT_NE(r->body.find("outcome=\"too_large\"} 1"), std::string::npos) << r->body;
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  EXPECT_EQ(c.Get("/consent-log")->status, 404);
  http.stop();
  server.join();
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, testing::Values("sqlite", "postgres"), backend_name);

TEST(RateLimiter, RefillsOverAMinuteAndForgetsQuietClients) {
  RateLimiter r(60);
  for (int i = 0; i < 60; ++i) EXPECT_TRUE(r.allow("a", 0));
  EXPECT_FALSE(r.allow("a", 0));
  EXPECT_TRUE(r.allow("a", 1000));  // one per second
  EXPECT_FALSE(r.allow("a", 1000));
  EXPECT_EQ(r.clients(), 1u);
  RateLimiter off(0);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(off.allow("a", 0));
  EXPECT_EQ(off.clients(), 0u);
}

}  // namespace
