// unit-map-geometry.cpp — reading passerelle-map-geometry/2 and /1: a small hand-written map (two
// neighbours sharing an arc, a lake, an enclave), one test per error code, a mutation fuzz,
// and — when CMake passes PASSERELLE_MAP_GEOMETRY, the path of the generated file — hit tests
// on real capitals and an area check of every real polygon's triangulation.
//
// Depends on: core/map/geometry.hpp, core/map/triangulate.hpp (signed_area), test_support.hpp,
// GoogleTest.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <string>

#include "core/map/geometry.hpp"
#include "core/map/triangulate.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

// Quantized units; scale 0.001 and translate −1 put the map in [−1, 0]².
//   AA: the square 100..500 with a lake 200..300 (a hole), and the enclave CC (350..450)
//       drawn over it without a hole;  BB: the square 500..900, sharing arc 0 with AA.
constexpr std::string_view kValid = R"({
  "format": "passerelle-map-geometry/1",
  "attribution": "Test data",
  "projection": {"type": "conic-conformal", "parallels": [13, 47], "rotate": [-10, 0]},
  "transform": {"scale": [0.001, 0.001], "translate": [-1, -1]},
  "frame": [100, 100, 900, 500],
  "extent": [0, 0, 1000, 600],
  "arcs": [
    [500, 100, 0, 400],
    [500, 500, -400, 0, 0, -400, 400, 0],
    [200, 200, 100, 0, 0, 100, -100, 0, 0, -100],
    [500, 500, 400, 0, 0, -400, -400, 0],
    [350, 350, 100, 0, 0, 100, -100, 0, 0, -100]
  ],
  "borders": {"coast": [1, 3, 4], "land": [0], "disputed": [-3]},
  "countries": [
    {"id": "AA", "names": {"fr": "Aa-fr", "en": "Aa-en"}, "polygons": [[[0, 1], [2]]]},
    {"id": "BB", "names": {"en": "Bb"}, "polygons": [[[-1, -4]]]},
    {"id": "CC", "names": {"fr": "Cc"}, "polygons": [[[4]]]}
  ]
})";

std::string with(std::string_view from, std::string_view to, std::string doc = std::string(kValid)) {
  const std::size_t at = doc.find(from);
  EXPECT_NE(at, std::string::npos) << "test bug: " << from;
  if (at != std::string::npos) doc.replace(at, from.size(), to);
  return doc;
}

MapPoint q(double x, double y) {  // quantized → map units, as the test transform does
  return {static_cast<float>(x * 0.001 - 1), static_cast<float>(y * 0.001 - 1)};
}

bool has_error(const MapGeometryResult& r, ErrorCode code) {
  for (const Diagnostic& d : r.errors)
    if (d.code == code) return true;
  return false;
}

std::string codes(const MapGeometryResult& r) {
  std::string s;
  for (const Diagnostic& d : r.errors) s += format(d) + "\n";
  return s;
}

// Triangle areas against the polygon's own area.
void expect_filled(const MapPolygon& p, double rel, const std::string& label) {
  double sum = 0;
  for (std::size_t i = 0; i + 2 < p.triangles.size(); i += 3) {
    ASSERT_LT(std::max({p.triangles[i], p.triangles[i + 1], p.triangles[i + 2]}), p.vertices.size());
    const MapPoint a = p.vertices[p.triangles[i]], b = p.vertices[p.triangles[i + 1]],
                   c = p.vertices[p.triangles[i + 2]];
    const double t = (double(b.x) - a.x) * (double(c.y) - a.y) - (double(b.y) - a.y) * (double(c.x) - a.x);
    EXPECT_GT(t, 0) << label << ": triangle " << i / 3;
    sum += std::fabs(t) / 2;
  }
  EXPECT_NEAR(sum, p.area, rel * p.area) << label;
}

