// json_bench.cpp — what hostile JSON costs the core, natively: time and peak heap of
// parse_pack() and parse_map_geometry() on generated worst shapes (issue 13, item 2).
//
//   json_bench [MB…]   (built by CMake target json_bench; bench/run.sh runs it at 0.5 and 2 MB)
//
// Each shape is a document of about MB × 10^6 bytes that a hostile or careless pack could be:
// one long key over many values, long keys nested, many tiny values, many tiny containers,
// many short keys (every one an unknown field: the most diagnostics), one key repeated, a
// string of \u escapes, numbers of many digits.  Each is wrapped so that the reader reports at
// least one diagnostic (the position index is built only then).  For each shape and parser:
// the median time of RUNS runs (after one warm-up) and the peak of live heap bytes during one
// run, counted by replacing the global operator new/delete (malloc'd memory of the C library,
// if any, is not counted), then both per MB of input.  The requirement it shows: time and
// memory linear in the input, peak heap under 20× the file.
//
// Prints figures and never judges them; exits 2 on a usage error.  Build it Release.
// Depends on: core/pack/pack.hpp, core/map/geometry.hpp (passerelle_core), bench_stats.hpp,
// the standard library.
#include <malloc.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "bench_stats.hpp"
#include "core/map/geometry.hpp"
#include "core/pack/pack.hpp"

// --- a heap-counting operator new ---------------------------------------------------------
namespace {
std::size_t g_live = 0;
std::size_t g_peak = 0;
}  // namespace

