// The page view in a headless ImGui context: frames, links, footnotes, reflow, idle.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/pack/visible_text.hpp"
#include "core/base/utf8.hpp"
#include "headless.hpp"

namespace passerelle {
namespace {

using testing::Headless;
using testing::read_text;
using testing::source_path;

constexpr const char* kLinksPack = R"({
  "format": 1, "lang": "fr", "site": {"name": "La Cimade"},
  "page": {
    "id": "test", "breadcrumb": ["Nos actions"], "title": "Essai",
    "lead": "Un chapeau.",
    "body": [
      {"type": "paragraph", "text": "Voir [la page](https://example.org/x) et la note[^n]."},
      {"type": "paragraph", "text": "Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage."},
      {"type": "paragraph", "text": "Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage."},
      {"type": "paragraph", "text": "Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage. Texte de remplissage."}
    ],
    "footnotes": [{"id": "n", "text": "La note."}],
    "links": []
  }
})";

const PlacedRun* find_run(const PageLayout& l, const std::string& needle) {
  for (const PlacedRun& r : l.runs)
    if (r.text.find(needle) != std::string::npos) return &r;
  return nullptr;
}

// Centre of a target's first rect, in viewport coordinates at the current scroll.
ImVec2 target_centre(const ui::App& app, int target) {
  const Rect& r = app.layout()->targets[target].rects.front();
  return ImVec2(r.x + r.w / 2, r.y + r.h / 2 - app.scroll());
}

int find_target(const PageLayout& l, Target::Kind kind) {
  for (int i = 0; i < static_cast<int>(l.targets.size()); ++i)
    if (l.targets[i].kind == kind) return i;
  return -1;
}

TEST(App, DrawsTheRealPackWithVisibleTextAndSettlesToIdle) {
  Headless h;
  const std::string pack = read_text(source_path("content/international.fr.json"));
  ASSERT_TRUE(h.app.load_pack(pack, "international.fr.json").empty());
  h.app.set_viewport(1280, 800, 1);
  const int frames = h.settle();
  EXPECT_LT(frames, 10) << "the view must come to rest after a few frames";
  EXPECT_GT(h.vertices(), 1000);
  ASSERT_NE(h.app.layout(), nullptr);
  const PageLayout& l = *h.app.layout();
  EXPECT_NE(find_run(l, "International"), nullptr);
  EXPECT_NE(find_run(l, "La Cimade"), nullptr);
  EXPECT_NE(find_run(l, "Nos actions"), nullptr);
  // Idle: with no input, no frame is asked for.
  EXPECT_FALSE(h.app.frame(h.t += 1));
}

TEST(App, EveryCharacterOfThePageHasAGlyphInEveryFace) {
  Headless h;
  const std::string bytes = read_text(source_path("content/international.fr.json"));
  PackResult r = parse_pack(bytes, "international.fr.json");
  ASSERT_TRUE(r.ok());
  h.app.load_pack(bytes, "international.fr.json");
  h.app.set_viewport(1280, 800, 2);
  h.settle();
  // The pack's text and the marks our own code adds to it (breadcrumb, lists, consent panel,
  // the map box's loading, the banner's close).
  std::string text = visible_text(*r.pack) + "\u00A0\u2039\u203A«»—•…×";
  for (const FontSpec& spec : h.app.fonts().specs()) {
    ImFont* f = h.app.fonts().font(spec);
    std::size_t i = 0;
    while (i < text.size()) {
      const char32_t cp = decode_utf8(text, i);
      if (cp < 0x20) continue;
      EXPECT_NE(f->FindGlyphNoFallback(static_cast<ImWchar>(cp)), nullptr)
          << "U+" << std::hex << static_cast<unsigned>(cp) << " missing in face " << static_cast<int>(spec.face);
    }
  }
}