double ring_area(const std::vector<MapPoint>& ring) {
  std::vector<TriPoint> t;
  for (const MapPoint& m : ring) t.push_back({m.x, m.y});
  return signed_area(t);
}

}  // namespace

namespace {

// The encoded polyline algorithm as tools/map/build-geometry.mjs writes format /2's arcs,
// written again here so that the reader is checked against a second implementation.
std::string encode(const std::vector<std::int64_t>& values) {
  std::string out;
  for (const std::int64_t v : values) {
    std::uint64_t z = v < 0 ? static_cast<std::uint64_t>(-2 * v - 1) : static_cast<std::uint64_t>(2 * v);
    while (z >= 0x20) {
      out += static_cast<char>(63 + (0x20 | (z & 0x1f)));
      z >>= 5;
    }
    out += static_cast<char>(63 + z);
  }
  return out;
}

// JSON string of an encoded arc ('\\' is one of the 64 characters).
std::string json_arc(const std::vector<std::int64_t>& values) {
  std::string out = "\"";
  for (const char c : encode(values)) out += c == '\\' ? std::string("\\\\") : std::string(1, c);
  return out + "\"";
}

// kValid in format /2: the same integers, each arc one string.
std::string version2(std::string doc = std::string(kValid)) {
  doc = with("passerelle-map-geometry/1", "passerelle-map-geometry/2", doc);
  doc = with("[500, 100, 0, 400]", json_arc({500, 100, 0, 400}), doc);
  doc = with("[500, 500, -400, 0, 0, -400, 400, 0]", json_arc({500, 500, -400, 0, 0, -400, 400, 0}), doc);
  doc = with("[200, 200, 100, 0, 0, 100, -100, 0, 0, -100]", json_arc({200, 200, 100, 0, 0, 100, -100, 0, 0, -100}), doc);
  doc = with("[500, 500, 400, 0, 0, -400, -400, 0]", json_arc({500, 500, 400, 0, 0, -400, -400, 0}), doc);
  doc = with("[350, 350, 100, 0, 0, 100, -100, 0, 0, -100]", json_arc({350, 350, 100, 0, 0, 100, -100, 0, 0, -100}), doc);
  return doc;
}

}  // namespace

// Format /2 is /1 with each arc's integers in one string: the same map, point for point.
TEST(MapGeometry, Version2ReadsTheSameMapFromEncodedArcs) {
  const MapGeometryResult one = parse_map_geometry(kValid, "map.json");
  const MapGeometryResult two = parse_map_geometry(version2(), "map.json");
  ASSERT_TRUE(one.ok()) << codes(one);
  ASSERT_TRUE(two.ok()) << codes(two);
  ASSERT_EQ(one.geometry->countries.size(), two.geometry->countries.size());
  for (std::size_t c = 0; c < one.geometry->countries.size(); ++c) {
    const auto &a = one.geometry->countries[c].polygons, &b = two.geometry->countries[c].polygons;
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t p = 0; p < a.size(); ++p) {
      ASSERT_EQ(a[p].vertices.size(), b[p].vertices.size());
      for (std::size_t v = 0; v < a[p].vertices.size(); ++v) {
        EXPECT_EQ(a[p].vertices[v].x, b[p].vertices[v].x);
        EXPECT_EQ(a[p].vertices[v].y, b[p].vertices[v].y);
      }
      EXPECT_EQ(a[p].triangles, b[p].triangles);
    }
  }
  ASSERT_EQ(one.geometry->borders.size(), two.geometry->borders.size());
  // Large and negative values, every group count up to the 7 characters of ±2^30.
  const std::vector<std::int64_t> wide = {1 << 30, -(1 << 30), 0, 0, -1, 31, -(1 << 30), (1 << 30) - 31, 16, -17};
  const std::string doc =
      with("\n  ],\n  \"borders\"", ",\n    " + json_arc(wide) + "\n  ],\n  \"borders\"", version2());
  const MapGeometryResult w = parse_map_geometry(with(R"("land": [0])", R"("land": [0, 5])", doc), "map.json");
  ASSERT_TRUE(w.ok()) << codes(w);
  const MapBorder* extra = nullptr;
  for (const MapBorder& b : w.geometry->borders)
    if (b.arc == 5) extra = &b;
  ASSERT_NE(extra, nullptr);
  ASSERT_GE(extra->points.size(), 2u);
  EXPECT_FLOAT_EQ(extra->points.front().x, q(1 << 30, 0).x);
  EXPECT_FLOAT_EQ(extra->points.front().y, q(0, -(1 << 30)).y);
  EXPECT_FLOAT_EQ(extra->points.back().x, q(15, 0).x);
  EXPECT_FLOAT_EQ(extra->points.back().y, q(0, -17).y);
}

