// font_metrics.hpp — a font's advances and ascent as Dear ImGui's atlas build gives them,
// without rasterising a glyph.
//
// Why: the page is laid out (every run measured, at every size of the type scale) before the
// first frame, but only the atlases the first screen draws are built before it (FontBook): the
// others are rasterised one per task after it.  So the layout cannot wait for an ImFont's
// glyph table, which ImGui fills only when it rasterises.  fill_font_metrics fills an ImFont
// outside any atlas with exactly the numbers ImGui's stb_truetype builder (imgui_draw.cpp,
// 1.86) gives the same font: the same glyph set (the requested codepoints the font has), each
// advance `scale × advance` in the same float arithmetic, the same ascent and descent, and
// ImGui's own BuildLookupTable (tab, fallback).  Measuring it with ImFont::CalcTextSizeA is then
// measuring the built font, bit for bit (tests/ui/unit-font-metrics.cpp compares them).
//
// Depends on: imgui.h, imstb_truetype.h (Dear ImGui's copy, in the .cpp).
#pragma once
#include <imgui.h>

namespace passerelle::ui {

// `font` gets the glyphs of `ranges` (ImGui's zero-terminated pairs) that the TTF at `ttf`
// has, at ImGui's SizePixels `pixel_height`.  `owner` stands in for an atlas (ImFont::AddGlyph
// reads its texture size for statistics); nothing is packed into it.  False when the bytes are
// not a font.
bool fill_font_metrics(ImFont& font, ImFontAtlas& owner, const unsigned char* ttf, float pixel_height,
                       const ImWchar* ranges);

}  // namespace passerelle::ui
