// unit-map-geometry-loader.cpp — the geometry read in bounded steps (MapGeometryLoader): a map
// of many countries takes several steps, each bounded by the work it does (not by time: the
// same steps everywhere); whatever the step size, the answer — the geometry, or the
// diagnostics byte for byte — is the one-shot parse's; a loader dropped in the middle frees
// everything (counted with ASan's allocator hooks, and LeakSanitizer at exit).
//
// Depends on: core/map/geometry.hpp, fuzz/heap_peak.hpp, test_support.hpp, GoogleTest;
// PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../../fuzz/heap_peak.hpp"
#include "core/map/geometry.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

// n countries in a row, each a square ring of 4 × side points (one arc of its own), so
// that every country is about the same work: ~4 × side points to stitch and triangulate.
std::string many_countries(int n, int side) {
  std::string arcs, countries, coast;
  for (int c = 0; c < n; ++c) {
    std::string arc = "[" + std::to_string(c * 100 + 10) + ", 10";
    const int steps[4][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    for (const auto& d : steps)
      for (int k = 0; k < side; ++k)
        arc += ", " + std::to_string(d[0] * 80 / side) + ", " + std::to_string(d[1] * 80 / side);
    arc += "]";
    arcs += (c ? ",\n    " : "") + arc;
    coast += (c ? ", " : "") + std::to_string(c);
    const std::string id = {static_cast<char>('A' + c / 26), static_cast<char>('A' + c % 26)};
    countries += std::string(c ? ",\n    " : "") + R"({"id": ")" + id + R"(", "names": {"fr": "Pays )" +
                 id + R"("}, "polygons": [[[)" + std::to_string(c) + "]]]}";
  }
  return R"({
  "format": "passerelle-map-geometry/1",
  "attribution": "Test data",
  "projection": {"type": "conic-conformal", "parallels": [13, 47], "rotate": [-10, 0]},
  "transform": {"scale": [0.001, 0.001], "translate": [-1, -1]},
  "frame": [0, 0, )" + std::to_string(n * 100) + R"(, 100],
  "extent": [0, 0, )" + std::to_string(n * 100) + R"(, 100],
  "arcs": [
    )" + arcs + R"(
  ],
  "borders": {"coast": [)" + coast + R"(]},
  "countries": [
    )" + countries + R"(
  ]
})";
}

// Every step at once, counting them.
MapGeometryResult load_in_steps(std::string_view bytes, std::size_t step_work, int* steps = nullptr,
                                const MapGeometryLimits& limits = {}) {
  MapGeometryLoader loader(bytes, "g.json", limits, step_work);
  EXPECT_FALSE(loader.done());
  while (loader.step()) EXPECT_FALSE(loader.done());
  EXPECT_TRUE(loader.done());
  EXPECT_FALSE(loader.step()) << "a finished loader has nothing left to do";
  if (steps) *steps = loader.steps_taken();
  return loader.take_result();
}

std::string bits(float f) {
  std::uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return std::to_string(u);
}

// The whole answer as text: every diagnostic field by field, every coordinate bit for bit.
std::string describe(const MapGeometryResult& r) {
  std::string s = "ok=" + std::to_string(r.ok()) + "\n";
  for (const Diagnostic& d : r.errors)
    s += format(d) + " |" + d.file + "|" + std::to_string(d.line) + "|" + std::to_string(d.column) + "|" +
         d.pointer + "|" + d.expected + "|" + d.found + "\n";
  if (!r.geometry) return s;
  const MapGeometry& g = *r.geometry;
  auto box = [](const MapBox& b) { return bits(b.x0) + "," + bits(b.y0) + "," + bits(b.x1) + "," + bits(b.y1) + " "; };
  s += box(g.frame) + box(g.extent) + g.attribution + " skipped=" + std::to_string(g.skipped_rings) +
       " cuts=" + std::to_string(g.fallback_cuts) + "\n";
  for (const MapBorder& b : g.borders) {
    s += "border " + std::to_string(static_cast<int>(b.kind)) + " " + std::to_string(b.arc) + " " + box(b.box);
    for (const MapPoint& p : b.points) s += bits(p.x) + "," + bits(p.y) + " ";
    s += "\n";
  }
  for (const MapCountry& c : g.countries) {
    s += c.id + " " + box(c.box) + std::to_string(c.area) + "\n";
    for (const auto& [lang, name] : c.names) s += "  " + lang + "=" + name + "\n";
    for (const MapPolygon& p : c.polygons) {
      s += "  polygon " + box(p.box) + std::to_string(p.area) + " rings " + std::to_string(p.rings.size()) + ":";
      for (const MapPoint& v : p.vertices) s += " " + bits(v.x) + "," + bits(v.y);
      s += " triangles:";
      for (const std::uint32_t t : p.triangles) s += " " + std::to_string(t);
      s += "\n";
    }
  }
  return s;
}

