// unit-map-controller.cpp — the map figure's country list as one keyboard widget, decided
// without ImGui or a layout: Tab enters it (after "Gérer mes cookies" when there is one),
// arrows move, Enter or Space selects, Escape deselects, Tab leaves; and the geometry file.
//
// Depends on: ui/app/map_controller.hpp, core/pack, headless.hpp (files), GoogleTest;
// PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include <memory>
#include <string>

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

// The geometry in steps (MapGeometryLoader): the box waits for the last one, which gives the
// same map, or the same error, as the one-shot load.
TEST(MapController, TheGeometryLoadsInStepsAndTheMapIsReadyAfterTheLast) {
  MapController map;
  map.begin_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json");
  int steps = 0;
  while (map.loading()) {
    EXPECT_FALSE(map.view().ready()) << "ready before the last step (" << steps << ")";
    EXPECT_TRUE(map.view().error().empty());
    map.step_geometry("fr");
    ++steps;
  }
  EXPECT_GT(steps, 4);
  EXPECT_TRUE(map.view().ready());
  EXPECT_TRUE(map.errors().empty());
  EXPECT_NE(map.names().find("Algérie"), std::string::npos);
  EXPECT_FALSE(map.step_geometry("fr")) << "nothing left to do";
}

TEST(MapController, ABrokenGeometryInStepsShowsTheOneShotError) {
  const std::string broken = "{\"format\": \"passerelle-map-geometry/1\", \"countries\": [{\"id\": 5}]}";
  MapController once;
  once.load_geometry(broken, "broken.json", "fr");
  ASSERT_FALSE(once.view().error().empty());
  MapController stepped;
  stepped.begin_geometry(broken, "broken.json");
  while (stepped.step_geometry("fr")) EXPECT_TRUE(stepped.view().error().empty());
  EXPECT_FALSE(stepped.view().ready());
  EXPECT_EQ(stepped.view().error(), once.view().error());
  ASSERT_EQ(stepped.errors().size(), once.errors().size());
  for (std::size_t i = 0; i < once.errors().size(); ++i)
    EXPECT_EQ(format(stepped.errors()[i]), format(once.errors()[i]));
}

// Under ASan: a use after free or a leak fails the run.
TEST(MapController, ALoadCanBeDroppedInTheMiddle) {
  const std::string bytes = read_text(PASSERELLE_MAP_GEOMETRY);
  {
    auto map = std::make_unique<MapController>();
    map->begin_geometry(bytes, "map-geometry.json");
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(map->step_geometry("fr"));
    map.reset();  // a view destroyed in the middle of a load (pl_shutdown)
  }
  MapController map;
  map.begin_geometry(bytes, "first.json");
  ASSERT_TRUE(map.step_geometry("fr"));
  map.begin_geometry("{\"format\": 2}", "second.json");  // a new load drops the first
  while (map.step_geometry("fr")) {
  }
  EXPECT_NE(map.view().error().find("second.json"), std::string::npos);
  map.begin_geometry(bytes, "third.json");
  ASSERT_TRUE(map.step_geometry("fr"));
  map.unavailable("no network");  // the load is dropped, the message shown
  EXPECT_FALSE(map.loading());
  EXPECT_EQ(map.view().error(), "no network");
}

}  // namespace
}  // namespace passerelle::ui
