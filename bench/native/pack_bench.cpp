// pack_bench.cpp — how fast the core reads a content pack, natively: parse + validate
// throughput on the pack the site ships.
//
//   pack_bench PACK.json…   (built by CMake target pack_bench; bench/run.sh runs it on
//                            content/international.fr.json)
//
// For each file: parse_pack() on the bytes already in memory (reading the file is not timed),
// RUNS = 200 times after 5 warm-up runs, with std::chrono::steady_clock; prints the median and
// min–max time per parse and the throughput at the median (MB/s, 1 MB = 10^6 B).  The result
// of every run goes to a volatile sink so the work cannot be dropped.  The wasm build (-Oz,
// in a browser) is slower: the page's own figure is the measure passerelle:pack-parse
// (bench/startup.mjs).
//
// Prints figures and never judges them; exits 1 when a file cannot be read or is not a valid
// pack, 2 on a usage error.  Build it Release, not with sanitizers.
// Depends on: core/pack/pack.hpp (passerelle_core), the standard library.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/pack/pack.hpp"
#include "bench_stats.hpp"

namespace {

using passerelle::bench::fixed;
using passerelle::bench::median;

using Clock = std::chrono::steady_clock;
constexpr int kWarmUp = 5;
constexpr int kRuns = 200;
volatile std::size_t g_sink = 0;


}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: pack_bench PACK.json…\n";
    return 2;
  }
#ifdef NDEBUG
  const char* build = "NDEBUG";
#else
  const char* build = "assertions on (not a Release build?)";
#endif
  std::cout << "bench/native/pack_bench — " << build << ", " << std::thread::hardware_concurrency() << " CPU; "
            << kRuns << " runs per file after " << kWarmUp << " warm-up runs; 1 MB = 10^6 B\n\n";
  std::printf("%-40s %10s %14s %16s %10s\n", "pack", "bytes", "parse ms (p50)", "min–max ms", "MB/s");
  for (int a = 1; a < argc; ++a) {
    const std::string path = argv[a];
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in) {
      std::cerr << "pack_bench: cannot read " << path << "\n";
      return 1;
    }
    const std::string bytes = buf.str();
    const std::string name = path.substr(path.find_last_of('/') + 1);
    std::vector<double> ms;
    for (int i = 0; i < kWarmUp + kRuns; ++i) {
      const auto t0 = Clock::now();
      const passerelle::PackResult r = passerelle::parse_pack(bytes, name);
      const double t = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (!r.ok()) {
        for (const auto& d : r.errors) std::cerr << passerelle::format(d) << "\n";
        std::cerr << "pack_bench: " << path << " is not a valid pack\n";
        return 1;
      }
      g_sink = g_sink + r.errors.size() + 1;
      if (i >= kWarmUp) ms.push_back(t);
    }
    const double m = median(ms);
    const auto [lo, hi] = std::minmax_element(ms.begin(), ms.end());
    std::printf("%-40s %10zu %14s %16s %10s\n", path.c_str(), bytes.size(), fixed(m, 3).c_str(),
                (fixed(*lo, 3) + "–" + fixed(*hi, 3)).c_str(), fixed(bytes.size() / 1e6 / (m / 1e3), 1).c_str());
  }
  return 0;
}