// Every way an encoded arc can be wrong is P405 at that arc, saying what is wrong.
TEST(MapGeometry, Version2BadArcsAreLocatedAndExplained) {
  const std::string first = json_arc({500, 100, 0, 400});
  const struct { const char* what; std::string arc; const char* found; } cases[] = {
      {"an array", "[500, 100, 0, 400]", "array"},
      {"a space", "\"" + encode({500, 100}) + " " + encode({0, 400}) + "\"", "is not one of"},
      {"a control byte", "\"" + encode({500, 100, 0}) + "\\u0001\"", "is not one of"},
      {"cut off", "\"" + encode({500, 100, 0, 400}) + "_\"", "cut off"},
      {"three values", json_arc({500, 100, 0}), "3 integers"},
      {"empty", "\"\"", "0 integers"},
      {"eight characters", "\"" + std::string(7, '~') + "?" + encode({1, 2, 3}) + "\"", "more than 7"},
      {"a point too far", json_arc({500, 100, 0, (1 << 30) - 50}), "point 1"},
      {"a delta too far", json_arc({0, 0, std::int64_t{1} << 31, 0}), "point 1"},
  };
  for (const auto& c : cases) {
    const MapGeometryResult r = parse_map_geometry(with(first, c.arc, version2()), "map.json");
    ASSERT_FALSE(r.ok()) << c.what;
    ASSERT_FALSE(r.errors.empty()) << c.what;
    const Diagnostic& d = r.errors.front();
    EXPECT_EQ(d.code, ErrorCode::map_bad_arc) << c.what << "\n" << codes(r);
    EXPECT_EQ(d.pointer, "/arcs/0") << c.what;
    EXPECT_NE(d.found.find(c.found), std::string::npos) << c.what << ": " << d.found;
  }
}

