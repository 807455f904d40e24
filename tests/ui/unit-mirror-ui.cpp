// unit-mirror-ui.cpp — the semantic mirror drives the canvas: a focused mirror element gets
// a focus ring on the canvas item it stands for (scrolled into view), and activating it
// does what a click does; the mirror's HTML follows the state after each frame.
//
// Depends on: headless.hpp (ui/app.hpp), GoogleTest; PASSERELLE_MAP_GEOMETRY from CMake.
#include <gtest/gtest.h>

#include <string>

#include "headless.hpp"

using namespace passerelle;
using namespace passerelle::testing;

namespace {

struct MirrorUi : ::testing::Test {
  Headless h;
  void SetUp() override {
    ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "p.json").empty());
    ASSERT_TRUE(h.app.load_map_geometry(read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json").empty());
    h.app.set_viewport(1280, 800, 1);
    ConsentStart s;
    s.now = 1'800'000'000;
    ASSERT_TRUE(h.app.start_consent(s));
    h.settle();
  }
  // The key of the first target of a kind (e.g. a country chip) in the layout.
  std::string key_of(Target::Kind kind, const std::string& url = {}) {
    const PageLayout& l = *h.app.layout();
    for (std::size_t i = 0; i < l.targets.size(); ++i)
      if (l.targets[i].kind == kind && (url.empty() || l.targets[i].url == url)) return "t" + std::to_string(i);
    ADD_FAILURE() << "no such target";
    return {};
  }
  int foreground_vertices() {
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    return fg ? fg->VtxBuffer.Size : 0;
  }
};

TEST_F(MirrorUi, TheMirrorFollowsTheConsentStateAndItsButtonsActLikeClicks) {
  const int v0 = h.app.mirror_version();
  EXPECT_NE(h.app.mirror_html(ui::App::mirror_consent_part).find(">Tout refuser</button>"), std::string::npos);
  EXPECT_NE(h.app.mirror_html(ui::App::mirror_page_part).find("<h1>International</h1>"), std::string::npos);

  EXPECT_EQ(h.app.activate("consent:customise", h.t).kind, ui::Action::Kind::handled);
  h.settle();
  EXPECT_EQ(h.app.consent()->view(), ConsentView::panel);
  EXPECT_NE(h.app.mirror_html(0).find("role=\"switch\" aria-checked=\"false\""), std::string::npos);
  EXPECT_GT(h.app.mirror_version(), v0);

  h.app.activate("consent:refuse_all", h.t);
  h.settle();
  EXPECT_EQ(h.app.consent()->view(), ConsentView::hidden);
  const auto outcomes = h.app.take_consent_outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].cookie_value.empty());
  EXPECT_NE(h.app.mirror_html(0).find(">Gérer mes cookies</button>"), std::string::npos);
  EXPECT_EQ(h.app.mirror_html(0).find("role=\"dialog\""), std::string::npos);
}

TEST_F(MirrorUi, AFocusedMirrorElementGetsARingOnTheCanvasAndIsScrolledIntoView) {
  h.app.activate("consent:refuse_all", h.t);  // the banner would cover the bottom
  h.settle();
  const int plain = foreground_vertices();
  const std::string back = key_of(Target::Kind::footnote_back);  // far down the page
  ASSERT_EQ(h.app.scroll(), 0);
  h.app.focus_key(back, h.t);
  h.settle();
  EXPECT_GT(h.app.scroll(), 500);  // scrolled to the footnote
  const std::vector<Rect> rects = h.app.key_rects(back);
  ASSERT_FALSE(rects.empty());
  EXPECT_GE(rects.front().y, 0);
  EXPECT_LE(rects.front().y + rects.front().h, 800);
  EXPECT_GT(foreground_vertices(), plain);  // the ring
  h.app.focus_key("", h.t);
  h.settle();
  EXPECT_EQ(foreground_vertices(), plain);

  // The consent widget's buttons get their ring where they are drawn.
  h.app.focus_key("consent:manage", h.t);
  h.settle();
  ASSERT_EQ(h.app.key_rects("consent:manage").size(), 1u);
  EXPECT_GT(h.app.key_rects("consent:manage")[0].y, 700);  // bottom left
}

TEST_F(MirrorUi, ACountryButtonSelectsAndTheMirrorSaysSo) {
  const std::string mali = key_of(Target::Kind::country, "ML");
  EXPECT_EQ(h.app.activate(mali, h.t).kind, ui::Action::Kind::handled);
  h.settle();
  EXPECT_EQ(h.app.map().selected(), "ML");
  const std::string& page = h.app.mirror_html(ui::App::mirror_page_part);
  EXPECT_NE(page.find("data-key=\"" + key_of(Target::Kind::country, "ML") + "\" type=\"button\" aria-pressed=\"true\">Mali<"),
            std::string::npos);
  EXPECT_NE(page.find("<h3>Mali</h3>"), std::string::npos);
  // Again: deselects, as a click on the chip does.
  h.app.activate(key_of(Target::Kind::country, "ML"), h.t);
  h.settle();
  EXPECT_EQ(h.app.map().selected(), "");
  // Escape on the map's controls: "map:deselect".
  h.app.activate(mali, h.t);
  h.settle();
  EXPECT_EQ(h.app.activate("map:deselect", h.t).kind, ui::Action::Kind::handled);
  h.settle();
  EXPECT_EQ(h.app.map().selected(), "");
  EXPECT_EQ(h.app.activate("map:deselect", h.t).kind, ui::Action::Kind::none);  // nothing to deselect
}

TEST_F(MirrorUi, LanguageLinkAndMapButtonsAndUnknownKeys) {
  const ui::Action a = h.app.activate(key_of(Target::Kind::page), h.t);
  EXPECT_EQ(a.kind, ui::Action::Kind::open_page);
  EXPECT_EQ(a.url, "index.en.html");
  EXPECT_EQ(a.lang, "en") << "an embed switches to this language in place";
  const float zoom = h.app.map().camera().zoom();
  EXPECT_EQ(h.app.activate("map:zoom_in", h.t).kind, ui::Action::Kind::handled);
  h.settle();
  EXPECT_GT(h.app.map().camera().zoom(), zoom);
  for (const char* bad : {"", "t", "t99999", "tx", "consent", "map:nothing", "t-1"})
    EXPECT_EQ(h.app.activate(bad, h.t).kind, ui::Action::Kind::none) << bad;
  EXPECT_TRUE(h.app.key_rects("t99999").empty());
}

}  // namespace

namespace {
// A choice made on the prerendered banner reaches the core right after it starts, before the
// banner's window was ever drawn: it must still be applied.
TEST(MirrorUiEarly, APressBeforeTheFirstFrameIsApplied) {
  Headless h;
  ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "p.json").empty());
  h.app.set_viewport(1280, 800, 1);
  ConsentStart s;
  s.now = 1'800'000'000;
  ASSERT_TRUE(h.app.start_consent(s));
  h.app.update_fonts();
  h.app.activate("consent:refuse_all", h.t);
  h.settle();
  EXPECT_EQ(h.app.consent()->view(), ConsentView::hidden);
  EXPECT_EQ(h.app.take_consent_outcomes().size(), 1u);
}
}  // namespace
