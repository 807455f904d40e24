// unit-font-book.cpp — the font atlases in slices: the sizes grouped into atlases as
// plan_atlases says (the first alone in the caller's atlas, io.Fonts), built one per call,
// with the very glyphs one big atlas had (the text looks the same), and text drawn with its
// own atlas's texture; the glyphs every atlas has, and the bundled map's names among them.
//
// Depends on: ui/font_book.hpp, core/map/geometry.hpp, ui/atlas_plan.hpp, ui/app.hpp, headless.hpp (an ImGui context, Noto), GoogleTest.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

#include "core/base/utf8.hpp"
#include "core/design/type_scale.hpp"
#include "core/map/geometry.hpp"
#include "core/text/sfnt.hpp"
#include "headless.hpp"
#include "ui/atlas_plan.hpp"
#include "ui/consent_widget.hpp"
#include "ui/font_book.hpp"

namespace passerelle::ui {
namespace {

using testing::read_bytes;

const char* kFaceFiles[] = {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSans-Regular",
                            "NotoSans-Bold"};

std::vector<unsigned char> face_bytes(Face f) {
  return read_bytes(std::string(PASSERELLE_FONT_DIR) + "/" + kFaceFiles[static_cast<int>(f)] + ".ttf");
}

// The atlases are plan_atlases' groups: the first spec alone in the caller's atlas, each other
// group in an atlas of its own, every font in its group's atlas.
TEST(FontBook, AtlasesFollowThePlanTheFirstInTheCallersAtlas) {
  for (float dpr : {1.0f, 3.0f}) {
    testing::ImGuiContextScope imgui;
    FontBook book;
    testing::set_noto_faces(book);
    const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
    ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, dpr, "Essai"));
    int glyphs = 0;  // the codepoints asked for, as FontBook counts them
    for (const ImWchar* r = book.font(specs[0])->ConfigData->GlyphRanges; r[0]; r += 2) glyphs += r[1] - r[0] + 1;
    const std::vector<int> atlas_of = plan_atlases(specs, dpr, glyphs);
    std::vector<std::vector<int>> plan;
    for (int i = 0; i < static_cast<int>(specs.size()); ++i) {
      if (atlas_of[i] >= static_cast<int>(plan.size())) plan.resize(atlas_of[i] + 1);
      plan[atlas_of[i]].push_back(i);
    }
    ASSERT_EQ(book.atlases().size(), plan.size()) << "dpr " << dpr;
    if (dpr == 1.0f) EXPECT_LT(book.atlases().size(), specs.size()) << "sizes share atlases";
    EXPECT_EQ(book.atlases()[0], ImGui::GetIO().Fonts);
    std::set<ImFontAtlas*> distinct(book.atlases().begin(), book.atlases().end());
    EXPECT_EQ(distinct.size(), plan.size());
    for (std::size_t g = 0; g < plan.size(); ++g) {
      EXPECT_TRUE(book.atlases()[g]->IsBuilt());
      EXPECT_EQ(book.atlases()[g]->Fonts.Size, static_cast<int>(plan[g].size()));
      for (int i : plan[g]) EXPECT_EQ(book.font(specs[i])->ContainerAtlas, book.atlases()[g]) << "spec " << i;
    }
  }
}

TEST(FontBook, SlicesBuildOneAtlasEachAndNothingIsUsableBeforeTheLast) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  ASSERT_GT(specs.size(), 8u) << "the type scale has many sizes: that is what makes one atlas slow";
  ASSERT_TRUE(book.begin_build(*ImGui::GetIO().Fonts, specs, 2, "Essai"));
  const int n = static_cast<int>(book.atlases().size());
  ASSERT_GT(n, 2);
  EXPECT_EQ(book.slices_left(), n);
  EXPECT_FALSE(book.built());
  for (int i = 0; i < n; ++i) {
    ImFontAtlas* a = book.build_next();
    ASSERT_EQ(a, book.atlases()[i]) << "slice " << i;
    EXPECT_TRUE(a->IsBuilt());
    if (i + 1 < n) {
      EXPECT_FALSE(book.built());
      EXPECT_FALSE(book.atlases()[i + 1]->IsBuilt()) << "a slice builds one atlas, not the next";
    }
  }
  EXPECT_TRUE(book.built());
  EXPECT_EQ(book.slices_left(), 0);
  EXPECT_EQ(book.build_next(), nullptr);
}