TEST(MapGeometry, ReadsASmallMap) {
  const MapGeometryResult r = parse_map_geometry(kValid, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  const MapGeometry& g = *r.geometry;
  EXPECT_EQ(g.attribution, "Test data");
  ASSERT_EQ(g.countries.size(), 3u);
  EXPECT_EQ(g.find("AA"), 0);
  EXPECT_EQ(g.find("CC"), 2);
  EXPECT_EQ(g.find("ZZ"), -1);
  EXPECT_EQ(g.countries[0].name("fr"), "Aa-fr");
  EXPECT_EQ(g.countries[0].name("de"), "Aa-en");  // English as the fallback
  EXPECT_EQ(g.countries[2].name("en"), "Cc");     // then the first name
  EXPECT_FLOAT_EQ(g.frame.x0, -0.9f);
  EXPECT_FLOAT_EQ(g.frame.y1, -0.5f);
  EXPECT_FLOAT_EQ(g.extent.x1, 0.0f);
  EXPECT_TRUE(g.extent.contains({-0.5f, -0.5f}));
  EXPECT_TRUE(g.frame.intersects(g.extent));
  EXPECT_FALSE(g.frame.intersects(MapBox{1, 1, 2, 2}));
}

TEST(MapGeometry, RingsAreStitchedOrientedAndTriangulated) {
  const MapGeometryResult r = parse_map_geometry(kValid, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  const MapCountry& aa = r.geometry->countries[0];
  ASSERT_EQ(aa.polygons.size(), 1u);
  const MapPolygon& p = aa.polygons[0];
  ASSERT_EQ(p.rings.size(), 2u);
  EXPECT_EQ(p.rings[0].size(), 4u);  // 2 + 4 points, less the shared one and the closing one
  EXPECT_EQ(p.rings[1].size(), 4u);
  EXPECT_EQ(p.vertices.size(), 8u);
  EXPECT_GT(ring_area(p.rings[0]), 0);
  EXPECT_LT(ring_area(p.rings[1]), 0);
  EXPECT_NEAR(p.area, 0.16 - 0.01, 1e-6);
  EXPECT_NEAR(aa.area, p.area, 1e-12);
  expect_filled(p, 1e-5, "AA");
  // BB was given as two reversed arcs; it is normalised like the others.
  const MapPolygon& bb = r.geometry->countries[1].polygons[0];
  EXPECT_GT(ring_area(bb.rings[0]), 0);
  expect_filled(bb, 1e-5, "BB");
  EXPECT_FLOAT_EQ(r.geometry->countries[1].box.x0, q(500, 0).x);
  EXPECT_FLOAT_EQ(r.geometry->countries[1].box.x1, q(900, 0).x);
}

TEST(MapGeometry, HitTestingFindsTheSmallestCountryAndNothingAtSeaOrInLakes) {
  const MapGeometryResult r = parse_map_geometry(kValid, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  const MapGeometry& g = *r.geometry;
  EXPECT_EQ(g.country_at(q(150, 150)), 0);   // AA
  EXPECT_EQ(g.country_at(q(700, 300)), 1);   // BB
  EXPECT_EQ(g.country_at(q(400, 400)), 2);   // CC, an enclave drawn over AA
  EXPECT_EQ(g.country_at(q(250, 250)), -1);  // AA's lake
  EXPECT_EQ(g.country_at(q(950, 300)), -1);  // sea
  EXPECT_EQ(g.country_at(q(300, 50)), -1);
}

TEST(MapGeometry, BordersKeepTheirKindAndDirection) {
  const MapGeometryResult r = parse_map_geometry(kValid, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  const auto& b = r.geometry->borders;
  ASSERT_EQ(b.size(), 5u);
  EXPECT_EQ(b[0].kind, BorderKind::coast);
  EXPECT_EQ(b[3].kind, BorderKind::land);
  EXPECT_EQ(b[3].arc, 0);
  EXPECT_EQ(b[4].kind, BorderKind::disputed);
  EXPECT_EQ(b[4].arc, 2);  // −3 is arc 2 reversed
  ASSERT_EQ(b[4].points.size(), 5u);
  EXPECT_FLOAT_EQ(b[4].points[1].x, q(200, 300).x);  // walked backwards
  EXPECT_FLOAT_EQ(b[4].points[1].y, q(200, 300).y);
  EXPECT_FLOAT_EQ(b[3].box.y0, q(0, 100).y);
  EXPECT_FLOAT_EQ(b[3].box.y1, q(0, 500).y);
}

TEST(MapGeometry, ProjectsLikeTheFile) {
  const MapGeometryResult r = parse_map_geometry(kValid, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  const MapPoint o = r.geometry->project(10, 0);
  EXPECT_EQ(o.x, 0.0f);
  EXPECT_EQ(o.y, 0.0f);
  const MapPoint paris = r.geometry->project(2.35, 48.86);
  EXPECT_NEAR(paris.x, -0.0887781525, 1e-7);
  EXPECT_NEAR(paris.y, -0.8480491952, 1e-7);
}

TEST(MapGeometry, ZeroAreaRingsAreSkippedNotRefused) {
  // A country with a second polygon collapsed onto a line by quantization.
  const std::string doc = with(R"([[[4]]])", R"([[[4]], [[5]]])",
                               with(R"(-100, 0, 0, -100]
  ])", R"(-100, 0, 0, -100],
    [10, 10, 5, 5, -5, -5]
  ])"));
  const MapGeometryResult r = parse_map_geometry(doc, "map.json");
  ASSERT_TRUE(r.ok()) << codes(r);
  EXPECT_EQ(r.geometry->skipped_rings, 1);
  EXPECT_EQ(r.geometry->countries[2].polygons.size(), 1u);
}

// --- one error code per kind of mistake ---------------------------------------------------
struct BadCase {
  const char* what;
  std::string doc;
  ErrorCode code;
};

TEST(MapGeometry, EachMistakeHasItsOwnCode) {
  const std::vector<BadCase> cases = {
      {"not JSON", "{\"format\": ", ErrorCode::syntax},
      {"not an object", "[1, 2]", ErrorCode::wrong_type},
      {"format", with("passerelle-map-geometry/1", "passerelle-map-geometry/3"),
       ErrorCode::map_unsupported_format},
      {"format missing", with(R"("format": "passerelle-map-geometry/1",)", ""), ErrorCode::missing_field},
      {"unknown field", with(R"("attribution")", R"("colour": 1, "attribution")"), ErrorCode::unknown_field},
      {"attribution empty", with(R"("Test data")", R"("  ")"), ErrorCode::empty_value},
      {"projection type", with("conic-conformal", "mercator"), ErrorCode::map_bad_projection},
      {"parallels symmetric", with("[13, 47]", "[-30, 30]"), ErrorCode::map_bad_projection},
      {"parallels beyond a pole", with("[13, 47]", "[13, 91]"), ErrorCode::map_bad_projection},
      {"parallels not numbers", with("[13, 47]", R"([13, "47"])"), ErrorCode::map_bad_projection},
      {"tilted rotation", with("[-10, 0]", "[-10, 5]"), ErrorCode::map_bad_projection},
      {"scale zero", with("[0.001, 0.001]", "[0.001, 0]"), ErrorCode::map_bad_transform},
      {"translate short", with("[-1, -1]", "[-1]"), ErrorCode::map_bad_transform},
      {"frame inverted", with("[100, 100, 900, 500]", "[900, 100, 100, 500]"), ErrorCode::map_bad_box},
      {"frame not integers", with("[100, 100, 900, 500]", "[100.5, 100, 900, 500]"), ErrorCode::map_bad_box},
      {"extent misses frame", with("[0, 0, 1000, 600]", "[0, 0, 800, 600]"), ErrorCode::map_bad_box},
      {"arc odd length", with("[500, 100, 0, 400]", "[500, 100, 0]"), ErrorCode::map_bad_arc},
      {"arc not integers", with("[500, 100, 0, 400]", "[500, 100, 0, 400.5]"), ErrorCode::map_bad_arc},
      {"arc too far", with("[500, 100, 0, 400]", "[500, 100, 0, 1073741824]"), ErrorCode::map_bad_arc},
      {"arc ref out of range", with("[[[4]]]", "[[[5]]]"), ErrorCode::map_bad_arc_ref},
      {"reversed ref out of range", with("[[[4]]]", "[[[-6]]]"), ErrorCode::map_bad_arc_ref},
      {"border ref out of range", with(R"("land": [0])", R"("land": [99])"), ErrorCode::map_bad_arc_ref},
      {"arc ref not an integer", with("[[[4]]]", R"([[["4"]]])"), ErrorCode::wrong_type},
      {"arcs not joined", with("[[[0, 1], [2]]]", "[[[0, 2]]]"), ErrorCode::map_arcs_not_joined},
      {"ring not closed", with("[[[0, 1], [2]]]", "[[[0]]]"), ErrorCode::map_ring_not_closed},
      {"empty ring", with("[[[4]]]", "[[[]]]"), ErrorCode::empty_value},
      {"no polygons", with("[[[4]]]", "[]"), ErrorCode::empty_value},
      {"bad id", with(R"("id": "CC")", R"("id": "cc")"), ErrorCode::bad_value},
      {"duplicate id", with(R"("id": "CC")", R"("id": "AA")"), ErrorCode::duplicate_id},
      {"names missing", with(R"("names": {"fr": "Cc"}, )", ""), ErrorCode::missing_field},
      {"name not text", with(R"({"fr": "Cc"})", R"({"fr": 3})"), ErrorCode::wrong_type},
      {"name with control", with(R"({"fr": "Cc"})", R"({"fr": "C\nc"})"), ErrorCode::bad_value},
      {"names empty", with(R"({"fr": "Cc"})", "{}"), ErrorCode::empty_value},
      {"unknown border kind", with(R"("disputed": [-3])", R"("dotted": [-3])"), ErrorCode::unknown_field},
  };
  for (const BadCase& c : cases) {
    const MapGeometryResult r = parse_map_geometry(c.doc, "map.json");
    EXPECT_FALSE(r.ok()) << c.what;
    EXPECT_TRUE(has_error(r, c.code)) << c.what << " expected " << error_id(c.code) << ", got:\n"
                                      << codes(r);
    for (const Diagnostic& d : r.errors) EXPECT_FALSE(format(d).empty());
  }
}

TEST(MapGeometry, ANameOfOnlyUnicodeSpacesIsBlank) {
  // The geometry reads its texts with the pack's field reader (json/field_reader.hpp), so its
  // blank rule is the pack's: Unicode spaces count.  It used to refuse only ' '.
  for (const char* blank : {"\xC2\xA0\xC2\xA0", "\xE2\x80\xAF", " \xE3\x80\x80 "}) {
    const std::string doc = with(R"({"fr": "Cc"})", std::string(R"({"fr": ")") + blank + "\"}");
    const MapGeometryResult r = parse_map_geometry(doc, "map.json");
    ASSERT_EQ(r.errors.size(), 1u) << codes(r);
    EXPECT_EQ(r.errors[0].code, ErrorCode::empty_value);
    EXPECT_EQ(r.errors[0].pointer, "/countries/2/names/fr");
  }
}

TEST(MapGeometry, MissingAndUnknownFieldsAreLocatedLikeThePack) {
  // A missing field at its object, an unknown one at its key (json::FieldReader's rules).
  const std::string missing = with(R"("names": {"fr": "Cc"}, )", "");
  const MapGeometryResult m = parse_map_geometry(missing, "map.json");
  ASSERT_EQ(m.errors.size(), 1u) << codes(m);
  EXPECT_EQ(m.errors[0].pointer, "/countries/2/names");
  EXPECT_GT(m.errors[0].line, 0);
  const std::string unknown = with(R"("attribution")", R"("colour": 1, "attribution")");
  const MapGeometryResult u = parse_map_geometry(unknown, "map.json");
  ASSERT_EQ(u.errors.size(), 1u) << codes(u);
  EXPECT_EQ(u.errors[0].pointer, "/colour");
  const std::size_t key = unknown.find(R"("colour")");
  EXPECT_EQ(u.errors[0].column, static_cast<int>(key - unknown.rfind('\n', key)));
}

TEST(MapGeometry, DiagnosticsSayWhereWithPointerLineAndColumn) {
  const std::string doc = with("[[[4]]]", "[[[5]]]");
  const MapGeometryResult r = parse_map_geometry(doc, "map.json");
  ASSERT_EQ(r.errors.size(), 1u) << codes(r);
  const Diagnostic& d = r.errors[0];
  EXPECT_EQ(d.pointer, "/countries/2/polygons/0/0/0");
  const std::size_t offset = doc.find("[[[5]]]") + 3;
  const int line = 1 + static_cast<int>(std::count(doc.begin(), doc.begin() + offset, '\n'));
  const int column = static_cast<int>(offset - doc.rfind('\n', offset));
  EXPECT_EQ(d.line, line);
  EXPECT_EQ(d.column, column);
  EXPECT_EQ(format(d).substr(0, 9), "map.json:") << format(d);
}

TEST(MapGeometry, AMissingArcListIsReportedOnceNotPerReference) {
  const std::string doc = with(R"("arcs": [)", R"("arcz": [)");
  const MapGeometryResult r = parse_map_geometry(doc, "map.json");
  EXPECT_TRUE(has_error(r, ErrorCode::missing_field)) << codes(r);
  EXPECT_FALSE(has_error(r, ErrorCode::map_bad_arc_ref)) << codes(r);
}

TEST(MapGeometry, LimitsRefuseOversizedMapsWithClearErrors) {
  MapGeometryLimits small;
  small.max_bytes = 100;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::too_large));
  small = {};
  small.max_arcs = 4;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::too_many_items));
  small = {};
  small.max_points = 10;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::map_too_complex));
  small = {};
  small.max_countries = 2;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::too_many_items));
  small = {};
  small.max_polygons = 2;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::too_many_items));
  small = {};
  small.max_border_arcs = 3;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::too_many_items));
  small = {};
  small.max_ring_points = 12;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::map_too_complex));
  small = {};
  small.max_polygon_points = 8;
  EXPECT_TRUE(has_error(parse_map_geometry(kValid, "m", small), ErrorCode::map_too_complex));
}