TEST(App, BodyMeasureIsReadableOnDesktopAndPhone) {
  for (float width : {1280.0f, 2560.0f, 375.0f, 320.0f}) {
    Headless h;
    h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json");
    h.app.set_viewport(width, 800, 1);
    h.settle();
    const PageLayout& l = *h.app.layout();
    if (width >= 1000) {
      EXPECT_GE(l.body_chars_per_line, 60) << width;
      EXPECT_LE(l.body_chars_per_line, 75) << width;
      // Centred column.
      EXPECT_NEAR(l.column.x, width - (l.column.x + l.column.w), 1.0f);
    } else {
      // A 320-375 px phone holds about 27-35 characters at 17.5 px: short but never cramped.
      EXPECT_GE(l.body_chars_per_line, 25) << width;
    }
    for (const PlacedRun& r : l.runs) {
      EXPECT_GE(r.x, 0) << r.text;
      EXPECT_LE(r.x + r.width, width + 0.5f) << r.text;
    }
  }
}

TEST(App, LinksShowAHandCursorAndOpenOnlyOnClick) {
  Headless h;
  ASSERT_TRUE(h.app.load_pack(kLinksPack, "links.json").empty());
  h.app.set_viewport(1024, 600, 1);
  h.settle();
  const int link = find_target(*h.app.layout(), Target::Kind::url);
  ASSERT_GE(link, 0);
  const ImVec2 c = target_centre(h.app, link);
  h.app.pointer_move(c.x, c.y);
  h.settle();
  EXPECT_EQ(h.app.hovered_target(), link);
  EXPECT_EQ(ImGui::GetMouseCursor(), ImGuiMouseCursor_Hand);

  const ui::Action a = h.app.click(c.x, c.y, h.t);
  EXPECT_EQ(a.kind, ui::Action::Kind::open_url);
  EXPECT_EQ(a.url, "https://example.org/x");

  // Away from any link: arrow, and a click does nothing.
  h.app.pointer_move(5, 590);
  h.settle();
  EXPECT_EQ(h.app.hovered_target(), -1);
  EXPECT_EQ(ImGui::GetMouseCursor(), ImGuiMouseCursor_Arrow);
  EXPECT_EQ(h.app.click(5, 590, h.t).kind, ui::Action::Kind::none);
}

TEST(App, FootnoteReferenceJumpsToTheNoteAndTheNoteJumpsBack) {
  Headless h;
  ASSERT_TRUE(h.app.load_pack(kLinksPack, "links.json").empty());
  h.app.set_viewport(600, 400, 1);  // small viewport: the note is far below
  h.settle();
  const PageLayout& l = *h.app.layout();
  ASSERT_EQ(l.footnote_y.size(), 1u);
  const int ref = find_target(l, Target::Kind::footnote);
  ASSERT_GE(ref, 0);
  EXPECT_FLOAT_EQ(h.app.scroll(), 0);

  const ImVec2 c = target_centre(h.app, ref);
  EXPECT_EQ(h.app.click(c.x, c.y, h.t).kind, ui::Action::Kind::handled);
  h.settle();
  const float note_in_view = l.footnote_y[0] - h.app.scroll();
  EXPECT_GT(h.app.scroll(), 100);
  EXPECT_GE(note_in_view, 0);
  EXPECT_LT(note_in_view, 400);

  const int back = find_target(l, Target::Kind::footnote_back);
  ASSERT_GE(back, 0);
  const ImVec2 b = target_centre(h.app, back);
  EXPECT_EQ(h.app.click(b.x, b.y, h.t).kind, ui::Action::Kind::handled);
  h.settle();
  const float ref_in_view = l.reference_y[0] - h.app.scroll();
  EXPECT_GE(ref_in_view, 0);
  EXPECT_LT(ref_in_view, 400);
}

