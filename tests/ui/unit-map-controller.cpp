// unit-map-controller.cpp — the map figure's country list as one keyboard widget, decided
// without ImGui or a layout: Tab enters it (after "Gérer mes cookies" when there is one),
// arrows move, Enter or Space selects, Escape deselects, Tab leaves; and the geometry file.
//
// Depends on: ui/app/map_controller.hpp, core/pack, headless.hpp (files), GoogleTest;
// PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include "headless.hpp"
#include "ui/app/map_controller.hpp"

namespace passerelle::ui {
namespace {

using Result = ChipKey::Result;
using testing::read_text;
using testing::source_path;

struct ChipKeys : ::testing::Test {
  void SetUp() override {
    PackResult r = parse_pack(read_text(source_path("content/international.fr.json")), "p.json");
    ASSERT_TRUE(r.ok());
    pack = std::move(*r.pack);
    map.set_section(&*pack.map, "fr");
    for (const char* id : {"DZ", "MA", "PS"}) chips.push_back(MapChip{Rect{}, id, 0, -1});
    c.chips = &chips;
  }
  ChipKey key(UiKey k, bool shift = false) { return map.key(k, shift, c); }
  Pack pack;
  MapController map;
  std::vector<MapChip> chips;
  ChipKeyContext c;
};

TEST_F(ChipKeys, WithoutAListNoKeyIsTheMaps) {
  c.chips = nullptr;
  EXPECT_EQ(key(UiKey::tab).result, Result::not_mine);
  std::vector<MapChip> none;
  c.chips = &none;
  EXPECT_EQ(key(UiKey::tab).result, Result::not_mine);
}

TEST_F(ChipKeys, TabEntersArrowsMoveWithinTheListEnterSelectsTabLeaves) {
  EXPECT_EQ(key(UiKey::right).result, Result::not_mine) << "arrows scroll the page until Tab";
  ChipKey r = key(UiKey::tab);
  EXPECT_FALSE(r.change_selection);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_EQ(r.reveal_chip, 0);
  EXPECT_EQ(map.focused_chip(), 0);
  EXPECT_EQ(key(UiKey::left).reveal_chip, 0) << "stays on the first";
  EXPECT_EQ(key(UiKey::right).reveal_chip, 1);
  EXPECT_EQ(key(UiKey::down).reveal_chip, 2);
  EXPECT_EQ(key(UiKey::down).reveal_chip, 2) << "stays on the last";
  EXPECT_EQ(key(UiKey::up).reveal_chip, 1);
  r = key(UiKey::activate);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_TRUE(r.change_selection);
  EXPECT_EQ(r.select_chip, 1) << "MA";
  EXPECT_EQ(r.reveal_chip, -1);
  EXPECT_EQ(key(UiKey::escape).result, Result::not_mine) << "nothing selected yet: Escape is not the list's";
  r = key(UiKey::tab);
  EXPECT_EQ(r.result, Result::leave);
  EXPECT_EQ(r.imgui_focus, ChipKey::Focus::keep);
  EXPECT_EQ(map.focused_chip(), -1);
}

TEST_F(ChipKeys, TabEntersOnTheSelectedCountryAndEscapeDeselects) {
  ASSERT_TRUE(map.view().select("PS", 0, false));
  EXPECT_EQ(key(UiKey::tab).reveal_chip, 2);
  const ChipKey r = key(UiKey::escape);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_TRUE(r.change_selection);
  EXPECT_EQ(r.select_chip, -1) << "none";
}

TEST_F(ChipKeys, EscapeOverTheMapDeselectsWithoutTheFocus) {
  ASSERT_TRUE(map.view().select("DZ", 0, false));
  EXPECT_EQ(key(UiKey::escape).result, Result::not_mine) << "the pointer is elsewhere";
  c.pointer_over_map = true;
  const ChipKey r = key(UiKey::escape);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_TRUE(r.change_selection);
  EXPECT_EQ(r.select_chip, -1);
  EXPECT_EQ(map.focused_chip(), -1);
}

TEST_F(ChipKeys, WithAConsentWidgetTheListComesAfterGererMesCookies) {
  c.has_consent = true;
  EXPECT_EQ(key(UiKey::tab).result, Result::not_mine) << "the first Tab goes to \"Gérer mes cookies\"";
  c.on_manage = true;
  EXPECT_EQ(key(UiKey::tab, true).result, Result::not_mine) << "Shift+Tab from the button: not the list's";
  ChipKey r = key(UiKey::tab);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_EQ(r.imgui_focus, ChipKey::Focus::release_manage);
  EXPECT_EQ(map.focused_chip(), 0);
  c.on_manage = false;
  r = key(UiKey::tab, true);
  EXPECT_EQ(r.result, Result::used);
  EXPECT_EQ(r.imgui_focus, ChipKey::Focus::to_manage) << "Shift+Tab goes back to the button";
  EXPECT_EQ(map.focused_chip(), -1);
}

TEST_F(ChipKeys, ANewSectionDropsTheFocus) {
  key(UiKey::tab);
  ASSERT_EQ(map.focused_chip(), 0);
  map.set_section(nullptr, "fr");
  EXPECT_EQ(map.focused_chip(), -1);
}

TEST(MapController, TheGeometryFileGivesTheNamesOrAnErrorInTheBox) {
  MapController map;
  EXPECT_TRUE(map.load_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json", "fr").empty());
  EXPECT_TRUE(map.view().ready());
  EXPECT_NE(map.names().find("Algérie"), std::string::npos);
  EXPECT_FALSE(map.load_geometry("{\"format\": 2}", "broken.json", "fr").empty());
  EXPECT_FALSE(map.view().ready());
  EXPECT_NE(map.view().error().find("broken.json"), std::string::npos);
}

}  // namespace
}  // namespace passerelle::ui