// The atlases of one build in slices hold, glyph for glyph, what the one atlas with every
// size had (as FontBook built it before the slices): the same metrics and the same pixels.
TEST(FontBook, SlicedGlyphsAreThoseOfOneBigAtlas) {
  for (float dpr : {1.0f, 3.0f}) {
    testing::ImGuiContextScope imgui;
    FontBook book;
    testing::set_noto_faces(book);
    const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
    const std::string text = "Œuvre « à » – Việt Nam…";
    ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, dpr, text));

    ImFontAtlas big;
    big.Flags |= ImFontAtlasFlags_NoMouseCursors;
    std::vector<std::vector<unsigned char>> ttfs;
    for (int f = 0; f < kFaceCount; ++f) ttfs.push_back(face_bytes(static_cast<Face>(f)));
    ImFontGlyphRangesBuilder rb;
    rb.AddRanges(book.font(specs[0])->ConfigData->GlyphRanges);
    ImVector<ImWchar> ranges;
    rb.BuildRanges(&ranges);
    std::vector<ImFont*> big_fonts;
    for (const FontSpec& spec : specs) {
      std::vector<unsigned char>& ttf = ttfs[static_cast<int>(spec.face)];
      const auto m = read_vertical_metrics(std::string_view(reinterpret_cast<const char*>(ttf.data()), ttf.size()));
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;
      cfg.OversampleH = dpr >= 1.75f ? 1 : 2;
      cfg.OversampleV = 1;
      cfg.PixelSnapH = false;
      big_fonts.push_back(big.AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()),
                                                   em_to_pixel_height(*m, spec.size * dpr), &cfg, ranges.Data));
    }
    ASSERT_TRUE(big.Build());
    unsigned char* big_px = nullptr;
    int big_w = 0, big_h = 0;
    big.GetTexDataAsAlpha8(&big_px, &big_w, &big_h);

    for (std::size_t i = 0; i < specs.size(); ++i) {
      const ImFont* mine = book.font(specs[i]);
      const ImFont* ref = big_fonts[i];
      unsigned char* px = nullptr;
      int w = 0, h = 0;
      mine->ContainerAtlas->GetTexDataAsAlpha8(&px, &w, &h);
      ASSERT_EQ(mine->Glyphs.Size, ref->Glyphs.Size);
      EXPECT_EQ(mine->FontSize, ref->FontSize);
      EXPECT_EQ(mine->Ascent, ref->Ascent);
      for (int g = 0; g < ref->Glyphs.Size; ++g) {
        const ImFontGlyph& a = mine->Glyphs[g];
        const ImFontGlyph& b = ref->Glyphs[g];
        ASSERT_EQ(a.Codepoint, b.Codepoint);
        ASSERT_EQ(a.AdvanceX, b.AdvanceX) << "U+" << std::hex << a.Codepoint;
        ASSERT_EQ(a.X0, b.X0);
        ASSERT_EQ(a.Y0, b.Y0);
        ASSERT_EQ(a.X1, b.X1);
        ASSERT_EQ(a.Y1, b.Y1);
        const int ax = static_cast<int>(a.U0 * w + 0.5f), ay = static_cast<int>(a.V0 * h + 0.5f);
        const int bx = static_cast<int>(b.U0 * big_w + 0.5f), by = static_cast<int>(b.V0 * big_h + 0.5f);
        const int gw = static_cast<int>((a.U1 - a.U0) * w + 0.5f), gh = static_cast<int>((a.V1 - a.V0) * h + 0.5f);
        ASSERT_EQ(gw, static_cast<int>((b.U1 - b.U0) * big_w + 0.5f));
        ASSERT_EQ(gh, static_cast<int>((b.V1 - b.V0) * big_h + 0.5f));
        for (int y = 0; y < gh; ++y)
          for (int x = 0; x < gw; ++x)
            ASSERT_EQ(px[(ay + y) * w + ax + x], big_px[(by + y) * big_w + bx + x])
                << "dpr " << dpr << " spec " << i << " U+" << std::hex << a.Codepoint;
      }
    }
  }
}

