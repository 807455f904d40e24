// font_metrics.cpp — ImGui's glyph metrics without its rasteriser (see font_metrics.hpp).
//
// stb_truetype is the one ImGui rasterises with (src/ui/stb_truetype.cpp): the same code reads
// the metrics here.
//
// Depends on: ui/font_metrics.hpp, imgui.h, imgui_internal.h (ImFloor), imstb_truetype.h
// (declarations only).
#include "ui/font_metrics.hpp"

#include <imgui_internal.h>

#include <imstb_truetype.h>

namespace passerelle::ui {

bool fill_font_metrics(ImFont& font, ImFontAtlas& owner, const unsigned char* ttf, float pixel_height,
                       const ImWchar* ranges) {
  stbtt_fontinfo info;
  const int offset = stbtt_GetFontOffsetForIndex(ttf, 0);
  if (offset < 0 || !stbtt_InitFont(&info, ttf, offset)) return false;
  font.ClearOutputData();
  font.ContainerAtlas = &owner;
  font.FontSize = pixel_height;
  // As ImFontAtlasBuildWithStbTruetype, step 9.
  const float scale = stbtt_ScaleForPixelHeight(&info, pixel_height);
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  font.Ascent = ImFloor(ascent * scale + ((ascent > 0.0f) ? +1 : -1));
  font.Descent = ImFloor(descent * scale + ((descent > 0.0f) ? +1 : -1));
  // The ranges of ImFontGlyphRangesBuilder are sorted and disjoint: the glyphs come in
  // ImGui's order (it unpacks a bit set), which BuildLookupTable's tab and fallback rely on.
  for (const ImWchar* r = ranges; r[0] && r[1]; r += 2)
    for (unsigned cp = r[0]; cp <= r[1]; ++cp) {
      const int glyph = stbtt_FindGlyphIndex(&info, static_cast<int>(cp));
      if (!glyph) continue;
      int advance = 0, lsb = 0;
      stbtt_GetGlyphHMetrics(&info, glyph, &advance, &lsb);
      // stbtt_PackFontRangesRenderIntoRects: xadvance = scale * advance.
      font.AddGlyph(nullptr, static_cast<ImWchar>(cp), 0, 0, 0, 0, 0, 0, 0, 0, scale * advance);
    }
  if (font.Glyphs.empty()) return false;
  font.BuildLookupTable();
  return true;
}

}  // namespace passerelle::ui
