// unit-page-state.cpp — the page without ImGui frames: a bad pack becomes a notice, targets
// are followed (and unsafe ones refused), the scrollbar pages and drags, a new width
// keeps the reader's place, and a relayout or a takeover never undoes a scroll under way.
//
// Depends on: ui/app/page_state.hpp, ui/app/font_state.hpp, headless.hpp (an ImGui context
// for the fonts, Noto, files), GoogleTest.
#include <gtest/gtest.h>

#include <vector>

#include "headless.hpp"
#include "ui/app/font_state.hpp"
#include "ui/app/page_state.hpp"

namespace passerelle::ui {
namespace {

using testing::read_text;
using testing::source_path;

struct Page : ::testing::Test {
  void SetUp() override {
    testing::set_noto_faces(fonts);
    page.load(parse_pack(read_text(source_path("content/international.fr.json")), "p.json"), "p.json");
    ASSERT_TRUE(page.has_page());
    page.set_viewport(1280, 800, 1);
    ASSERT_TRUE(fonts.build(ImGui::GetIO(), 1280, 1, page.text()));
    page.relayout(fonts.book(), {});
    ASSERT_NE(page.layout(), nullptr);
    ASSERT_FALSE(page.dirty());
  }
  testing::ImGuiContextScope imgui;
  FontState fonts;
  PageState page;
};

TEST_F(Page, ABadPackBecomesANoticeNamingTheFileAndKeepsTheLanguage) {
  page.set_lang("en");
  page.load(parse_pack(R"({"format": 1, "lang": "de"})", "broken.json"), "broken.json");
  EXPECT_FALSE(page.has_page());
  EXPECT_FALSE(page.errors().empty());
  EXPECT_EQ(page.pack(), nullptr);
  EXPECT_EQ(page.lang(), "en");
  EXPECT_NE(page.text().find("broken.json"), std::string::npos);
  EXPECT_TRUE(page.dirty());
  page.relayout(fonts.book(), {});
  ASSERT_NE(page.layout(), nullptr);
  EXPECT_TRUE(page.layout()->targets.empty());
}

TEST_F(Page, LinksAreCheckedAgainWhenFollowed) {
  Target t;
  t.kind = Target::Kind::url;
  t.url = "javascript:alert(1)";
  EXPECT_EQ(page.follow(t, 0).kind, Action::Kind::none);
  t.url = "https://www.lacimade.org/";
  EXPECT_EQ(page.follow(t, 0).kind, Action::Kind::open_url);
  t.kind = Target::Kind::page;
  t.url = "https://elsewhere.example/";
  EXPECT_EQ(page.follow(t, 0).kind, Action::Kind::none) << "a language link stays on this site";
  t.url = "index.en.html";
  const Action a = page.follow(t, 0);
  EXPECT_EQ(a.kind, Action::Kind::open_page);
  EXPECT_EQ(a.url, "index.en.html");
  t.kind = Target::Kind::country;
  EXPECT_EQ(page.follow(t, 0).kind, Action::Kind::none) << "the map's, routed by App";
}

TEST_F(Page, NoScrollbarWhenTheHostPageScrollsTheArticle) {
  ASSERT_TRUE(page.scrollbar().visible);
  page.set_host_scrolls(true);
  EXPECT_FALSE(page.scrollbar().visible);
  EXPECT_FALSE(page.on_scrollbar(page.width() - 2));
}

TEST_F(Page, TheScrollbarTrackPagesAndItsThumbDrags) {
  const ScrollbarGeometry g = page.scrollbar();
  ASSERT_TRUE(g.visible);
  const float x = g.track.x + g.track.w / 2;
  EXPECT_FALSE(page.on_scrollbar(g.track.x - 10));
  EXPECT_TRUE(page.on_scrollbar(x));
  page.scrollbar_press(x, g.thumb.y + g.thumb.h + 50);  // below the thumb
  EXPECT_FLOAT_EQ(page.scroll(), 800 * (1 - Scroller::kPageOverlap));
  EXPECT_FALSE(page.dragging_thumb());

  const ScrollbarGeometry g2 = page.scrollbar();
  const float y = g2.thumb.y + 5;
  page.scrollbar_press(x, y);
  ASSERT_TRUE(page.dragging_thumb());
  const float before = page.scroll();
  const float travel = g2.track.h - g2.thumb.h;
  page.thumb_drag(y + travel / 4);
  EXPECT_NEAR(page.scroll() - before, page.scroller().max_offset() / 4, 1.0f);
  page.thumb_release();
  page.thumb_drag(y);
  EXPECT_NEAR(page.scroll() - before, page.scroller().max_offset() / 4, 1.0f) << "released: no drag";
}

TEST_F(Page, ANewWidthKeepsTheReadersPlace) {
  page.scroller().scroll_to(page.layout()->height * 0.5f);
  page.set_viewport(700, 800, 1);
  EXPECT_TRUE(page.dirty());
  ASSERT_TRUE(fonts.build(ImGui::GetIO(), 700, 1, page.text()));
  page.relayout(fonts.book(), {});
  EXPECT_NEAR(page.scroll() / page.layout()->height, 0.5f, 0.01f);
  page.set_viewport(700, 600, 1);  // only taller or shorter: the layout stands
  EXPECT_FALSE(page.dirty());
}

// The map's geometry arriving (a new aspect) changes the height of the figure, not what is
// above it: the words at the top of the view stay where they are.
TEST_F(Page, AtTheSameWidthTheWordsAtTheTopStay) {
  LayoutState wide;
  wide.map_aspect = 2.0f;
  page.relayout(fonts.book(), wide);
  const PageLayout& before = *page.layout();
  std::size_t i = before.runs.size() / 4;  // a run early in the page, above the map?
  if (before.map) {
    for (i = 0; i + 1 < before.runs.size() && before.runs[i].y < before.map->box.y - 200; ++i) {}
    i = i > 3 ? i - 3 : 0;
  }
  const float y = before.runs[i].y;
  page.scroller().scroll_to(y - 10);
  LayoutState tall;
  tall.map_aspect = 1.0f;
  page.relayout(fonts.book(), tall);
  EXPECT_NEAR(page.layout()->runs[i].y - page.scroll(), 10.0f, 0.01f);
}

// The HTML was laid out with the map's real proportions; the canvas may lay out before its
// geometry arrives: the takeover's position holds through that relayout, until a scroll.
TEST_F(Page, TheFirstLayoutsStayWhereTheHtmlWasScrolledUntilTheViewScrolls) {
  page.start_at(1500);
  page.relayout(fonts.book(), {});
  EXPECT_FLOAT_EQ(page.scroll(), 1500);
  LayoutState geometry;
  geometry.map_aspect = 1.37f;
  page.relayout(fonts.book(), geometry);
  EXPECT_FLOAT_EQ(page.scroll(), 1500);
  page.scroller().scroll_by(40);
  geometry.map_aspect = 1.0f;
  page.relayout(fonts.book(), geometry);  // scrolled since: the words at the top stay instead
  EXPECT_NE(page.scroll(), 1500);
}

// The standalone page lays out before its WebGL context, and the canvas takes over after: the
// takeover's position applies at once, and a scroll made before the next layout (the map's
// geometry, seconds later) is kept through it, not undone.
TEST_F(Page, ATakeoverAfterTheFirstLayoutScrollsAtOnceAndAScrollAfterItIsKept) {
  page.start_at(1500);
  EXPECT_FLOAT_EQ(page.scroll(), 1500);
  page.start_at(0);
  EXPECT_FLOAT_EQ(page.scroll(), 0);
  page.scroller().scroll_by(546);
  LayoutState geometry;
  geometry.map_aspect = 1.37f;
  page.relayout(fonts.book(), geometry);
  EXPECT_GT(page.scroll(), 400);
}

// The race CI met (page.test.mjs, "PageDown scrolled 0px"): the takeover at the top, then a
// PageDown whose animation has not taken a step yet when the map's geometry arrives.  The
// offset is still the takeover's, but the visitor has scrolled: the relayout must not go
// back to the takeover's position (which stopped the animation).  The same for every move
// that animates (a footnote jump, the focus brought into view, the map revealed), and at
// any takeover position.
TEST_F(Page, AMoveAskedJustAfterTheTakeoverIsNotUndoneByTheNextLayout) {
  struct Case {
    const char* what;
    float takeover;
    void (*ask)(PageState&, double);
  };
  const Case cases[] = {
      {"PageDown at the top", 0, [](PageState& p, double t) { p.scroller().key(ScrollKey::page_down, t); }},
      {"ArrowDown at 1500", 1500, [](PageState& p, double t) { p.scroller().key(ScrollKey::line_down, t); }},
      {"Home at 1500", 1500, [](PageState& p, double t) { p.scroller().key(ScrollKey::home, t); }},
      {"a jump into view at 1500", 1500, [](PageState& p, double t) { p.scroll_into_view(3000, 3040, 0, t); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    page.start_at(c.takeover);
    ASSERT_FLOAT_EQ(page.scroll(), c.takeover);
    double t = 1;
    c.ask(page, t);
    const float destination = page.scroller().destination();
    ASSERT_NE(destination, c.takeover);
    ASSERT_FLOAT_EQ(page.scroll(), c.takeover) << "no step yet";
    const std::vector<PlacedRun>& runs = page.layout()->runs;
    std::size_t run = 0;  // the words the move heads for: the first run at or below its destination
    while (run + 1 < runs.size() && runs[run].y < destination) ++run;
    const float below = runs[run].y - destination;
    LayoutState geometry;
    geometry.map_aspect = 1.37f;  // the map's geometry arrives in the same frame
    page.relayout(fonts.book(), geometry);
    EXPECT_TRUE(page.scroller().moving());
    for (int i = 0; i < 600 && page.scroller().step(t += 1.0 / 60); ++i) {}
    EXPECT_NEAR(page.layout()->runs[run].y - page.scroll(), below, 1.0f) << "headed for " << destination;
    page.relayout(fonts.book(), {});  // back to the first proportions for the next case
  }
}

// A PageDown under way when the map's geometry arrives (the figure changes height above the
// destination): the scroll goes on to the words it was headed for.
TEST_F(Page, AKeyScrollUnderWayGoesOnThroughARelayout) {
  LayoutState first;
  first.map_aspect = 2.0f;
  page.relayout(fonts.book(), first);
  const PageLayout& before = *page.layout();
  ASSERT_TRUE(before.map.has_value());
  // Start just above the map, so that the destination lies below it.
  page.scroller().scroll_to(before.map->box.y - 100);
  double t = 1;
  page.scroller().key(ScrollKey::page_down, t);
  const float destination = page.scroller().destination();
  std::size_t run = 0;  // the first run at or below the destination
  while (run + 1 < before.runs.size() && before.runs[run].y < destination) ++run;
  const float below = before.runs[run].y - destination;
  page.scroller().step(t += 1.0 / 60);
  ASSERT_TRUE(page.scroller().moving());
  LayoutState geometry;
  geometry.map_aspect = 1.0f;  // a taller map
  page.relayout(fonts.book(), geometry);
  EXPECT_TRUE(page.scroller().moving());
  for (int i = 0; i < 600 && page.scroller().step(t += 1.0 / 60); ++i) {}
  EXPECT_NEAR(page.layout()->runs[run].y - page.scroll(), below, 1.0f);
}

}  // namespace
}  // namespace passerelle::ui
