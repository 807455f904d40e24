// unit-fuzz-regressions.cpp — the libFuzzer targets' properties (fuzz/properties.hpp) as
// ordinary tests, under ASan/UBSan in the native-asan build:
//   - every seed of fuzz/corpus/<target>/ replayed through the same entry point, so the
//     corpora stay inputs the properties hold for (and the valid seeds stay valid);
//   - every input a fuzzer found that crashed or broke a property, as a string literal, with
//     what it broke and where it was fixed.  Add new ones at the end (README.md, "Fuzzing").
//
// Depends on: fuzz/properties.hpp (pack/pack, text/markup, consent, map/route, map/geometry),
// test_support.hpp, GoogleTest, <filesystem>.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../../fuzz/properties.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

using Check = std::string (*)(std::string_view);

// The seeds of one target, sorted so that failures name the same file every run.
std::vector<std::filesystem::path> seeds(std::string_view target) {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path dir = source_path("fuzz/corpus/" + std::string(target));
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void replay_corpus(std::string_view target, Check check) {
  const std::vector<std::filesystem::path> files = seeds(target);
  EXPECT_GE(files.size(), 5u) << "fuzz/corpus/" << target << " has lost its seeds";
  for (const auto& f : files)
    EXPECT_EQ(check(read_file(f.string())), "") << f.filename().string();
}

std::string seed(std::string_view target, std::string_view file) {
  return read_file(source_path("fuzz/corpus/" + std::string(target) + "/" + std::string(file)));
}

}  // namespace

// --- the seed corpora -----------------------------------------------------------------------

TEST(FuzzCorpus, PackSeedsKeepTheProperties) {
  replay_corpus("fuzz_pack", fuzz::check_pack);
  // The seeds that are meant to be valid packs still are.
  for (const char* f : {"international-trimmed.json", "links.json", "minimal.json"}) {
    const PackResult r = parse_pack(seed("fuzz_pack", f), f);
    EXPECT_TRUE(r.ok()) << f << "\n" << format_all(r.errors);
  }
  const PackResult trimmed = parse_pack(seed("fuzz_pack", "international-trimmed.json"), "t");
  ASSERT_TRUE(trimmed.ok());
  EXPECT_TRUE(trimmed.pack->consent && trimmed.pack->map && !trimmed.pack->page.footnotes.empty());
}

TEST(FuzzCorpus, MarkupSeedsKeepTheProperties) {
  replay_corpus("fuzz_markup", fuzz::check_markup);
}

TEST(FuzzCorpus, ConsentCookieSeedsKeepTheProperties) {
  replay_corpus("fuzz_consent_cookie", fuzz::check_consent_cookie);
  for (const char* f : {"valid.txt", "valid-refused-en-gb.txt", "doc-example.txt"})
    EXPECT_TRUE(decode_consent_cookie(seed("fuzz_consent_cookie", f)).record) << f;
}

TEST(FuzzCorpus, MapRouteSeedsKeepTheProperties) {
  replay_corpus("fuzz_map_route", fuzz::check_map_route);
}

TEST(FuzzCorpus, MapGeometrySeedsKeepTheProperties) {
  replay_corpus("fuzz_map_geometry", fuzz::check_map_geometry);
  const MapGeometryResult r =
      parse_map_geometry(seed("fuzz_map_geometry", "valid.json"), "valid.json", fuzz::fuzz_geometry_limits());
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(r.geometry->countries.size(), 3u);
  EXPECT_EQ(r.geometry->countries[0].polygons[0].rings.size(), 2u);  // AA and its lake
  // The same map in format /2 (encoded arcs): the seed the fuzzer mutates for that reader.
  const MapGeometryResult r2 =
      parse_map_geometry(seed("fuzz_map_geometry", "valid-v2.json"), "valid-v2.json", fuzz::fuzz_geometry_limits());
  ASSERT_TRUE(r2.ok()) << format_all(r2.errors);
  ASSERT_EQ(r2.geometry->countries.size(), 3u);
  EXPECT_EQ(r2.geometry->countries[0].polygons[0].vertices.size(), r.geometry->countries[0].polygons[0].vertices.size());
}

// --- what the fuzzers found -------------------------------------------------------------------