// A page's text comes from many atlases: each run is drawn with its own atlas's texture
// bound (ImDrawList::AddText asserts it), and runs of one font stay one draw call.
TEST(FontBook, TextIsDrawnWithItsOwnAtlasTexture) {
  testing::Headless h;
  h.app.load_pack(testing::read_text(testing::source_path("content/international.fr.json")), "international.fr.json");
  h.app.set_viewport(1280, 800, 1);
  ASSERT_TRUE(h.app.update_fonts());
  const std::vector<ImFontAtlas*>& atlases = h.app.fonts().atlases();
  for (std::size_t i = 0; i < atlases.size(); ++i)
    atlases[i]->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(i + 1)));
  h.app.frame(h.t);
  std::set<ImTextureID> used;
  ImDrawData* d = h.draw_data();
  ASSERT_NE(d, nullptr);
  std::size_t commands = 0;
  for (int l = 0; l < d->CmdListsCount; ++l)
    for (const ImDrawCmd& c : d->CmdLists[l]->CmdBuffer) {
      ++commands;
      used.insert(c.GetTexID());
    }
  EXPECT_GE(used.size(), 2u) << "the first screen's text is in two atlases at least (io.Fonts with the header, "
                                "the body's and the title's): each drawn with its own texture";
  for (ImTextureID id : used) {
    const auto n = reinterpret_cast<std::intptr_t>(id);
    EXPECT_TRUE(n >= 1 && n <= static_cast<std::intptr_t>(atlases.size())) << "a texture no atlas has: " << n;
  }
  EXPECT_LT(commands, 120u) << "a draw call per run: runs of one font must share one";
}


// App in slices: nothing drawn before the last slice; a frame asked for mid-way ends the build
// at once (update_fonts), and the page is laid out with the new fonts either way.
TEST(FontBook, AppBuildsInSlicesAndAFrameMidwayEndsTheBuild) {
  for (bool midway : {false, true}) {
    testing::Headless h;
    h.app.load_pack(testing::read_text(testing::source_path("content/international.fr.json")), "international.fr.json");
    h.app.set_viewport(1280, 800, 1);
    int slices = 0;
    while (h.app.build_fonts_slice()) {
      ++slices;
      if (midway && slices == 3) break;
      if (h.app.fonts_building()) EXPECT_FALSE(h.app.fonts().built());
    }
    if (midway) {
      EXPECT_TRUE(h.app.fonts_building());
      EXPECT_TRUE(h.app.update_fonts()) << "a frame cannot wait: the rest at once";
    } else {
      EXPECT_EQ(slices, static_cast<int>(h.app.fonts().atlases().size()));
      EXPECT_FALSE(h.app.update_fonts()) << "nothing left to build";
    }
    EXPECT_FALSE(h.app.fonts_building());
    EXPECT_TRUE(h.app.fonts().built());
    EXPECT_EQ(h.app.build_fonts_slice(), nullptr);
    h.settle();
    ASSERT_NE(h.app.layout(), nullptr);
    EXPECT_GT(h.vertices(), 1000);
  }
}


