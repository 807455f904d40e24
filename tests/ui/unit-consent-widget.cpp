// The consent banner in a headless ImGui context: equal buttons, pointer and keyboard.
#include <gtest/gtest.h>

#include <cmath>

#include "headless.hpp"

namespace passerelle {
namespace {

using testing::Headless;
using testing::read_text;
using testing::source_path;

// A click in the middle of a button, as a pointer makes it: move, press, release.
void click_button(Headless& h, const ui::ConsentWidget::Button& b) {
  const float x = (b.min.x + b.max.x) / 2, y = (b.min.y + b.max.y) / 2;
  h.app.pointer_move(x, y);
  h.settle();
  h.app.pointer_down(x, y);
  h.settle();
  h.app.pointer_up(x, y);
  h.settle();
}

struct BannerFixture : ::testing::Test {
  void SetUp() override {
    ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json").empty());
    h.app.set_id_source([this] {
      char buf[33];
      std::snprintf(buf, sizeof buf, "%032x", ++ids);
      return std::string(buf);
    });
    h.app.set_wall_clock(1'800'000'000);
  }
  void start(float w = 1280, float hgt = 800, std::string_view cookie = "", bool gpc = false) {
    h.app.set_viewport(w, hgt, 1);
    ConsentStart s;
    s.cookie_value = cookie;
    s.now = 1'800'000'000;
    s.gpc = gpc;
    ASSERT_TRUE(h.app.start_consent(s));
    h.settle();
  }
  const ui::ConsentWidget::Button& button(const std::string& label) {
    for (const auto& b : h.app.consent_widget().last_buttons())
      if (b.label == label) return b;
    ADD_FAILURE() << "no button " << label;
    static ui::ConsentWidget::Button none;
    return none;
  }
  void click(const ui::ConsentWidget::Button& b) { click_button(h, b); }
  void press(ui::UiKey k, bool shift = false) {
    h.app.ui_key(k, true, shift);
    h.settle();
    h.app.ui_key(k, false, shift);
    h.settle();
  }
  Headless h;
  unsigned ids = 0;
};

// How many vertices of the last frame are drawn in this colour.
int vertices_in(ImDrawData* d, ImU32 col) {
  int n = 0;
  for (int l = 0; d && l < d->CmdListsCount; ++l)
    for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer) n += v.col == col;
  return n;
}

// The page, the banner and its three buttons are drawn in the scheme asked for, and switch
// when it changes (the system's setting, or an embed's data-theme).
TEST_F(BannerFixture, TheBannerAndThePageAreDrawnInTheScheme) {
  start();
  const ui::Theme& light = ui::theme_for(design::Scheme::light);
  const ui::Theme& dark = ui::theme_for(design::Scheme::dark);
  EXPECT_GT(vertices_in(h.draw_data(), ui::to_imgui(light.link)), 0);
  h.app.set_scheme(design::Scheme::dark);
  EXPECT_GE(h.settle(), 1);
  EXPECT_EQ(h.app.scheme(), design::Scheme::dark);
  EXPECT_GT(vertices_in(h.draw_data(), ui::to_imgui(dark.background)), 0);   // the page
  EXPECT_GT(vertices_in(h.draw_data(), ui::to_imgui(dark.surface)), 0);      // the banner
  EXPECT_GE(vertices_in(h.draw_data(), ui::to_imgui(dark.link)), 3 * 4);     // three buttons
  EXPECT_EQ(vertices_in(h.draw_data(), ui::to_imgui(light.link)), 0);
  EXPECT_EQ(vertices_in(h.draw_data(), ui::to_imgui(light.background)), 0);
  h.app.set_scheme(design::Scheme::light);
  h.settle();
  EXPECT_EQ(vertices_in(h.draw_data(), ui::to_imgui(dark.link)), 0);
}

TEST_F(BannerFixture, FirstVisitShowsThreeChoicesOfEqualSize) {
  start();
  EXPECT_EQ(h.app.consent()->view(), ConsentView::banner);
  const auto& bs = h.app.consent_widget().last_buttons();
  ASSERT_EQ(bs.size(), 3u);
  EXPECT_EQ(bs[0].label, "Tout refuser");
  EXPECT_EQ(bs[1].label, "Tout accepter");
  EXPECT_EQ(bs[2].label, "Personnaliser");
  for (const auto& b : bs) {
    EXPECT_FLOAT_EQ(b.max.x - b.min.x, bs[0].max.x - bs[0].min.x) << b.label;
    EXPECT_FLOAT_EQ(b.max.y - b.min.y, bs[0].max.y - bs[0].min.y) << b.label;
    EXPECT_GT(b.max.y - b.min.y, 32.0f) << "comfortable touch target";
  }
  // At the bottom of the viewport, leaving most of the article visible.
  EXPECT_GT(bs[0].min.y, 800 * 0.6f);
}

TEST_F(BannerFixture, OnAPhoneTheChoicesStackAtFullWidthAndLeaveTheArticleReadable) {
  start(375, 740);
  const auto& bs = h.app.consent_widget().last_buttons();
  ASSERT_EQ(bs.size(), 3u);
  for (const auto& b : bs) EXPECT_FLOAT_EQ(b.max.x - b.min.x, bs[0].max.x - bs[0].min.x);
  EXPECT_LT(bs[0].max.y, bs[1].min.y) << "stacked";
  EXPECT_FALSE(h.app.consent_widget().covers(ImVec2(187, 740 * 0.35f))) << "upper part of the page stays free";
}

TEST_F(BannerFixture, RefusingWithThePointerRecordsAndHidesTheBanner) {
  start();
  click(button("Tout refuser"));
  ASSERT_EQ(h.app.consent()->view(), ConsentView::hidden);
  const auto outs = h.app.take_consent_outcomes();
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_FALSE(outs[0].record.granted("audience"));
  EXPECT_FALSE(outs[0].record.granted("video"));
  EXPECT_TRUE(outs[0].record.granted("necessary"));
  EXPECT_FALSE(outs[0].cookie_value.empty());
  // The persistent control is there to change one's mind.
  ASSERT_EQ(h.app.consent_widget().last_buttons().size(), 1u);
  EXPECT_EQ(h.app.consent_widget().last_buttons()[0].label, "Gérer mes cookies");
}

TEST_F(BannerFixture, KeyboardTabMovesFocusAndSpaceActivates) {
  start();
  // Focus starts on the first choice ("Tout refuser"); Tab moves to "Tout accepter".
  press(ui::UiKey::tab);
  press(ui::UiKey::activate);
  const auto outs = h.app.take_consent_outcomes();
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_TRUE(outs[0].record.granted("audience"));
  EXPECT_TRUE(outs[0].record.granted("video"));
}

TEST_F(BannerFixture, CustomiseOpensThePanelAndEscapeReturnsToTheBanner) {
  start();
  click(button("Personnaliser"));
  ASSERT_EQ(h.app.consent()->view(), ConsentView::panel);
  const auto& bs = h.app.consent_widget().last_buttons();
  ASSERT_EQ(bs.size(), 3u);
  EXPECT_EQ(bs[0].label, "Enregistrer");
  for (const auto& b : bs) EXPECT_FLOAT_EQ(b.max.x - b.min.x, bs[0].max.x - bs[0].min.x);
  press(ui::UiKey::escape);
  EXPECT_EQ(h.app.consent()->view(), ConsentView::banner);
  EXPECT_TRUE(h.app.take_consent_outcomes().empty()) << "closing is not a choice";
}

// The panel opened from the keyboard and closed with Escape gives the focus back to
// "Personnaliser": Space then opens it again.  The focus went to "Tout refuser", and Escape,
// Space refused everything.
TEST_F(BannerFixture, EscapeFromThePanelGivesTheFocusBackToPersonnaliser) {
  start();
  press(ui::UiKey::tab);
  press(ui::UiKey::tab);  // Tout refuser, Tout accepter, Personnaliser
  press(ui::UiKey::activate);
  ASSERT_EQ(h.app.consent()->view(), ConsentView::panel);
  press(ui::UiKey::escape);
  ASSERT_EQ(h.app.consent()->view(), ConsentView::banner);
  press(ui::UiKey::activate);
  EXPECT_EQ(h.app.consent()->view(), ConsentView::panel) << "Space pressed Personnaliser again";
  EXPECT_TRUE(h.app.take_consent_outcomes().empty()) << "nothing was refused";
}

// Each purpose's name and what stands at its right ("Toujours actif" or the switch) never
// overlap: the name wraps before it.  At 320 and 375 px "Cookies strictement nécessaires" was
// drawn over "Toujours actif" (and "Strictly necessary cookies" over "Always on" at 320).
TEST(ConsentPanelRows, TheNameWrapsBeforeWhatStandsAtItsRight) {
  for (const char* pack : {"content/international.fr.json", "content/international.en.json"}) {
    for (float w : {320.0f, 360.0f, 375.0f, 412.0f, 1280.0f}) {
      SCOPED_TRACE(std::string(pack) + " at " + std::to_string(static_cast<int>(w)) + " px");
      Headless h;
      ASSERT_TRUE(h.app.load_pack(read_text(source_path(pack)), "p.json").empty());
      h.app.set_wall_clock(1'800'000'000);
      h.app.set_viewport(w, 740, 1);
      ConsentStart s;
      s.now = 1'800'000'000;
      ASSERT_TRUE(h.app.start_consent(s));
      h.settle();
      for (const auto& b : h.app.consent_widget().last_buttons()) {
        if (b.label != "Personnaliser" && b.label != "Customise") continue;
        click_button(h, b);
        break;
      }
      ASSERT_EQ(h.app.consent()->view(), ConsentView::panel);
      const auto& rows = h.app.consent_widget().last_rows();
      ASSERT_GE(rows.size(), 3u);
      for (const auto& r : rows) {
        EXPECT_LT(r.name_max.x, r.side_min.x) << "the name ends before what is at its right";
        EXPECT_GT(r.name_max.x - r.name_min.x, 40.0f) << "the name is drawn";
        EXPECT_LE(r.side_max.x, w) << "on screen";
      }
    }
  }
}

// On a 320 × 568 phone the banner (capped at 60 % of the screen) holds more than it shows:
// "Personnaliser" is below its fold.  A wheel over it scrolls it, not the page; at its end
// the page takes the wheel on, as a scrolling box in a page does.
TEST_F(BannerFixture, OnAShortScreenTheWheelScrollsTheBannerThenThePage) {
  start(320, 568);
  const float banner_bottom = 568 - 8;
  ASSERT_GT(button("Personnaliser").max.y, banner_bottom) << "below the banner's fold";
  const float x = 160, y = 500;
  ASSERT_TRUE(h.app.consent_widget().covers(ImVec2(x, y)));
  EXPECT_TRUE(h.app.wheel(0, 100, false, x, y, h.t));
  h.settle();
  EXPECT_FLOAT_EQ(h.app.scroll(), 0.0f) << "the page behind stays";
  int turns = 1;
  for (; h.app.scroll() == 0 && turns < 20; ++turns) {
    h.app.wheel(0, 100, false, x, y, h.t);
    h.settle();
  }
  EXPECT_LT(turns, 20) << "the banner's scroll has an end, then the page scrolls";
  EXPECT_LE(button("Personnaliser").max.y, banner_bottom) << "scrolled into the banner's view";
  const float page = h.app.scroll();
  EXPECT_TRUE(h.app.wheel(0, -100, false, x, y, h.t));
  h.settle();
  EXPECT_FLOAT_EQ(h.app.scroll(), page) << "back up: the banner's wheel again";
  EXPECT_GT(button("Personnaliser").max.y, banner_bottom);
}

// A finger dragged up on the banner scrolls it, and lifting it after the drag presses no
// button (the drag started on "Tout accepter").
TEST_F(BannerFixture, AFingerDragScrollsTheBannerAndPressesNothing) {
  start(320, 568);
  const auto accept = button("Tout accepter");
  const float x = (accept.min.x + accept.max.x) / 2, y0 = std::min(accept.min.y + 10, 550.0f);
  const float before = button("Personnaliser").min.y;
  h.app.touch_begin(1, x, y0, h.t);
  h.settle();
  for (int i = 1; i <= 10; ++i) {
    h.app.touch_move(1, x, y0 - i * 20.0f, h.t);
    h.settle();
  }
  h.app.touch_end(1, h.t);
  h.settle();
  EXPECT_EQ(h.app.consent()->view(), ConsentView::banner) << "no choice was made";
  EXPECT_TRUE(h.app.take_consent_outcomes().empty());
  EXPECT_LT(button("Personnaliser").min.y, before - 100) << "the banner scrolled with the finger";
  EXPECT_FLOAT_EQ(h.app.scroll(), 0.0f) << "the page behind stays";
}

// The panel is modal: the wheel, a finger and the scroll keys move its list of purposes, never
// the page behind, wherever they are; End shows the last purpose whole.
TEST_F(BannerFixture, ThePanelsListScrollsAndThePageBehindNeverMoves) {
  start(375, 740);
  click(button("Personnaliser"));
  ASSERT_EQ(h.app.consent()->view(), ConsentView::panel);
  const float list_bottom = button("Enregistrer").min.y;
  ASSERT_GT(h.app.consent_widget().last_rows().back().side_max.y + 150, list_bottom) << "the last purpose is below";
  const float first = h.app.consent_widget().last_rows().back().name_min.y;
  EXPECT_TRUE(h.app.key(ScrollKey::end, h.t));
  h.settle();
  const float at_end = h.app.consent_widget().last_rows().back().name_min.y;
  EXPECT_LT(at_end, first - 50) << "End scrolled the list";
  EXPECT_TRUE(h.app.wheel(0, 300, false, 20, 20, h.t)) << "the wheel, even off the panel: it is modal";
  EXPECT_TRUE(h.app.key(ScrollKey::page_down, h.t));
  h.settle();
  EXPECT_FLOAT_EQ(h.app.consent_widget().last_rows().back().name_min.y, at_end) << "already at the end";
  EXPECT_TRUE(h.app.key(ScrollKey::home, h.t));
  h.settle();
  EXPECT_FLOAT_EQ(h.app.consent_widget().last_rows().back().name_min.y, first) << "Home: back to the top";
  EXPECT_FLOAT_EQ(h.app.scroll(), 0.0f) << "the page behind never moved";
}

// The keyboard focus (the mirror's) moved to an item below the fold brings it into view: Tab
// onto "Personnaliser" on a 320 × 568 phone.
TEST_F(BannerFixture, TheFocusedChoiceIsScrolledIntoTheBannersView) {
  start(320, 568);
  ASSERT_GT(button("Personnaliser").max.y, 568 - 8);
  h.app.focus_key("consent:customise", h.t);
  h.settle();
  EXPECT_LE(button("Personnaliser").max.y, 568 - 8);
  EXPECT_GE(button("Personnaliser").min.y, 0.0f);
}

// While the banner is open it covers the bottom of the view: the page gets that much room
// under its end, so that its last lines (the footnote, its way back, the closing links) and
// the keyboard focus on them can come up clear of the banner.  Closed, the room goes.
TEST_F(BannerFixture, TheEndOfThePageComesUpClearOfTheOpenBanner) {
  for (const ImVec2 size : {ImVec2(1280, 800), ImVec2(375, 740)}) {
    SCOPED_TRACE(std::to_string(static_cast<int>(size.x)) + " px");
    h.app.set_viewport(size.x, size.y, 1);
    ConsentStart s;
    s.now = 1'800'000'000;
    ASSERT_TRUE(h.app.start_consent(s));
    h.settle();
    ASSERT_EQ(h.app.consent()->view(), ConsentView::banner);
    float banner_top = size.y;
    for (const auto& b : h.app.consent_widget().last_buttons()) banner_top = std::min(banner_top, b.min.y);
    EXPECT_TRUE(h.app.key(ScrollKey::end, h.t));
    h.settle();
    const PlacedRun& last = h.app.layout()->runs.back();
    EXPECT_LE(last.y + last.line_height - h.app.scroll(), banner_top) << "the last line above the banner's choices";
    click(button("Tout refuser"));
    h.settle();
    EXPECT_NEAR(h.app.scroller().max_offset(), h.app.layout()->height - size.y, 0.5f) << "closed: no room left";
    h.app.key(ScrollKey::home, h.t);
    h.settle();
  }
}

TEST_F(BannerFixture, ManageReopensThePanelAndWithdrawalIsAsEasy) {
  start();
  click(button("Tout accepter"));
  h.app.take_consent_outcomes();
  click(button("Gérer mes cookies"));
  ASSERT_EQ(h.app.consent()->view(), ConsentView::panel);
  click(button("Tout refuser"));
  const auto outs = h.app.take_consent_outcomes();
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_TRUE(outs[0].reload_suggested);
  EXPECT_FALSE(outs[0].withdrawn.empty());
}

TEST_F(BannerFixture, PageLinksUnderTheBannerDoNotReact) {
  start();
  const auto& b = button("Tout accepter");
  const ui::Action a = h.app.click((b.min.x + b.max.x) / 2, (b.min.y + b.max.y) / 2, h.t);
  EXPECT_EQ(a.kind, ui::Action::Kind::none);
}

}  // namespace
}  // namespace passerelle

namespace passerelle {
namespace {

TEST(ConsentPolicyLink, ShownOnlyWhenThePackNamesOneAndOpensFromTheClick) {
  testing::Headless h;
  std::string pack = testing::read_text(testing::source_path("content/international.fr.json"));
  const std::string anchor = "\"policy_version\": 1,";
  ASSERT_NE(pack.find(anchor), std::string::npos);
  pack.replace(pack.find(anchor), anchor.size(), "\"policy_url\": \"https://example.org/politique\", " + anchor);
  ASSERT_TRUE(h.app.load_pack(pack, "with-policy.json").empty());
  h.app.set_viewport(1280, 800, 1);
  ConsentStart s;
  s.now = 1'800'000'000;
  ASSERT_TRUE(h.app.start_consent(s));
  h.settle();
  // Find the link by scanning the banner for the spot where a click opens the policy.
  ui::Action found;
  for (float y = 500; y < 800 && found.kind == ui::Action::Kind::none; y += 4)
    for (float x = 260; x < 1020 && found.kind == ui::Action::Kind::none; x += 8) found = h.app.click(x, y, h.t);
  EXPECT_EQ(found.kind, ui::Action::Kind::open_url);
  EXPECT_EQ(found.url, "https://example.org/politique");
}

}  // namespace
}  // namespace passerelle