TEST(MapGeometryLoader, ManyCountriesTakeSeveralStepsEachBoundedByItsWork) {
  const std::string doc = many_countries(60, 25);  // 60 countries of 100 points
  int steps = 0;
  const MapGeometryResult r = load_in_steps(doc, 1000, &steps);
  ASSERT_TRUE(r.ok()) << describe(r);
  ASSERT_EQ(r.geometry->countries.size(), 60u);
  // A country is 103 units to read (a reference, 101 points, itself) and 102 to build (101
  // points, the polygon): 10 of them are built per step of 1000 (6 steps), and read 39 per
  // step of 4 × 1000 (2 steps), after the parse's and the top level's.
  EXPECT_EQ(steps, 2 + 2 + 6);
  // Smaller steps: more of them; one step for the whole load (what parse_map_geometry runs).
  int small = 0, whole = 0;
  load_in_steps(doc, 300, &small);
  load_in_steps(doc, SIZE_MAX, &whole);
  EXPECT_GT(small, steps);
  EXPECT_EQ(whole, 4);  // the parse, the top level, the countries, the polygons
  // Deterministic: the same document and bound, the same steps.
  int again = 0;
  load_in_steps(doc, 1000, &again);
  EXPECT_EQ(again, steps);
}

TEST(MapGeometryLoader, TheResultIsTheOneShotParseWhateverTheStepSize) {
  const std::string doc = many_countries(12, 10);
  const std::string expected = describe(parse_map_geometry(doc, "g.json"));
  for (const std::size_t work : {std::size_t{1}, std::size_t{7}, std::size_t{100}, MapGeometryLoader::kStepWork})
    EXPECT_EQ(describe(load_in_steps(doc, work)), expected) << "step work " << work;
}

// Broken documents: their diagnostics, in order and byte for byte, do not depend on the steps
// (errors found in the countries' steps, the limit on errors, a bad document).
TEST(MapGeometryLoader, DiagnosticsAreTheOneShotParsesWhateverTheStepSize) {
  const std::string doc = many_countries(40, 5);
  std::vector<std::string> broken = {
      "", "{", "[]", R"({"format": 2})",
      std::string(doc).replace(doc.find("[[[3]]]"), 7, "[[[99]]]"),      // an arc that is not there
      std::string(doc).replace(doc.find("\"AC\""), 4, "\"AA\""),         // a duplicate id
      std::string(doc).replace(doc.find("\"frame\""), 7, "\"frames\""),  // a missing section
  };
  // 150 bad references: past the limit of errors (100), the countries' reading stops early.
  std::string many_bad = many_countries(150, 2);
  for (std::size_t at = 0; (at = many_bad.find("[[[", at)) != std::string::npos; at += 3)
    many_bad.insert(at + 3, "9");  // arc 9c, 9cc: past the 150 arcs
  broken.push_back(many_bad);
  // Random byte changes.
  std::mt19937 rng(16);
  for (int i = 0; i < 40; ++i) {
    std::string m = doc;
    const std::size_t at = rng() % m.size();
    m[at] = "0123456789-,[]{}\"x"[rng() % 18];
    broken.push_back(m);
  }
  int failing = 0;
  for (const std::string& b : broken) {
    const MapGeometryResult once = parse_map_geometry(b, "g.json");
    failing += !once.ok();
    const std::string expected = describe(once);
    for (const std::size_t work : {std::size_t{1}, std::size_t{50}, MapGeometryLoader::kStepWork})
      EXPECT_EQ(describe(load_in_steps(b, work)), expected) << "step work " << work << " of\n" << b;
  }
  EXPECT_GT(failing, 10);  // the cases do test diagnostics
}

TEST(MapGeometryLoader, TheRealMapTakesSeveralStepsAndGivesTheSameMap) {
  const std::string doc = read_file(PASSERELLE_MAP_GEOMETRY);
  int steps = 0;
  const MapGeometryResult r = load_in_steps(doc, MapGeometryLoader::kStepWork, &steps);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(steps, 6) << "the real map's ~25,000 ring points in steps of " << MapGeometryLoader::kStepWork;
  EXPECT_EQ(describe(r), describe(parse_map_geometry(doc, "g.json")));
}

TEST(MapGeometryLoader, ItsResultIsEmptyUntilTheLastStep) {
  const std::string doc = many_countries(10, 10);
  MapGeometryLoader loader(doc, "g.json", {}, 50);
  ASSERT_TRUE(loader.step());
  ASSERT_TRUE(loader.step());
  EXPECT_FALSE(loader.result().ok());
  EXPECT_TRUE(loader.result().errors.empty());
}

#ifdef PASSERELLE_HEAP_HOOKS
// Bytes still allocated once f has run (f's own allocations only).
template <typename F>
std::size_t left_allocated_by(F&& f) {
  fuzz::peak_heap_of(f);
  return fuzz::g_heap.live;
}
#endif

TEST(MapGeometryLoader, ALoaderDroppedInTheMiddleFreesEverything) {
#ifdef PASSERELLE_HEAP_HOOKS
  ASSERT_TRUE(fuzz::heap_peak_available());
  const std::string doc = many_countries(30, 10);
  int total = 0;
  load_in_steps(doc, 200, &total);
  ASSERT_GT(total, 6);
  // Dropped after each possible step: in the parse, while reading, while building.
  for (int stop = 0; stop <= total; ++stop) {
    std::size_t held = 0;
    const std::size_t left = left_allocated_by([&] {
      auto loader = std::make_unique<MapGeometryLoader>(doc, "g.json", MapGeometryLimits{}, 200);
      for (int i = 0; i < stop; ++i) loader->step();
      held = fuzz::g_heap.live;
      loader.reset();
    });
    if (stop > 0) EXPECT_GT(held, 0u) << "the loader holds something after " << stop << " steps";
    EXPECT_EQ(left, 0u) << "bytes left after dropping the loader at step " << stop;
  }
#else
  GTEST_SKIP() << "needs AddressSanitizer's allocator hooks (LeakSanitizer checks at exit too)";
#endif
}

}  // namespace
