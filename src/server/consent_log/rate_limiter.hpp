// rate_limiter.hpp — how many proofs one client may send: a token bucket per client key,
// held in memory only.
//
// The key is the client's address (service.cpp says which); it lives only in this table,
// never in the database or a log, and a bucket is forgotten once it is full again (the
// client has been quiet for a whole refill).  The table is bounded: past kMaxClients, full
// buckets are dropped first and, if that is not enough, the oldest — so a flood of addresses
// cannot grow memory without end (at worst it gives a fresh allowance to some clients).
//
// Depends on: the standard library.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace passerelle::consent_log {

class RateLimiter {
 public:
  static constexpr std::size_t kMaxClients = 100000;

  // per_minute proofs a client may send, in bursts of at most per_minute; 0: no limit.
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // Takes one token for `client` at time now_ms; false when its bucket is empty.
  bool allow(const std::string& client, std::int64_t now_ms);
  std::size_t clients() const;

 private:
  struct Bucket {
    double tokens;
    std::int64_t at_ms;
  };
  double refill(const Bucket& b, std::int64_t now_ms) const;
  void shrink(std::int64_t now_ms);

  int per_minute_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace passerelle::consent_log
