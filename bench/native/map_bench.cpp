// map_bench.cpp — what the map geometry costs the core, natively: its size, the parse, the
// hit test and the projection.
//
//   map_bench MAP-GEOMETRY.json   (built by CMake target map_bench; bench/run.sh runs it)
//
// Reads the file once, then measures with std::chrono::steady_clock (no benchmark library):
//   - parse + validate + triangulate: parse_map_geometry() on the bytes in memory, RUNS = 20
//     times; median and min–max in ms.  Reading the file is not timed.
//   - hit test: MapGeometry::country_at() at pseudo-random points spread uniformly over the
//     geometry's frame (the region the page shows), BATCHES batches of 100 000 queries; the
//     median batch in ns per query, min–max, and the fraction of points that hit a country.
//     The points come from a fixed seed, so every run asks the same questions; they are
//     generated before the clock starts.
//   - projection: MapGeometry::project(lon, lat) over the same kind of batches, at the
//     lon/lat of random frame points (MapProjection::invert, computed before timing).
// A volatile sink receives every answer, so the optimiser cannot drop the calls being timed.
//
// Prints figures and never judges them; exits 1 only when the file cannot be read or parsed,
// 2 on a usage error.  A benchmark: build it Release (-O2 or better), not with sanitizers.
// Depends on: core/map/geometry.hpp (passerelle_core), the standard library.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/map/geometry.hpp"
#include "bench_stats.hpp"

namespace {

using passerelle::bench::fixed;
using passerelle::bench::median;

using passerelle::MapGeometry;
using passerelle::MapPoint;
using Clock = std::chrono::steady_clock;

constexpr int kParseRuns = 20;
constexpr int kBatches = 9;
constexpr int kQueriesPerBatch = 100'000;
constexpr std::uint32_t kSeed = 20260101;

// Every answer is added into this: a volatile store the optimiser must keep.
volatile std::uint64_t g_sink = 0;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}


// "median" and "min–max" cells for a set of timings.
std::pair<std::string, std::string> summary(const std::vector<double>& v, int decimals) {
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return {fixed(median(v), decimals), fixed(*lo, decimals) + "–" + fixed(*hi, decimals)};
}

// Integers with a space every three digits (327 957), as bench/lib.mjs prints bytes.
std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

// The machine line every bench prints first: compiler, date, CPU count and model.
void machine_header() {
  std::string model = "unknown CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  char date[32];
  const std::time_t now = std::time(nullptr);
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
#if defined(__clang__)
  const std::string compiler = std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  const std::string compiler = std::string("g++ ") + __VERSION__;
#else
  const std::string compiler = "unknown compiler";
#endif
#ifdef NDEBUG
  const char* build = "NDEBUG";
#else
  const char* build = "assertions on (not a Release build?)";
#endif
  std::cout << "bench/native/map_bench — " << compiler << ", " << build << ", " << date << ", "
            << std::thread::hardware_concurrency() << " CPU (" << model << ")\n";
}