// plan() puts the first screen's sizes into the first atlases; ensure() builds exactly the
// atlases a frame needs (io.Fonts first), tells each, and the others stay to build.
TEST(FontBook, PlanPutsTheFirstScreenFirstAndEnsureBuildsOnlyWhatIsAskedFor) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const TypeScale s = type_scale_for_width(1280);
  const std::vector<FontSpec> specs = s.all();
  // Text with all of Latin-1: about 200 glyphs a font, so that the sizes need several atlases.
  std::string latin1;
  for (char32_t c = 0xA0; c <= 0xFF; ++c) append_utf8(latin1, c);
  ASSERT_TRUE(book.begin_build(*ImGui::GetIO().Fonts, specs, 1, latin1));
  ASSERT_TRUE(book.plan({s.title, s.h3}));
  EXPECT_EQ(book.atlas_of(s.h3), 0) << "with the UI's font in io.Fonts: within the budget";
  EXPECT_EQ(book.atlas_of(s.title), 1) << "the title is too big to join them";
  for (const FontSpec& other : specs)
    if (!(other == s.title || other == s.h3 || other == specs[0])) EXPECT_GT(book.atlas_of(other), 1);
  EXPECT_FALSE(book.ready(s.body));
  EXPECT_EQ(book.missing_glyphs(s.body, "abc"), 3) << "no glyph before its atlas is built";
  std::vector<ImFontAtlas*> told;
  ASSERT_TRUE(book.ensure({s.h2}, [&](ImFontAtlas* a) { told.push_back(a); }));
  ASSERT_EQ(told.size(), 2u) << "io.Fonts, then the h2's atlas, and nothing else";
  EXPECT_EQ(told[0], ImGui::GetIO().Fonts);
  EXPECT_EQ(told[1], book.atlases()[book.atlas_of(s.h2)]);
  EXPECT_TRUE(told[1]->IsBuilt());
  EXPECT_TRUE(book.ready(s.h2));
  EXPECT_TRUE(book.ready(specs[0]));
  EXPECT_EQ(book.missing_glyphs(s.h2, "abc"), 0);
  EXPECT_FALSE(book.ready(s.title));
  EXPECT_EQ(book.slices_built(), 2);
  EXPECT_FALSE(book.plan({s.h3})) << "no new plan once atlases are built";
  ASSERT_TRUE(book.ensure({s.h2}, [&](ImFontAtlas* a) { told.push_back(a); }));
  EXPECT_EQ(told.size(), 2u) << "nothing built twice";
  // The slices build the rest, in plan order, skipping what was built.
  while (book.slices_left() > 0) {
    ImFontAtlas* a = book.build_next();
    ASSERT_NE(a, nullptr);
    EXPECT_NE(a, told[1]);
  }
  EXPECT_TRUE(book.built());
  EXPECT_EQ(book.missing_glyphs(s.body, "abc"), 0);
}

// The atlases of the runs a frame draws, for App's checks below.
bool drawn_runs_ready(const App& app, std::string* missing) {
  bool ok = true;
  const PageLayout* layout = app.layout();
  if (!layout) return false;
  for (const PlacedRun& r : layout->runs) {
    const float top = r.y - app.scroll();
    if (top > 800 || top + r.line_height * 1.5f < 0) continue;
    if (!app.fonts().ready(r.font) || app.fonts().missing_glyphs(r.font, r.text) != 0) {
      ok = false;
      *missing += r.text + " | ";
    }
  }
  return ok;
}

// App at start-up: the slices before the first frame are those of the screen it draws (fewer
// than all), the first frame builds nothing more, the rest follow after it; a scroll to the end
// before they are done builds what it shows in the frame, before drawing, and says so.
TEST(FontBook, AppBuildsTheFirstScreenFirstAndTheRestOnDemandOrAfter) {
  for (float dpr : {1.0f, 3.0f}) {
    testing::Headless h;
    std::vector<ImFontAtlas*> told;
    h.app.on_atlas_built([&](ImFontAtlas* a) {
      EXPECT_TRUE(a->IsBuilt());
      told.push_back(a);
    });
    h.app.load_pack(testing::read_text(testing::source_path("content/international.fr.json")), "international.fr.json");
    h.app.set_viewport(1280, 800, dpr);
    int before = 0;
    do {
      ASSERT_NE(h.app.build_fonts_slice(), nullptr);
      ++before;
    } while (!h.app.first_screen_fonts_ready());
    EXPECT_EQ(static_cast<int>(told.size()), before) << "each slice's atlas is told";
    const int total = static_cast<int>(h.app.fonts().atlases().size());
    EXPECT_LT(before, total) << "dpr " << dpr << ": the first screen needs only some atlases";
    std::string missing;
    h.app.frame(h.t += 1.0 / 60);
    EXPECT_EQ(static_cast<int>(told.size()), before) << "the first frame built nothing more";
    EXPECT_TRUE(drawn_runs_ready(h.app, &missing)) << missing;
    EXPECT_GT(h.vertices(), 1000);
    ASSERT_TRUE(h.app.fonts_building()) << "the rest is left for after the first frame";

    h.app.scroll_to(1e6f);  // the end of the page, before any other slice
    h.app.frame(h.t += 1.0 / 60);
    EXPECT_GT(static_cast<int>(told.size()), before) << "the end of the page needed atlases: built in the frame";
    missing.clear();
    EXPECT_TRUE(drawn_runs_ready(h.app, &missing)) << "dpr " << dpr << ": " << missing;
    int after = 0;
    while (h.app.fonts_building()) {
      ASSERT_NE(h.app.build_fonts_slice(), nullptr);
      ++after;
    }
    EXPECT_EQ(static_cast<int>(told.size()), total) << "every atlas told once";
    EXPECT_TRUE(h.app.fonts().built());
    EXPECT_EQ(h.app.build_fonts_slice(), nullptr);
  }
}

