// rate_limiter.cpp — token buckets (see rate_limiter.hpp).
//
// Depends on: rate_limiter.hpp.
#include "server/consent_log/rate_limiter.hpp"

#include <algorithm>

namespace passerelle::consent_log {

double RateLimiter::refill(const Bucket& b, std::int64_t now_ms) const {
  const double gained = static_cast<double>(std::max<std::int64_t>(0, now_ms - b.at_ms)) * per_minute_ / 60000.0;
  return std::min<double>(per_minute_, b.tokens + gained);
}

void RateLimiter::shrink(std::int64_t now_ms) {
  for (auto it = buckets_.begin(); it != buckets_.end();)
    it = refill(it->second, now_ms) >= per_minute_ ? buckets_.erase(it) : std::next(it);
  while (buckets_.size() >= kMaxClients) {
    const auto oldest = std::min_element(buckets_.begin(), buckets_.end(),
                                         [](const auto& a, const auto& b) { return a.second.at_ms < b.second.at_ms; });
    buckets_.erase(oldest);
  }
}

bool RateLimiter::allow(const std::string& client, std::int64_t now_ms) {
  if (per_minute_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = buckets_.find(client);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxClients) shrink(now_ms);
    it = buckets_.emplace(client, Bucket{static_cast<double>(per_minute_), now_ms}).first;
  }
  Bucket& b = it->second;
  b.tokens = refill(b, now_ms);
  b.at_ms = now_ms;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

std::size_t RateLimiter::clients() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return buckets_.size();
}

}  // namespace passerelle::consent_log
