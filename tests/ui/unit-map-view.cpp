// unit-map-view.cpp — the map in a headless ImGui context, with the real pack and the real
// geometry: it is drawn (many triangles, inside its box), a click at a city's screen point
// selects its country and relays out the details, a click at sea deselects, a plain wheel
// scrolls the page while Ctrl + wheel zooms the map, and the keyboard walks the country list.
//
// Depends on: headless.hpp (ui/app.hpp), GoogleTest; PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include <string>

#include "headless.hpp"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

// The page at 1280 x 800 with the map loaded, scrolled so the map box is on screen.
struct MapPage {
  Headless h;
  MapPage(float w = 1280, float height = 800) {
    EXPECT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json").empty());
    EXPECT_TRUE(h.app.load_map_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json").empty());
    h.app.set_viewport(w, height, 1);
    h.settle();
    const MapFigure& fig = *h.app.layout()->map;
    h.app.wheel(0, fig.map.y - 20, false, 5, 5, h.t);  // scroll: the figure's top near the top
    h.settle();
  }
  const ui::MapView& map() { return h.app.map(); }
  ImVec2 at(double lon, double lat) {
    auto p = h.app.map().screen_point(lon, lat);
    EXPECT_TRUE(p.has_value()) << lon << "," << lat;
    return p.value_or(ImVec2(-1, -1));
  }
  void click(ImVec2 p) {
    h.app.pointer_move(p.x, p.y);
    h.app.pointer_down(p.x, p.y);
    h.app.pointer_up(p.x, p.y);
    h.app.click(p.x, p.y, h.t);
    h.settle();
  }
};

}  // namespace

TEST(MapView, DrawsTheCountriesInsideItsBox) {
  MapPage m;
  ASSERT_TRUE(m.map().ready());
  const Rect box = m.map().box();
  EXPECT_GT(box.w, 600);
  EXPECT_GE(box.y, 0);
  // Thousands of triangles and border vertices: far more than the text alone draws.
  EXPECT_GT(m.h.vertices(), 20000);
  // Everything of the map is clipped to its box.
  bool clipped = false;
  for (int l = 0; l < m.h.draw_data()->CmdListsCount; ++l)
    for (const ImDrawCmd& cmd : m.h.draw_data()->CmdLists[l]->CmdBuffer)
      if (cmd.ClipRect.x == box.x && cmd.ClipRect.y == box.y && cmd.ClipRect.z == box.x + box.w) clipped = true;
  EXPECT_TRUE(clipped);
}

TEST(MapView, AClickSelectsTheCountryAndTheDetailsFollow) {
  MapPage m;
  m.click(m.at(-8.0, 12.64));  // Bamako
  EXPECT_EQ(m.map().selected(), "ML");
  const PageLayout& l = *m.h.app.layout();
  ASSERT_TRUE(l.map.has_value());
  EXPECT_EQ(l.map->selected, "ML");
  bool named = false;
  for (const PlacedRun& r : l.runs)
    if (r.text == "Mali" && r.x >= l.map->details.x && r.font.size > 19) named = true;
  EXPECT_TRUE(named) << "the details panel's heading";
  m.click(m.at(-22, 33));  // the Atlantic
  EXPECT_EQ(m.map().selected(), "");
}

TEST(MapView, PlainWheelScrollsTheCtrlWheelZooms) {
  MapPage m;
  const Rect box = m.map().box();
  const float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  const float before = m.h.app.scroll();
  EXPECT_TRUE(m.h.app.wheel(0, -200, true, cx, cy, m.h.t));
  m.h.settle();
  EXPECT_GT(m.map().camera().zoom(), 1.5f);
  EXPECT_EQ(m.h.app.scroll(), before);
  const float zoom = m.map().camera().zoom();
  EXPECT_TRUE(m.h.app.wheel(0, 100, false, cx, cy, m.h.t));
  EXPECT_EQ(m.map().camera().zoom(), zoom);
  EXPECT_NEAR(m.h.app.scroll(), before + 100, 0.5f);
  // Ctrl + wheel outside the map is the browser's (page zoom): not used.
  EXPECT_FALSE(m.h.app.wheel(0, -100, true, 5, 5, m.h.t));
}

TEST(MapView, TwoFingersPinchOneFingerScrolls) {
  MapPage m;
  const Rect box = m.map().box();
  const float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  double t = m.h.t;
  m.h.app.touch_begin(1, cx - 30, cy, t);
  m.h.app.touch_begin(2, cx + 30, cy, t);
  m.h.app.touch_move(1, cx - 60, cy, t += 0.016);
  m.h.app.touch_move(2, cx + 60, cy, t);
  m.h.app.touch_end(1, t += 0.016);
  m.h.app.touch_end(2, t);
  m.h.settle();
  EXPECT_NEAR(m.map().camera().zoom(), 2.0f, 0.01f);
  const float before = m.h.app.scroll();
  m.h.app.touch_begin(3, cx, cy, t += 1);
  m.h.app.touch_move(3, cx, cy - 50, t += 0.2);
  m.h.app.touch_end(3, t += 0.5);
  m.h.settle();
  EXPECT_NEAR(m.h.app.scroll(), before + 50, 1.0f);
  EXPECT_NEAR(m.map().camera().zoom(), 2.0f, 0.01f);
}

