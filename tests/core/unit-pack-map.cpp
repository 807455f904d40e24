// unit-pack-map.cpp — the pack's "map" section: the real pack's section reads, and each
// mistake an editor can make in it (a bad country code, a country in two roles, details for a
// country without a role, a geometry address on another site, an aspect out of range, a map
// block without a section) is reported with its code and JSON pointer.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

std::string labels() {
  return R"({"title": "t", "list": "l", "zoom_in": "+", "zoom_out": "-", "reset": "r",
             "wheel_hint": "w", "touch_hint": "t", "empty": "e", "other": "o"})";
}

std::string map_section(const std::string& roles, const std::string& countries = "[]",
                        const std::string& geometry = "\"map-geometry.json\"") {
  return R"({"geometry": )" + geometry + R"(, "labels": )" + labels() + R"(, "roles": )" + roles +
         R"(, "countries": )" + countries + "}";
}

const std::string kRoles =
    R"([{"id": "migration", "label": "M", "countries": ["ML", "SN"]},
        {"id": "peace", "label": "P", "countries": ["PS"]}])";

std::string pack_with_map(const std::string& section, bool with_block = true) {
  std::string p = pack_with_body(with_block ? R"({"type": "paragraph", "text": "x"}, {"type": "map"})"
                                            : R"({"type": "paragraph", "text": "x"})");
  p.pop_back();  // the closing brace of the pack
  return p + R"(, "map": )" + section + "}";
}

const Diagnostic& only_error(const PackResult& r) {
  EXPECT_EQ(r.errors.size(), 1u);
  static Diagnostic none;
  return r.errors.empty() ? none : r.errors.front();
}

}  // namespace

TEST(PackMap, TheRealPackPlacesTheMapAfterTheIntroduction) {
  const PackResult r = parse_pack(read_file(source_path("content/international.fr.json")),
                                  "international.fr.json");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : format(r.errors.front()));
  ASSERT_TRUE(r.pack->map.has_value());
  const MapSection& map = *r.pack->map;
  EXPECT_EQ(map.geometry, "map-geometry.json");
  ASSERT_EQ(map.roles.size(), 3u);
  EXPECT_EQ(map.roles[0].countries, (std::vector<std::string>{"DZ", "MA", "NE", "MR", "SN", "ML"}));
  EXPECT_EQ(map.roles[1].countries, (std::vector<std::string>{"IL", "PS"}));
  EXPECT_EQ(map.roles[2].countries, (std::vector<std::string>{"FR"}));
  for (const MapRole& role : map.roles)
    for (const std::string& iso : role.countries) {
      const MapCountryText* c = map.country(iso);
      ASSERT_NE(c, nullptr) << iso;
      EXPECT_FALSE(c->details.empty()) << iso;
    }
  EXPECT_EQ(map.country("ML")->name, "Mali");
  EXPECT_EQ(map.role_of("PS"), 1);
  EXPECT_EQ(map.role_of("DE"), -1);
  ASSERT_GE(r.pack->page.body.size(), 2u);
  EXPECT_EQ(r.pack->page.body[1].kind, Block::Kind::map);
}

TEST(PackMap, ASmallValidSectionReads) {
  const PackResult r = parse_pack(
      pack_with_map(map_section(kRoles, R"([{"id": "ML", "name": "Mali", "details": ["*a* b"]}])")),
      "t.json");
  ASSERT_TRUE(r.ok()) << format(r.errors.front());
  EXPECT_EQ(r.pack->map->country("ML")->details.size(), 1u);
  EXPECT_EQ(r.pack->map->country("SN"), nullptr);  // a role without details is fine
}

TEST(PackMap, CountryCodesAreTwoCapitals) {
  for (const char* bad : {"\"ml\"", "\"MLI\"", "\"M\"", "\"1A\""}) {
    const PackResult r = parse_pack(
        pack_with_map(map_section(std::string(R"([{"id": "migration", "label": "M", "countries": [)") +
                                  bad + "]}]")),
        "t.json");
    const Diagnostic& d = only_error(r);
    EXPECT_EQ(d.code, ErrorCode::bad_value) << bad;
    EXPECT_EQ(d.pointer, "/map/roles/0/countries/0") << bad;
  }
}