void* operator new(std::size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  g_live += malloc_usable_size(p);
  if (g_live > g_peak) g_peak = g_live;
  return p;
}
void operator delete(void* p) noexcept {
  if (!p) return;
  g_live -= malloc_usable_size(p);
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace {

using passerelle::bench::fixed;
using passerelle::bench::median;
using Clock = std::chrono::steady_clock;
constexpr int kRuns = 5;
volatile std::size_t g_sink = 0;

std::string repeat(std::string_view s, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + s.size());
  while (out.size() < bytes) out += s;
  return out;
}

// "k0001", "k0002"…: distinct short keys.
std::string short_keys(std::size_t bytes, std::string_view value) {
  std::string out = "{";
  for (std::size_t i = 0; out.size() < bytes; ++i) {
    if (i) out += ',';
    out += "\"k" + std::to_string(i) + "\":";
    out += value;
  }
  return out + "}";
}

struct Shape {
  const char* name;
  std::function<std::string(std::size_t)> make;  // a value of about n bytes
};

// The shapes, as one value; wrapped in {"format": 1, "x": …} (an unknown field) below.
std::vector<Shape> shapes() {
  return {
      {"one long key over many values",
       [](std::size_t n) { return "{\"" + std::string(n / 2, 'k') + "\":[" + repeat("0,", n / 2) + "0]}"; }},
      {"long keys nested 30 deep, repeated keys inside",
       [](std::size_t n) {
         std::string s, key(n / 64, 'k');
         for (int d = 0; d < 30; ++d) s += "{\"" + key + "\":";
         s += "{" + repeat("\"a\":0,", n / 2) + "\"a\":0}";
         return s + std::string(30, '}');
       }},
      {"many tiny values [0,0,…]", [](std::size_t n) { return "[" + repeat("0,", n) + "0]"; }},
      {"many tiny objects [{},{},…]", [](std::size_t n) { return "[" + repeat("{},", n) + "{}]"; }},
      {"many tiny arrays [[],[],…]", [](std::size_t n) { return "[" + repeat("[],", n) + "[]]"; }},
      {"many empty strings [\"\",…]", [](std::size_t n) { return "[" + repeat("\"\",", n) + "\"\"]"; }},
      {"many short keys {\"k1\":0,…}", [](std::size_t n) { return short_keys(n, "0"); }},
      {"many short keys of objects", [](std::size_t n) { return short_keys(n, "{}"); }},
      {"one key repeated {\"a\":0,\"a\":0,…}",
       [](std::size_t n) { return "{" + repeat("\"a\":0,", n) + "\"a\":0}"; }},
      {"a string of \\u escapes", [](std::size_t n) { return "\"" + repeat("\\u00e9", n) + "\""; }},
      {"numbers of 300 digits", [](std::size_t n) { return "[" + repeat(std::string(300, '7') + ",", n) + "1]"; }},
      {"numbers with long exponents", [](std::size_t n) { return "[" + repeat("1e-00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001,", n) + "1]"; }},
      {"many lines [\\n0,\\n0…]", [](std::size_t n) { return "[" + repeat("\n0,", n) + "0]"; }},
  };
}

struct Figures {
  double ms;
  std::size_t peak;
  std::size_t errors;
};

Figures measure(const std::function<std::size_t()>& run) {
  std::vector<double> ms;
  std::size_t errors = 0;
  std::size_t peak = 0;
  for (int i = 0; i <= kRuns; ++i) {
    const std::size_t base = g_live;
    g_peak = g_live;
    const auto t0 = Clock::now();
    errors = run();
    const double t = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (i > 0) ms.push_back(t);
    peak = std::max(peak, g_peak - base);
  }
  return {median(ms), peak, errors};
}

void row(const char* parser, const char* shape, std::size_t bytes, const Figures& f) {
  const double mb = bytes / 1e6;
  std::printf("%-8s %-48s %9zu %9s %10s %10s %11s %7zu\n", parser, shape, bytes,
              fixed(f.ms, 2).c_str(), fixed(f.ms / mb, 1).c_str(),
              fixed(f.peak / 1e6, 1).c_str(), fixed(f.peak / 1e6 / mb, 1).c_str(), f.errors);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> sizes;
  for (int a = 1; a < argc; ++a) {
    char* end = nullptr;
    const double mb = std::strtod(argv[a], &end);
    if (!end || *end || !(mb > 0 && mb <= 2.0)) {
      std::fprintf(stderr, "usage: json_bench [MB…]  (each in (0, 2])\n");
      return 2;
    }
    sizes.push_back(mb);
  }
  if (sizes.empty()) sizes = {2.0};
#ifdef NDEBUG
  const char* build = "NDEBUG";
#else
  const char* build = "assertions on (not a Release build?)";
#endif
  std::printf("bench/native/json_bench — %s; median of %d runs after 1 warm-up; peak = live heap "
              "(operator new) above the input; 1 MB = 10^6 B\n\n", build, kRuns);
  std::printf("%-8s %-48s %9s %9s %10s %10s %11s %7s\n", "parser", "shape", "bytes", "ms",
              "ms/MB", "peak MB", "peak/input", "diags");
  passerelle::PackLimits pack_limits;
  pack_limits.max_bytes = 2 * 1024 * 1024;
  passerelle::MapGeometryLimits map_limits;
  for (const double mb : sizes) {
    for (const Shape& s : shapes()) {
      const std::size_t target = static_cast<std::size_t>(mb * 1e6) - 64;
      // Each generator overshoots a little; shrink its size argument until the document fits.
      std::string doc;
      for (std::size_t n = target; n > 0; n = n * 9 / 10) {
        std::string v = s.make(n);
        doc = "{\"format\": 1, \"x\": " + v + "}";
        if (doc.size() <= target + 64) break;
      }
      const Figures p = measure([&] {
        const passerelle::PackResult r = passerelle::parse_pack(doc, "hostile.json", pack_limits);
        g_sink = g_sink + r.errors.size();
        return r.errors.size();
      });
      row("pack", s.name, doc.size(), p);
      const Figures m = measure([&] {
        const passerelle::MapGeometryResult r = passerelle::parse_map_geometry(doc, "hostile.json", map_limits);
        g_sink = g_sink + r.errors.size();
        return r.errors.size();
      });
      row("geometry", s.name, doc.size(), m);
    }
  }
  return 0;
}