// A country chosen in the list on a wide screen, scrolled so that the list is in view and the
// map above it is not: the map, the country's details beside it and the chip come into view
// together, by a click and by the keyboard (the mirror's Enter).  They stayed out of view, and
// the choice showed nothing but the chip's colour.  Deselecting moves nothing.
TEST(App, ACountryChosenInTheListBringsItsMapAndDetailsIntoView) {
  for (const bool keyboard : {false, true}) {
    SCOPED_TRACE(keyboard ? "Enter on the chip (mirror)" : "a click on the chip");
    Headless h;
    ASSERT_TRUE(h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json").empty());
    h.app.set_viewport(1280, 800, 1);
    h.settle();
    ASSERT_TRUE(h.app.layout()->map.has_value());
    const std::vector<MapChip>& chips = h.app.layout()->map->chips;
    const int chip = static_cast<int>(chips.size()) - 1;  // France, the last one
    const int target = chips[chip].target;
    h.app.key(ScrollKey::end, h.t);  // first, somewhere below
    h.settle();
    h.app.start_at(chips[chip].rect.y - 300);  // the chip in view, the map above it
    h.settle();
    ASSERT_LT(h.app.layout()->map->map.y, h.app.scroll()) << "the map starts above the view";
    if (keyboard) {
      EXPECT_EQ(h.app.activate("t" + std::to_string(target), h.t).kind, ui::Action::Kind::handled);
    } else {
      const ImVec2 c = target_centre(h.app, target);
      EXPECT_EQ(h.app.click(c.x, c.y, h.t).kind, ui::Action::Kind::handled);
    }
    h.settle();
    const MapFigure& m = *h.app.layout()->map;
    ASSERT_EQ(m.selected, "FR");
    ASSERT_TRUE(m.side_by_side);
    const float top = h.app.scroll(), bottom = top + 800;
    EXPECT_GE(m.map.y, top) << "the map is in view";
    EXPECT_GE(m.details.y, top) << "the details' top is in view";
    EXPECT_LE(m.chips[chip].rect.y + m.chips[chip].rect.h, bottom) << "the chip stays in view";
    const float at = h.app.scroll();
    h.app.activate("t" + std::to_string(target), h.t);  // deselect
    h.settle();
    EXPECT_FLOAT_EQ(h.app.scroll(), at) << "deselecting moves nothing";
  }
}

TEST(App, ResizingReflowsLive) {
  Headless h;
  h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json");
  h.app.set_viewport(1280, 800, 1);
  h.settle();
  const int wide_lines = h.app.layout()->body_lines;
  h.app.set_viewport(375, 740, 1);
  h.settle();
  EXPECT_TRUE(h.app.layout()->scale.compact);
  EXPECT_GT(h.app.layout()->body_lines, wide_lines * 1.3f);  // narrower column: more lines
  EXPECT_LE(h.app.layout()->column.x + h.app.layout()->column.w, 375);
}

TEST(App, KeyboardAndWheelScroll) {
  Headless h;
  h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json");
  h.app.set_viewport(1280, 800, 1);
  h.settle();
  h.app.key(ScrollKey::page_down, h.t);
  h.settle();
  EXPECT_NEAR(h.app.scroll(), 700, 0.5);
  h.app.wheel(0, 120, false, 600, 300, 0.0);
  EXPECT_NEAR(h.app.scroll(), 820, 0.5);
  h.app.key(ScrollKey::home, h.t);
  h.settle();
  EXPECT_FLOAT_EQ(h.app.scroll(), 0);
}

TEST(App, HiDpiRebuildsFontsAtTheDevicePixelRatio) {
  Headless h;
  h.app.load_pack(read_text(source_path("content/international.fr.json")), "international.fr.json");
  h.app.set_viewport(1280, 800, 1);
  h.settle();
  const float size1 = h.app.fonts().font(h.app.layout()->scale.body)->FontSize;
  h.app.set_viewport(1280, 800, 3);
  EXPECT_TRUE(h.app.update_fonts());
  h.settle();
  EXPECT_FLOAT_EQ(h.app.fonts().dpr(), 3);
  EXPECT_NEAR(h.app.fonts().font(h.app.layout()->scale.body)->FontSize, size1 * 3, 0.01);
  EXPECT_EQ(ImGui::GetIO().DisplayFramebufferScale.x, 3);
}

TEST(App, AnInvalidPackShowsItsErrorsInsteadOfThePage) {
  Headless h;
  const auto& errors = h.app.load_pack(R"({"format": 1, "lang": "fr", "site": {"name": 42}})", "broken.json");
  ASSERT_FALSE(errors.empty());
  h.app.set_viewport(800, 600, 1);
  h.settle();
  EXPECT_FALSE(h.app.has_page());
  ASSERT_NE(h.app.layout(), nullptr);
  std::string all;
  for (const PlacedRun& r : h.app.layout()->runs) all += r.text + "\n";
  EXPECT_NE(all.find("broken.json"), std::string::npos) << all;
  EXPECT_NE(all.find(error_id(errors.front().code)), std::string::npos) << all;
  EXPECT_GT(h.vertices(), 100);
}

}  // namespace
}  // namespace passerelle
