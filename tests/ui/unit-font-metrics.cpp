// unit-font-metrics.cpp — the metrics read without rasterising (ui/font_metrics.hpp) are those
// ImGui's atlas build gives the same font, to the bit: a page laid out before its atlases are
// built is laid out exactly as after (same advances, same ascent, same fallback).
//
// Depends on: ui/font_metrics.hpp, ui/font_book.hpp, core/design/type_scale.hpp, headless.hpp
// (an ImGui context, Noto), GoogleTest.
#include <gtest/gtest.h>

#include <cfloat>
#include <string>

#include "core/design/type_scale.hpp"
#include "core/text/sfnt.hpp"
#include "headless.hpp"
#include "ui/font_book.hpp"
#include "ui/font_metrics.hpp"

namespace passerelle::ui {
namespace {

const char* kFaceFiles[] = {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSans-Regular",
                            "NotoSans-Bold"};

// Every size of the type scale, at 1x and 3x, with text beyond Latin-1: the metrics-only font
// and the font ImGui built hold the same advance for every codepoint, the same ascent and
// descent and fallback, and measure any text the same.
TEST(FontMetrics, AreThoseOfTheBuiltFontToTheBit) {
  const std::string text = "Œuvre « à » – Việt Nam… l’État\t€";
  for (float dpr : {1.0f, 3.0f}) {
    testing::ImGuiContextScope imgui;
    ImGuiIO& io = ImGui::GetIO();
    ImFontGlyphRangesBuilder rb;
    rb.AddRanges(io.Fonts->GetGlyphRangesDefault());
    rb.AddText(text.c_str());
    ImVector<ImWchar> ranges;
    rb.BuildRanges(&ranges);
    for (const FontSpec& spec : type_scale_for_width(1280).all()) {
      const std::vector<unsigned char> ttf = testing::read_bytes(std::string(PASSERELLE_FONT_DIR) + "/" +
                                                                 kFaceFiles[static_cast<int>(spec.face)] + ".ttf");
      const auto vm = read_vertical_metrics(std::string_view(reinterpret_cast<const char*>(ttf.data()), ttf.size()));
      ASSERT_TRUE(vm);
      const float px = em_to_pixel_height(*vm, spec.size * dpr);
      ImFontAtlas atlas;
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;
      cfg.OversampleH = dpr >= 1.75f ? 1 : 2;
      cfg.OversampleV = 1;
      ImFont* built = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()), static_cast<int>(ttf.size()),
                                                 px, &cfg, ranges.Data);
      ASSERT_TRUE(atlas.Build());
      ImFontAtlas owner;
      ImFont metrics;
      ASSERT_TRUE(fill_font_metrics(metrics, owner, ttf.data(), px, ranges.Data));
      SCOPED_TRACE("face " + std::to_string(static_cast<int>(spec.face)) + " size " + std::to_string(spec.size) +
                   " dpr " + std::to_string(dpr));
      EXPECT_EQ(metrics.FontSize, built->FontSize);
      EXPECT_EQ(metrics.Ascent, built->Ascent);
      EXPECT_EQ(metrics.Descent, built->Descent);
      EXPECT_EQ(metrics.FallbackAdvanceX, built->FallbackAdvanceX);
      EXPECT_EQ(metrics.FallbackChar, built->FallbackChar);
      ASSERT_EQ(metrics.IndexAdvanceX.Size, built->IndexAdvanceX.Size);
      for (int c = 0; c < built->IndexAdvanceX.Size; ++c)
        ASSERT_EQ(metrics.IndexAdvanceX[c], built->IndexAdvanceX[c]) << "U+" << std::hex << c;
      const std::string sample = text + " Les personnes étrangères, « exilées » : 12 345 €";
      const float size = spec.size;
      EXPECT_EQ(metrics.CalcTextSizeA(size, FLT_MAX, 0, sample.c_str()).x,
                built->CalcTextSizeA(size, FLT_MAX, 0, sample.c_str()).x);
    }
  }
}

TEST(FontMetrics, BytesThatAreNoFontAreRefused) {
  testing::ImGuiContextScope imgui;
  const unsigned char junk[64] = {1, 2, 3};
  const ImWchar ranges[] = {0x20, 0xFF, 0};
  ImFontAtlas owner;
  ImFont f;
  EXPECT_FALSE(fill_font_metrics(f, owner, junk, 20, ranges));
}

// FontBook measures with them: the same numbers before the first slice as once every atlas
// is built, so the first layout is the last.
TEST(FontMetrics, TheBookMeasuresTheSameBeforeAndAfterItsAtlasesAreBuilt) {
  testing::ImGuiContextScope imgui;
  FontBook book;
  testing::set_noto_faces(book);
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  const std::string text = "Algérie, « œuvre » – Việt Nam";
  ASSERT_TRUE(book.begin_build(*ImGui::GetIO().Fonts, specs, 2, text));
  EXPECT_TRUE(book.measurable());
  EXPECT_EQ(book.slices_built(), 0);
  std::vector<float> widths, ascents;
  for (const FontSpec& s : specs) {
    widths.push_back(book.measure(s, text));
    ascents.push_back(book.ascent(s));
    EXPECT_GT(widths.back(), 0);
  }
  while (book.slices_left() > 0) ASSERT_NE(book.build_next(), nullptr);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const ImFont* f = book.font(specs[i]);
    EXPECT_EQ(widths[i], f->CalcTextSizeA(book.draw_size(specs[i]), FLT_MAX, 0, text.c_str()).x) << i;
    EXPECT_EQ(ascents[i], f->Ascent * book.draw_size(specs[i]) / f->FontSize) << i;
    EXPECT_EQ(book.measure(specs[i], text), widths[i]);
  }
}

}  // namespace
}  // namespace passerelle::ui