TEST(PackMap, ACountryHasOneRoleAndEachRoleAppearsOnce) {
  PackResult r = parse_pack(pack_with_map(map_section(
                                R"([{"id": "migration", "label": "M", "countries": ["ML"]},
                                    {"id": "peace", "label": "P", "countries": ["ML"]}])")),
                            "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::duplicate_id);
  EXPECT_EQ(only_error(r).pointer, "/map/roles/1/countries/0");

  r = parse_pack(pack_with_map(map_section(
                     R"([{"id": "peace", "label": "M", "countries": ["ML"]},
                         {"id": "peace", "label": "P", "countries": ["SN"]}])")),
                 "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::duplicate_id);
  EXPECT_EQ(only_error(r).pointer, "/map/roles/1/id");

  r = parse_pack(pack_with_map(map_section(R"([{"id": "friends", "label": "F", "countries": ["ML"]}])")),
                 "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::bad_value);
  EXPECT_EQ(only_error(r).pointer, "/map/roles/0/id");
}

TEST(PackMap, DetailsOnlyForCountriesWithARoleAndWithoutFootnotes) {
  PackResult r = parse_pack(
      pack_with_map(map_section(kRoles, R"([{"id": "DE", "name": "Allemagne"}])")), "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::bad_value);
  EXPECT_EQ(only_error(r).pointer, "/map/countries/0/id");

  r = parse_pack(pack_with_map(map_section(
                     kRoles, R"([{"id": "ML", "name": "Mali"}, {"id": "ML", "name": "Mali"}])")),
                 "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::duplicate_id);

  r = parse_pack(pack_with_map(map_section(
                     kRoles, R"([{"id": "ML", "name": "Mali", "details": ["voir[^1]"]}])")),
                 "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::bad_value);
  EXPECT_EQ(only_error(r).pointer, "/map/countries/0/details/0");

  r = parse_pack(pack_with_map(map_section(
                     kRoles, R"json([{"id": "ML", "name": "Mali", "details": ["[lien](javascript:x)"]}])json")),
                 "t.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors.front().code, ErrorCode::unsafe_url);
}

TEST(PackMap, TheGeometryStaysOnThePacksServer) {
  for (const char* bad : {"\"https://evil.example/g.json\"", "\"/g.json\"", "\"../g.json\"",
                          "\"//evil.example/g.json\"", "\"g.json?x=1\"", "\".hidden\""}) {
    const PackResult r = parse_pack(pack_with_map(map_section(kRoles, "[]", bad)), "t.json");
    EXPECT_EQ(only_error(r).code, ErrorCode::bad_value) << bad;
    EXPECT_EQ(only_error(r).pointer, "/map/geometry") << bad;
  }
  const PackResult ok = parse_pack(pack_with_map(map_section(kRoles, "[]", "\"geo/west-1.json\"")), "t.json");
  EXPECT_TRUE(ok.ok());
}

// map.aspect: optional; a number the layout can draw (0.5 to 3), anything else is reported.
TEST(PackMap, TheAspectIsOptionalAndANumberFromHalfToThree) {
  const PackResult none = parse_pack(pack_with_map(map_section(kRoles)), "t.json");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.pack->map->aspect, 0.0f) << "not said";
  for (const char* ok : {"1.368551", "0.5", "3", "2"}) {
    const PackResult r = parse_pack(pack_with_map(map_section(kRoles, "[]", std::string("\"g.json\", \"aspect\": ") + ok)), "t.json");
    ASSERT_TRUE(r.ok()) << ok;
    EXPECT_FLOAT_EQ(r.pack->map->aspect, std::stof(ok));
  }
  for (const auto& [bad, code] : std::initializer_list<std::pair<const char*, ErrorCode>>{
           {"0.49", ErrorCode::bad_value}, {"3.01", ErrorCode::bad_value}, {"-1", ErrorCode::bad_value},
           {"0", ErrorCode::bad_value}, {"1e308", ErrorCode::bad_value}, {"\"1.3\"", ErrorCode::wrong_type},
           {"null", ErrorCode::wrong_type}, {"[1.3]", ErrorCode::wrong_type}}) {
    const PackResult r = parse_pack(pack_with_map(map_section(kRoles, "[]", std::string("\"g.json\", \"aspect\": ") + bad)), "t.json");
    EXPECT_EQ(only_error(r).code, code) << bad;
    EXPECT_EQ(only_error(r).pointer, "/map/aspect") << bad;
  }
}

TEST(PackMap, EveryLabelIsRequired) {
  std::string section = map_section(kRoles);
  const std::string without = R"("zoom_out": "-", )";
  section.replace(section.find(without), without.size(), "");
  const PackResult r = parse_pack(pack_with_map(section), "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::missing_field);
  EXPECT_EQ(only_error(r).pointer, "/map/labels/zoom_out");
}

TEST(PackMap, AMapBlockNeedsASectionAndAppearsOnce) {
  PackResult r = parse_pack(pack_with_body(R"({"type": "map"})"), "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::missing_field);
  EXPECT_EQ(only_error(r).pointer, "/page/body/0");

  std::string twice = pack_with_body(R"({"type": "map"}, {"type": "map"})");
  twice.pop_back();
  r = parse_pack(twice + R"(, "map": )" + map_section(kRoles) + "}", "t.json");
  EXPECT_EQ(only_error(r).code, ErrorCode::duplicate_id);
  EXPECT_EQ(only_error(r).pointer, "/page/body/1");

  // A section without a block is allowed (an embed can show the map view alone).
  EXPECT_TRUE(parse_pack(pack_with_map(map_section(kRoles), false), "t.json").ok());
}

// Hostile packs: the map's country list and a role's country list are bounded (60 each: the
// region shows about 120 countries, a page names a handful), refused at the array.
TEST(PackMap, MoreThanSixtyCountriesAreRefusedAtTheList) {
  std::string many, codes;
  for (int i = 0; i < 61; ++i) {
    const std::string iso{static_cast<char>('A' + i / 26), static_cast<char>('A' + i % 26)};
    many += std::string(i ? "," : "") + R"({"id": ")" + iso + R"(", "name": "N"})";
    codes += std::string(i ? "," : "") + "\"" + iso + "\"";
  }
  PackResult r = parse_pack(pack_with_map(map_section(kRoles, "[" + many + "]")), "t.json");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_error(r, ErrorCode::too_many_items);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->pointer, "/map/countries");

  r = parse_pack(pack_with_map(map_section(R"([{"id": "migration", "label": "M", "countries": [)" + codes + "]}]")),
                 "t.json");
  ASSERT_FALSE(r.ok());
  d = find_error(r, ErrorCode::too_many_items);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->pointer, "/map/roles/0/countries");
}
