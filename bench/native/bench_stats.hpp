// bench_stats.hpp — what the native benchmarks share: the median of timings and fixed-point
// formatting for their tables.
//
// Depends on: the standard library.
#pragma once
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace passerelle::bench {

// Median of a copy (the middle value, or the mean of the two middle ones).
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace passerelle::bench
