// unit-embed-views.cpp — the views a partner site embeds: the map figure alone, the consent
// UI alone, and what "embedded" changes: the box is as tall as the content, a plain wheel,
// one finger and unneeded keys are left to the host page (a fixed-height page box scrolls its
// article first, and hands over at its edges).
//
// Depends on: headless.hpp (ui/app.hpp), GoogleTest; PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include <string>

#include "headless.hpp"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

void load(Headless& h, ui::ViewMode view, float width, float height) {
  ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "p.json").empty());
  ASSERT_TRUE(h.app.load_map_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json").empty());
  h.app.set_view(view);
  h.app.set_embedded(true);
  h.app.set_viewport(width, height, 1);
  h.settle();
}

}  // namespace

TEST(EmbedViews, TheMapViewIsTheFigureAloneAsTallAsItNeeds) {
  Headless h;
  load(h, ui::ViewMode::map, 700, 500);
  const PageLayout& l = *h.app.layout();
  ASSERT_TRUE(l.map.has_value());
  // No header, title or article: the first run is the figure's heading.
  ASSERT_FALSE(l.runs.empty());
  EXPECT_EQ(l.runs.front().text.rfind("Les pays", 0), 0u) << l.runs.front().text;
  for (const PlacedRun& r : l.runs) EXPECT_EQ(r.text.find("cinquantaine"), std::string::npos);
  // The figure uses the box's width, and the box should be exactly as tall as the content.
  EXPECT_GT(l.map->map.w, 660);
  EXPECT_FLOAT_EQ(h.app.content_height(), l.height);
  EXPECT_GT(l.height, l.map->map.y + l.map->map.h);
  // Selecting a country grows the content (the details panel below, at this width).
  const float before = h.app.content_height();
  ASSERT_TRUE(h.app.map_select("PS", h.t));
  h.settle();
  EXPECT_GT(h.app.content_height(), before + 50);
}

TEST(EmbedViews, EmbeddedLeavesThePlainWheelAndIdleKeysToTheHost) {
  Headless h;
  load(h, ui::ViewMode::map, 700, 2000);  // the host made the box as tall as the content
  const Rect box = h.app.map().box();
  EXPECT_FALSE(h.app.wheel(0, 100, false, box.x + 10, box.y + 10, h.t));  // host scrolls
  EXPECT_EQ(h.app.scroll(), 0);
  EXPECT_TRUE(h.app.wheel(0, -100, true, box.x + 10, box.y + 10, h.t));   // Ctrl: the map zooms
  EXPECT_FALSE(h.app.key(ScrollKey::page_down, h.t));                     // nothing to scroll
}

TEST(EmbedViews, AFixedHeightPageScrollsByTheWheelAndHandsOverAtItsEdges) {
  Headless h;
  load(h, ui::ViewMode::page, 700, 400);  // data-height: the article is taller than its box
  ASSERT_GT(h.app.content_height(), 1000);
  EXPECT_FALSE(h.app.wheel(0, -100, false, 300, 200, h.t)) << "at the top, up is the host's";
  EXPECT_TRUE(h.app.wheel(0, 300, false, 300, 200, h.t));
  EXPECT_FLOAT_EQ(h.app.scroll(), 300);
  EXPECT_TRUE(h.app.wheel(0, 1e6f, false, 300, 200, h.t));  // to the bottom
  EXPECT_FALSE(h.app.wheel(0, 100, false, 300, 200, h.t)) << "at the bottom, down is the host's";
  EXPECT_TRUE(h.app.wheel(0, -100, false, 300, 200, h.t));
}

// One finger, as the wheel: the article follows it inside the box, and what it cannot follow
// at an edge is returned for the host page to scroll.
TEST(EmbedViews, AFixedHeightPageScrollsUnderOneFingerAndHandsTheRestOverAtItsEdges) {
  Headless h;
  load(h, ui::ViewMode::page, 700, 400);
  const float max = h.app.content_height() - 400;
  ASSERT_GT(max, 1000);
  h.app.touch_begin(1, 300, 300, h.t);
  EXPECT_FLOAT_EQ(h.app.touch_move(1, 300, 350, h.t + 0.1), -50) << "at the top, down the finger is the host's";
  EXPECT_FLOAT_EQ(h.app.touch_move(1, 300, 150, h.t + 0.2), 0);
  EXPECT_FLOAT_EQ(h.app.scroll(), 200);  // the finger went up 200 px from where the article turned
  EXPECT_FLOAT_EQ(h.app.touch_move(1, 300, 150 - max, h.t + 0.3), 200);
  EXPECT_FLOAT_EQ(h.app.scroll(), max);
  EXPECT_FLOAT_EQ(h.app.touch_move(1, 300, 50 - max, h.t + 0.4), 100) << "at the bottom, the rest is the host's";
  h.app.touch_end(1, h.t + 1.5);
}

TEST(EmbedViews, AnAutoHeightPageAndTheMapLeaveOneFingerToTheHost) {
  for (ui::ViewMode view : {ui::ViewMode::page, ui::ViewMode::map}) {
    Headless h;
    load(h, view, 700, 400);
    if (view == ui::ViewMode::page) h.app.set_host_scrolls(true);
    h.app.touch_begin(1, 300, 300, h.t);
    EXPECT_FLOAT_EQ(h.app.touch_move(1, 300, 100, h.t + 0.1), 0) << "the browser scrolls the host itself";
    EXPECT_FLOAT_EQ(h.app.scroll(), 0);
    h.app.touch_end(1, h.t + 0.2);
  }
}

TEST(EmbedViews, WhenTheHostScrollsTheArticleItFollowsAndDrawsNoScrollbar) {
  Headless h;
  load(h, ui::ViewMode::page, 700, 400);  // auto height: the canvas is the visible part only
  h.app.set_host_scrolls(true);
  EXPECT_FALSE(h.app.wheel(0, 100, false, 300, 200, h.t)) << "the wheel is the host's";
  EXPECT_FLOAT_EQ(h.app.scroll(), 0);
  h.app.scroll_to(1234);
  EXPECT_FLOAT_EQ(h.app.scroll(), 1234);
  h.settle();
  EXPECT_FLOAT_EQ(h.app.scroll(), 1234) << "it stays where the host put it";
}

TEST(EmbedViews, TheConsentViewDrawsOnlyTheBannerAndMeasuresIt) {
  Headless h;
  load(h, ui::ViewMode::consent, 900, 700);
  ConsentStart start;
  start.now = 1'764'000'000;
  ASSERT_TRUE(h.app.start_consent(start));
  h.settle();
  ASSERT_TRUE(h.app.consent_open());
  // The banner's height, not the page's: the embed sizes its fixed box to it.
  const float banner = h.app.content_height();
  EXPECT_GT(banner, 120);
  EXPECT_LT(banner, 500);
  EXPECT_TRUE(h.app.layout()->runs.empty());
  // The panel asks for its own preferred height.
  h.app.consent_show();
  h.settle();
  EXPECT_GT(h.app.content_height(), banner);
}
