// atlas_plan.hpp — which font sizes share an ImGui atlas, so that each atlas is one short task.
//
// ImGui rasterises a whole atlas in one call.  One atlas for the whole type scale was one
// long task (~470 ms at CPU 4x); one atlas per size (17 at 1280 px) kept every task short but
// cost 17 texture uploads and 17 yields, which made the fast profile slower.  So sizes are
// grouped: the cost of rasterising a font is about its glyph count × (its pixel area, size ×
// device pixel ratio squared, + a fixed cost per glyph), and consecutive sizes share an atlas
// until that cost reaches a budget that keeps a slice well under 50 ms at CPU 4x.  A size over
// budget is alone.  The fixed part is measured, not guessed: at 1x, one atlas of the 11.5 px
// footnote call cost about as much as a third of the 46 px title (per font, ~12 ms at CPU 4x
// whatever its size, plus ~0.04 ms per 1000 glyph px²), which pure area would not say.
//
// The first spec goes into the first group, io.Fonts.  Without a first screen it is alone
// there (ImGui's OpenGL3 backend made its shaders in that slice; our renderer makes them in
// pl_init); with one, it shares it with the first screen's smallest sizes.
//
// Depends on: core/text/typography.hpp (FontSpec).
#pragma once
#include <vector>

#include "core/text/typography.hpp"

namespace passerelle::ui {

// Each glyph's fixed cost (outline decoding, packing, copying), as an area in device pixels².
inline constexpr double kGlyphFixedCost = 1100.0;

// The rasterisation cost of one font: glyphs × ((size × dpr)² + kGlyphFixedCost).
double atlas_cost(FontSpec spec, float dpr, int glyphs);

// The budget of one atlas, in the same unit: about three fonts of body size at 1x (~245
// glyphs each), ~35 ms at CPU 4x: at 1280 px, 8 atlases at 1x instead of 17, the h2 and the
// title alone; at 3x every size is alone.  README, "Start-up in short tasks": its figures.
inline constexpr double kAtlasBudget = 1200000.0;

// For each spec, the index of its atlas (in build order): spec 0 alone in atlas 0, then the
// other specs by increasing size, consecutive ones grouped while their summed cost <= budget.
// With `first_screen` (parallel to specs, not empty), the specs it marks come first, grouped
// with spec 0 and among themselves, the others after them: the atlases the first frame draws
// are then the first ones built, as few as the budget allows, and none of them waits for a
// size drawn further down the page.
// (One flat vector, not one per atlas: the wasm is on a byte budget.)
std::vector<int> plan_atlases(const std::vector<FontSpec>& specs, float dpr, int glyphs,
                              double budget = kAtlasBudget, const std::vector<bool>& first_screen = {});

}  // namespace passerelle::ui