TEST(MapGeometry, ReusingOneArcManyTimesIsBoundedByTheRingLimit) {
  // 3,000 references to one arc would stitch 15,000 points from a 40-byte arc.
  std::string refs = "[4";
  for (int i = 0; i < 3000; ++i) refs += ", 4";
  refs += "]";
  MapGeometryLimits limits;
  limits.max_ring_points = 10'000;
  const MapGeometryResult r = parse_map_geometry(with("[[[4]]]", "[[" + refs + "]]"), "m", limits);
  EXPECT_TRUE(has_error(r, ErrorCode::map_too_complex)) << codes(r);
}

TEST(MapGeometry, MutationsNeverCrash) {
  const std::string original(kValid);
  std::mt19937 rng(20240612);  // fixed: failures reproduce
  const std::string specials[] = {"[", "]", "{", "}", "\"", ",", "-", "~", "0", "-1", "1e9",
                                  "1e999", "2147483648", "-9223372036854775808", "0.5", "null",
                                  "[[[0]]]", "\xFF", "[]", "{}"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  int accepted = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string s = original;
    const int edits = 1 + static_cast<int>(pick(3));
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = pick(s.size());
      switch (pick(6)) {
        case 0: s[at] = static_cast<char>(pick(256)); break;
        case 1: s.erase(at, 1 + pick(8)); break;
        case 2: s.insert(at, specials[pick(std::size(specials))]); break;
        case 3: s.insert(at, s.substr(pick(s.size()), pick(48))); break;
        case 4:  // a digit changed: arcs, refs and boxes go subtly wrong
          if (s[at] >= '0' && s[at] <= '9') s[at] = static_cast<char>('0' + pick(10));
          break;
        default: s.resize(at); break;
      }
    }
    const MapGeometryResult r = parse_map_geometry(s, "fuzz.json");
    if (r.ok()) {
      ++accepted;
      EXPECT_TRUE(r.errors.empty());
      for (const MapCountry& c : r.geometry->countries)
        for (const MapPolygon& p : c.polygons)
          for (std::uint32_t t : p.triangles) ASSERT_LT(t, p.vertices.size()) << "iteration " << i;
      r.geometry->country_at({-0.5f, -0.7f});
    } else {
      ASSERT_FALSE(r.errors.empty()) << "iteration " << i;
      for (const Diagnostic& d : r.errors) EXPECT_LT(d.found.size(), 400u) << "iteration " << i;
    }
  }
  std::printf("[ info ] %d of 2000 mutations were still valid maps\n", accepted);
}