// with_country kept a fragment of 2017..2048 bytes on the first rewrite but dropped it on the
// next one (its own output, grown by "&pays=XX", went over the cut), so selecting a second
// country lost every other parameter, and rewriting was not stable.  Found by reading the
// code against check_map_route's stability property, confirmed with fuzz_map_route (the
// fuzzer itself had not reached that length in 5 minutes); fixed in src/core/map/route.cpp
// (the cut measures the parameters kept, not the whole fragment).  Also the seed
// fuzz/corpus/fuzz_map_route/nearly-full.txt.
TEST(FuzzRegressions, MapRouteRewritingANearlyFullFragmentIsStable) {
  const std::string input = "ML\nfr\n#x=" + std::string(2014, 'a');  // "iso\nlang\nhash"
  EXPECT_EQ(fuzz::check_map_route(input), "");

  const std::string others = "#x=" + std::string(2014, 'a');
  const std::string once = with_country(others, "ML", "fr");
  EXPECT_EQ(once, others + "&pays=ML");
  EXPECT_EQ(with_country(once, "ML", "fr"), once);
  EXPECT_EQ(with_country(once, "SN", "fr"), others + "&pays=SN");  // x= is still there
  EXPECT_EQ(parse_country_hash(with_country(once, "SN", "fr")), std::optional<std::string>("SN"));
  // Beyond the room left for the key, the other parameters still go, at once and for good.
  const std::string full = "#x=" + std::string(2030, 'a');
  EXPECT_EQ(with_country(full, "ML", "fr"), "#pays=ML");
  EXPECT_EQ(with_country("#pays=SN&" + full.substr(1), "ML", "fr"), "#pays=ML");
}

// A transform whose scale or translate sends coordinates beyond float range was accepted, and
// the map's vertices, frame and extent came out infinite (the camera and the triangulator
// then work on inf and NaN).  Found with fuzz_map_geometry's finite-coordinates property,
// from an input written against it (the fuzzer's dictionary lacked such numbers; it now has
// them); fixed in src/core/map/geometry.cpp (read_transform: |scale| × 2^30 + |translate|
// must stay within float range).  Also the seed fuzz/corpus/fuzz_map_geometry/huge-scale.json.
TEST(FuzzRegressions, MapGeometryRefusesATransformBeyondFloatRange) {
  constexpr std::string_view kHugeScale = R"({"format": "passerelle-map-geometry/1",
    "attribution": "x",
    "projection": {"type": "conic-conformal", "parallels": [13, 47], "rotate": [-10, 0]},
    "transform": {"scale": [1e36, 1e36], "translate": [0, 0]},
    "frame": [0, 0, 1000, 1000], "extent": [0, 0, 1000, 1000],
    "arcs": [[0, 0, 1000, 0, -500, 1000, -500, -1000]], "borders": {"coast": [0]},
    "countries": [{"id": "AA", "names": {"en": "A"}, "polygons": [[[0]]]}]})";
  EXPECT_EQ(fuzz::check_map_geometry(kHugeScale), "");
  const MapGeometryResult r = parse_map_geometry(kHugeScale, "g.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::map_bad_transform);
  EXPECT_EQ(r.errors[0].pointer, "/transform");

  const auto with_transform = [&](std::string_view transform) {
    std::string doc(kHugeScale);
    const std::string from = R"("scale": [1e36, 1e36], "translate": [0, 0])";
    doc.replace(doc.find(from), from.size(), transform);
    return doc;
  };
  const std::string far = with_transform(R"("scale": [1, 1], "translate": [1e300, 0])");
  EXPECT_EQ(fuzz::check_map_geometry(far), "");
  EXPECT_FALSE(parse_map_geometry(far, "g.json").ok());
  // Just inside the range: 3e29 × 2^30 ≈ 3.2e38 < 3.4e38, and every coordinate is finite.
  const std::string edge = with_transform(R"("scale": [3e29, -3e29], "translate": [0, 0])");
  EXPECT_EQ(fuzz::check_map_geometry(edge), "");
  const MapGeometryResult inside = parse_map_geometry(edge, "g.json");
  EXPECT_TRUE(inside.ok()) << format_all(inside.errors);
  const std::string beyond = with_transform(R"("scale": [1e30, 1], "translate": [0, 0])");
  EXPECT_FALSE(parse_map_geometry(beyond, "g.json").ok());
}

// Issue 13, item 1: "<!--<script>" as a title passed validation and, inside the JSON-LD's
// <script>, swallowed the rest of the page.  check_prerendered() now holds for every pack.
TEST(FuzzRegressions, HostileHeadTextKeepsThePrerenderedPageWhole) {
  const std::string pack = seed("fuzz_pack", "hostile-head.json");
  ASSERT_TRUE(parse_pack(pack, "h.json").ok()) << format_all(parse_pack(pack, "h.json").errors);
  EXPECT_EQ(fuzz::check_pack(pack), "");
}

// Issue 13, item 7c: links with userinfo were accepted by the URL policy.
TEST(FuzzRegressions, LinksWithUserinfoAreRefused) {
  for (const char* url : {"https://ok@evil.example/", "https://a:b@x/", "HTTPS://ok%40evil/", "http://x:1@y"})
    EXPECT_EQ(fuzz::check_link_url(url), "") << url;
  EXPECT_EQ(fuzz::check_markup(seed("fuzz_markup", "userinfo.txt")), "");
}
