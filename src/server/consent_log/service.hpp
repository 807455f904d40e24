// service.hpp — what POST /consent-log does, without HTTP: check the proof (size, format,
// checksum, origin, policy, rate), hand it to the writer, and say what happened as a status
// code and a small JSON body.  http.cpp only moves bytes between the network and here, so
// every answer is tested without sockets as well as with them.
//
// Answers:
//   201 stored          the proof is committed (durably) for the first time
//   200 duplicate       the same proof (same id, same bytes) was already stored: a resend
//   400 malformed / checksum      not a proof, or its sha256 line does not match its bytes
//   403 origin          the page's origin (or the request's Origin) is not one the operator lists
//   409 conflict        a proof with this id but other bytes is stored (a replay, altered)
//   413 too_large       over kMaxProofBytes
//   422 unknown_policy / wrong_purposes / bad_time   not a decision this site's policy allows
//   429 rate_limited    the client sent more than its allowance (Retry-After)
//   503 unavailable     the database cannot take it now: nothing was acknowledged (Retry-After)
//   500 failed          a bug: nothing was acknowledged
// Every answer is counted by its name (Counters, GET /metrics on the service's own port).
//
// Depends on: ingest.hpp, rate_limiter.hpp, core/consent/proof.hpp, the standard library.
#pragma once
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/proof.hpp"
#include "server/consent_log/ingest.hpp"
#include "server/consent_log/rate_limiter.hpp"

namespace passerelle::consent_log {

enum class Outcome { stored, duplicate, malformed, checksum, origin, conflict, too_large, unknown_policy,
                     wrong_purposes, bad_time, rate_limited, unavailable, failed };
inline constexpr std::size_t kOutcomeCount = 13;
std::string_view outcome_name(Outcome o);
int outcome_status(Outcome o);

struct ServiceOptions {
  std::vector<std::string> allowed_origins;  // exact origins ("https://example.org"); "*": any
  int rate_per_minute = 60;                  // per client; 0: no limit
  ProofPolicyBook policies;
  std::chrono::milliseconds answer_timeout{10000};
};

struct Answer {
  Outcome outcome = Outcome::failed;
  int status = 500;
  std::string body;  // JSON
};

class Service {
 public:
  Service(Store& store, ServiceOptions options);

  // origin_header: the request's Origin ("" when none: not a browser); client: the key of
  // its rate bucket (an address), used in memory only.
  Answer ingest(std::string_view body, std::string_view origin_header, const std::string& client, std::int64_t now_ms);

  bool origin_allowed(std::string_view origin) const;
  std::int64_t count(Outcome o) const { return counts_[static_cast<std::size_t>(o)].load(); }
  std::string metrics() const;  // "consent_log_answers{outcome=\"stored\"} 12\n" …

 private:
  Answer answer(Outcome o, std::string detail, const std::string& id = {});

  ServiceOptions options_;
  RateLimiter limiter_;
  Ingest ingest_;
  std::array<std::atomic<std::int64_t>, kOutcomeCount> counts_{};
};

}  // namespace passerelle::consent_log