// A consent banner on the first screen: its fonts are among the first built, and it is drawn
// in the first frame.
TEST(FontBook, TheConsentBannersFontsAreOnTheFirstScreen) {
  testing::Headless h;
  h.app.load_pack(testing::read_text(testing::source_path("content/international.fr.json")), "international.fr.json");
  h.app.set_viewport(390, 800, 3);
  ConsentStart start;
  ASSERT_TRUE(h.app.start_consent(start));
  while (!h.app.first_screen_fonts_ready()) ASSERT_NE(h.app.build_fonts_slice(), nullptr);
  ASSERT_TRUE(h.app.fonts_building());
  for (const FontSpec& s : consent_fonts(h.app.layout()->scale)) EXPECT_TRUE(h.app.fonts().ready(s));
  const int built = h.app.fonts().slices_built();
  for (int i = 0; i < 3; ++i) h.app.frame(h.t += 1.0 / 60);
  EXPECT_EQ(h.app.fonts().slices_built(), built) << "the banner's frames built nothing more";
  EXPECT_TRUE(h.app.consent_open());
}

// The probe the browser tests read (pl_visible_runs' "missing"): characters drawn with the
// fallback glyph.
TEST(FontBook, MissingGlyphsAreTheCharactersTheAtlasLacks) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, 1, "Algérie, « œuvre » – 10 €"));
  EXPECT_EQ(book.missing_glyphs(specs.back(), "Algérie, « œuvre » – 10 €"), 0);
  EXPECT_EQ(book.missing_glyphs(specs.back(), "Curaçao"), 1) << "ç: not in the text built with";
  EXPECT_EQ(book.missing_glyphs(specs.back(), "Việt Nam"), 1) << "U+1EC7";
  ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, 1, "Việt Nam"));
  for (const FontSpec& spec : specs) EXPECT_EQ(book.missing_glyphs(spec, "Việt Nam"), 0);
  for (const FontSpec& spec : specs) EXPECT_EQ(book.missing_glyphs(spec, "Curaçao"), 1);
}

// Glyphs are ASCII, a few marks and letters (kBaseGlyphs) and the text's own: what is built
// is what covers() says, and neither is ever less than the text asked for.
TEST(FontBook, CoversTheBaseGlyphsAndTheTextBuiltWith) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  EXPECT_FALSE(book.covers("a")) << "nothing before a build";
  ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, 1, "Curaçao"));
  std::string ascii;
  for (char c = 0x20; c < 0x7F; ++c) ascii += c;
  // What our own code adds to the pack's text (layout, consent panel, map box, banner).
  const std::string marks = "\u00A0\u203A \u2039 \u00AB \u00BB \u2014 \u2022 \u2026 \u00D7";
  for (const std::string& s : {ascii, marks, std::string("Curaçao"), std::string("\n\t")}) {
    EXPECT_TRUE(book.covers(s)) << s;
    for (const FontSpec& spec : specs) EXPECT_EQ(book.missing_glyphs(spec, s), 0) << s;
  }
  EXPECT_FALSE(book.covers("œuvre"));
  EXPECT_FALSE(book.covers("10 €"));
}

// The map's country names arrive after the first atlases: every name of the bundled geometry,
// in both languages, must be covered by the base glyphs alone, or each visit would build all
// atlases a second time once the map is loaded (FontState::text_added).
TEST(FontBook, TheBundledMapsNamesNeedNoSecondBuild) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  ASSERT_TRUE(book.build(*ImGui::GetIO().Fonts, specs, 1, ""));
  const MapGeometryResult g = parse_map_geometry(testing::read_text(PASSERELLE_MAP_GEOMETRY), "map-geometry.json");
  ASSERT_TRUE(g.ok());
  ASSERT_GT(g.geometry->countries.size(), 100u);
  for (const MapCountry& c : g.geometry->countries)
    for (const char* lang : {"fr", "en"})
      EXPECT_TRUE(book.covers(c.name(lang))) << c.name(lang) << ": add its letters to kBaseGlyphs (font_book.cpp)";
}

}  // namespace
}  // namespace passerelle::ui