// A left-aligned label column, then right-aligned cells, two spaces apart (as lib.mjs table()).
void print_table(const std::vector<std::string>& titles, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(titles.size());
  // Display width: count UTF-8 code points, not bytes ("–" is three bytes).
  auto width = [](const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  for (std::size_t i = 0; i < titles.size(); ++i) {
    w[i] = width(titles[i]);
    for (const auto& r : rows) w[i] = std::max(w[i], width(r[i]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string pad(w[i] - width(cells[i]), ' ');
      out += i == 0 ? cells[i] + pad : pad + cells[i];
      if (i + 1 < cells.size()) out += "  ";
    }
    std::cout << out << "\n";
  };
  line(titles);
  std::vector<std::string> rule;
  for (std::size_t x : w) rule.push_back(std::string(x, '-'));
  line(rule);
  for (const auto& r : rows) line(r);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: map_bench MAP-GEOMETRY.json\n";
    return 2;
  }
  const std::string path = argv[1];
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in) {
    std::cerr << "map_bench: cannot read " << path << "\n";
    return 1;
  }
  const std::string bytes = buf.str();

  machine_header();

  // --- parse + validate + triangulate, kParseRuns times -----------------------------------
  std::vector<double> parse_ms;
  passerelle::MapGeometryResult result;
  for (int i = 0; i < kParseRuns; ++i) {
    const auto t0 = Clock::now();
    result = passerelle::parse_map_geometry(bytes, path);
    parse_ms.push_back(ms_since(t0));
    if (!result.ok()) {
      for (const auto& d : result.errors) std::cerr << passerelle::format(d) << "\n";
      std::cerr << "map_bench: " << path << " is not a valid map geometry\n";
      return 1;
    }
  }
  const MapGeometry& g = *result.geometry;

  // --- what the file holds ------------------------------------------------------------------
  std::uint64_t polygons = 0, rings = 0, vertices = 0, triangles = 0, border_points = 0;
  for (const auto& c : g.countries) {
    polygons += c.polygons.size();
    for (const auto& p : c.polygons) {
      rings += p.rings.size();
      vertices += p.vertices.size();
      triangles += p.triangles.size() / 3;
    }
  }
  for (const auto& b : g.borders) border_points += b.points.size();

  std::cout << "\n" << path << "\n\n";
  print_table({"geometry", "count"}, {
      {"file bytes", grouped(bytes.size())},
      {"countries", grouped(g.countries.size())},
      {"polygons", grouped(polygons)},
      {"rings (outer + holes)", grouped(rings)},
      {"polygon vertices", grouped(vertices)},
      {"triangles", grouped(triangles)},
      {"border polylines", grouped(g.borders.size())},
      {"border points", grouped(border_points)},
      {"zero-area rings skipped", grouped(static_cast<std::uint64_t>(g.skipped_rings))},
      {"triangulator fallbacks", grouped(static_cast<std::uint64_t>(g.fallback_cuts))},
  });

  // --- hit test and projection at seeded random points of the frame -------------------------
  std::mt19937 rng(kSeed);
  std::uniform_real_distribution<float> ux(g.frame.x0, g.frame.x1), uy(g.frame.y0, g.frame.y1);
  std::uint64_t sink = 0, hits = 0, queries = 0;
  std::vector<double> hit_ns, project_ns;
  std::vector<MapPoint> points(kQueriesPerBatch);
  std::vector<passerelle::LonLat> lonlat(kQueriesPerBatch);
  for (int b = 0; b < kBatches; ++b) {
    for (auto& p : points) p = {ux(rng), uy(rng)};
    auto t0 = Clock::now();
    for (const MapPoint& p : points) {
      const int c = g.country_at(p);
      sink += static_cast<std::uint64_t>(c + 1);
      hits += c >= 0;
    }
    hit_ns.push_back(ms_since(t0) * 1e6 / kQueriesPerBatch);
    queries += points.size();

    for (std::size_t i = 0; i < points.size(); ++i) lonlat[i] = g.projection.invert(points[i].x, points[i].y);
    t0 = Clock::now();
    float acc = 0;
    for (const auto& ll : lonlat) {
      const MapPoint p = g.project(ll.lon, ll.lat);
      acc += p.x + p.y;
    }
    project_ns.push_back(ms_since(t0) * 1e6 / kQueriesPerBatch);
    sink += static_cast<std::uint64_t>(acc != 0);
  }

  const auto [parse_med, parse_rng] = summary(parse_ms, 2);
  const auto [hit_med, hit_rng] = summary(hit_ns, 1);
  const auto [proj_med, proj_rng] = summary(project_ns, 1);
  std::cout << "\nframe " << fixed(g.frame.x0, 4) << ", " << fixed(g.frame.y0, 4) << " – "
            << fixed(g.frame.x1, 4) << ", " << fixed(g.frame.y1, 4) << " (map units); seed " << kSeed
            << "; " << kBatches << " batches of " << grouped(kQueriesPerBatch) << " points\n\n";
  print_table({"operation", "unit", "median", "min–max", "runs"}, {
      {"parse + validate + triangulate", "ms", parse_med, parse_rng, std::to_string(kParseRuns)},
      {"hit test (country_at)", "ns/query", hit_med, hit_rng, std::to_string(kBatches)},
      {"projection (project lon/lat)", "ns/point", proj_med, proj_rng, std::to_string(kBatches)},
  });
  std::cout << "\npoints on land: " << fixed(100.0 * static_cast<double>(hits) / static_cast<double>(queries), 1)
            << " % of " << grouped(queries) << "\n";
  g_sink = sink;
  return 0;
}