TEST(MapView, WhileTheConsentBannerIsOpenTabStaysInIt) {
  MapPage m;
  ConsentStart start;
  start.now = 1'764'000'000;
  ASSERT_TRUE(m.h.app.start_consent(start));
  m.h.settle();
  ASSERT_TRUE(m.h.app.consent_open());
  // The banner's buttons take Tab; the country list is not reached behind it.
  EXPECT_TRUE(m.h.app.ui_key(ui::UiKey::tab, true, false));
  m.h.settle();
  EXPECT_EQ(m.h.app.focused_chip(), -1);
}

TEST(MapView, KeyboardWithoutConsentEntersTheListOnTheFirstTab) {
  MapPage m;  // no consent started: the list is the canvas's first stop
  EXPECT_TRUE(m.h.app.ui_key(ui::UiKey::tab, true, false));
  EXPECT_EQ(m.h.app.focused_chip(), 0);
  EXPECT_TRUE(m.h.app.ui_key(ui::UiKey::right, true, false));
  EXPECT_TRUE(m.h.app.ui_key(ui::UiKey::activate, true, false));
  m.h.settle();
  const MapFigure& fig = *m.h.app.layout()->map;
  EXPECT_EQ(m.map().selected(), fig.chips[1].id);
  EXPECT_TRUE(m.h.app.ui_key(ui::UiKey::escape, true, false));
  m.h.settle();
  EXPECT_EQ(m.map().selected(), "");
  EXPECT_FALSE(m.h.app.ui_key(ui::UiKey::tab, true, false));  // leaves the canvas
  EXPECT_EQ(m.h.app.focused_chip(), -1);
}

TEST(MapView, ACorruptGeometryLeavesTheMapBoxWithAMessage) {
  Headless h;
  ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "p.json").empty());
  EXPECT_FALSE(h.app.load_map_geometry("{\"format\": 2}", "map-geometry.json").empty());
  h.app.set_viewport(1280, 800, 1);
  h.settle();
  EXPECT_FALSE(h.app.map().ready());
  EXPECT_NE(h.app.map().error().find("map-geometry.json"), std::string::npos);
  ASSERT_TRUE(h.app.layout()->map.has_value());  // the page still lays out its figure
}

// The App's load in steps (one per browser task): frames between steps draw the page with
// the map box still loading; after the last, the map is drawn and the page relaid out.
TEST(MapView, FramesBetweenTheGeometrysStepsShowTheBoxLoading) {
  Headless h;
  ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "p.json").empty());
  h.app.set_viewport(1280, 800, 1);
  h.settle();
  h.app.begin_map_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json");
  int steps = 0;
  while (h.app.step_map_geometry()) {
    ++steps;
    h.settle();
    EXPECT_FALSE(h.app.map().ready());
    EXPECT_TRUE(h.app.map().error().empty());
  }
  EXPECT_GT(steps, 4);
  EXPECT_TRUE(h.app.map_errors().empty());
  EXPECT_FALSE(h.app.step_map_geometry());
  h.settle();
  EXPECT_TRUE(h.app.map().ready());
  ASSERT_TRUE(h.app.layout()->map.has_value());
}

TEST(MapView, ReducedMotionZoomsAtOnce) {
  MapPage m;
  m.h.app.set_reduced_motion(true);
  const Rect box = m.map().box();
  m.h.app.click(box.x + box.w / 2, box.y + box.h / 2, m.h.t);
  m.h.app.click(box.x + box.w / 2, box.y + box.h / 2, m.h.t + 0.1);  // a double click
  EXPECT_FALSE(m.map().camera().is_animating());
  EXPECT_NEAR(m.map().camera().zoom(), 2.0f, 0.01f);
}

// The shipped packs say the bundled geometry's proportions (map.aspect): the map's box is laid
// out at its final size before the geometry arrives, so the page under it does not move when
// the map appears (nor a partner's page around an embed).  Without it, the box changed size.
TEST(MapView, TheBoxHasItsFinalSizeBeforeTheGeometryArrives) {
  for (const char* file : {"content/international.fr.json", "content/international.en.json"}) {
    for (float width : {1280.0f, 375.0f}) {
      Headless h;
      ASSERT_TRUE(h.app.load_pack(read_text(source_path(file)), "pack.json").empty()) << file;
      h.app.set_viewport(width, 800, 1);
      h.settle();
      ASSERT_TRUE(h.app.layout()->map.has_value());
      const Rect before = h.app.layout()->map->map;
      const float height_before = h.app.layout()->height;
      ASSERT_TRUE(h.app.load_map_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json").empty());
      h.settle();
      const Rect after = h.app.layout()->map->map;
      EXPECT_TRUE(h.app.map().ready());
      EXPECT_NEAR(after.h, before.h, 0.01f) << file << " at " << width << ": set map.aspect to the geometry's "
                                            << h.app.map().aspect();
      EXPECT_NEAR(h.app.layout()->height, height_before, 0.01f) << file << " at " << width;
    }
  }
}