// --- the real generated file ----------------------------------------------------------------
#ifdef PASSERELLE_MAP_GEOMETRY

namespace {

const MapGeometry& real_map() {
  static const MapGeometryResult result = [] {
    const std::string bytes = read_file(PASSERELLE_MAP_GEOMETRY);
    const auto start = std::chrono::steady_clock::now();
    MapGeometryResult r = parse_map_geometry(bytes, PASSERELLE_MAP_GEOMETRY);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::size_t points = 0, triangles = 0;
    if (r.ok())
      for (const MapCountry& c : r.geometry->countries)
        for (const MapPolygon& p : c.polygons) points += p.vertices.size(), triangles += p.triangles.size() / 3;
    std::printf("[ info ] %s: %zu bytes parsed and triangulated in %.1f ms (%zu vertices, %zu triangles)\n",
                PASSERELLE_MAP_GEOMETRY, bytes.size(), ms, points, triangles);
    return r;
  }();
  if (!result.ok()) {
    ADD_FAILURE() << format_all(result.errors);
    static const MapGeometry empty;
    return empty;
  }
  return *result.geometry;
}

std::string at(const MapGeometry& g, double lon, double lat) {
  const int i = g.country_at(g.project(lon, lat));
  return i < 0 ? std::string("-") : g.countries[static_cast<std::size_t>(i)].id;
}

}  // namespace

TEST(MapGeometryRealFile, Parses) {
  const MapGeometry& g = real_map();
  EXPECT_GT(g.countries.size(), 50u);
  EXPECT_FALSE(g.borders.empty());
  EXPECT_FALSE(g.attribution.empty());
  std::printf("[ info ] %zu countries, %zu border arcs, %d rings skipped, %d fallback ears\n",
              g.countries.size(), g.borders.size(), g.skipped_rings, g.fallback_cuts);
}

TEST(MapGeometryRealFile, CapitalsFallInTheirCountries) {
  const MapGeometry& g = real_map();
  EXPECT_EQ(at(g, -8.00, 12.64), "ML");    // Bamako
  EXPECT_EQ(at(g, -17.45, 14.69), "SN");   // Dakar
  EXPECT_EQ(at(g, 2.11, 13.51), "NE");     // Niamey
  EXPECT_EQ(at(g, -15.98, 18.09), "MR");   // Nouakchott
  EXPECT_EQ(at(g, 3.06, 36.75), "DZ");     // Algiers
  EXPECT_EQ(at(g, -6.84, 34.02), "MA");    // Rabat
  EXPECT_EQ(at(g, -13.20, 27.15), "EH");   // Laâyoune
  EXPECT_EQ(at(g, 34.47, 31.50), "PS");    // Gaza
  EXPECT_EQ(at(g, 2.35, 48.86), "FR");     // Paris
  EXPECT_EQ(at(g, -20.0, 30.0), "-");      // the Atlantic
  const std::string jerusalem = at(g, 35.21, 31.77);
  EXPECT_TRUE(jerusalem == "IL" || jerusalem == "PS") << jerusalem;
  std::printf("[ info ] Jerusalem (35.21, 31.77) falls in %s in this data\n", jerusalem.c_str());
}

TEST(MapGeometryRealFile, EveryPolygonIsFilledExactly) {
  const MapGeometry& g = real_map();
  for (const MapCountry& c : g.countries)
    for (std::size_t i = 0; i < c.polygons.size(); ++i)
      expect_filled(c.polygons[i], 1e-4, c.id + " polygon " + std::to_string(i));
}

#endif  // PASSERELLE_MAP_GEOMETRY
