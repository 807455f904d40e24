// text/sfnt.hpp — the few numbers of a TrueType/OpenType file that typesetting needs before any
// renderer loads it: units per em and the hhea ascender/descender.
//
// Why: renderers built on stb_truetype (Dear ImGui's) size a font by its ascent-to-descent
// height, while CSS sizes it by its em.  Noto's box is 1.36 em tall, so "19 px" would come
// out a quarter smaller than a browser's 19 px.  em_to_pixel_height() converts.
//
// Depends on: the standard library only.  Reads only within the given bytes.
#pragma once
#include <optional>
#include <string_view>

namespace passerelle {

struct VerticalMetrics {
  int units_per_em = 0;
  int ascender = 0;   // hhea, font units, positive up
  int descender = 0;  // hhea, font units, negative
};

std::optional<VerticalMetrics> read_vertical_metrics(std::string_view font_file);

// The stb_truetype "pixel height" that gives glyphs an em of `em_px`.
inline float em_to_pixel_height(const VerticalMetrics& m, float em_px) {
  return em_px * static_cast<float>(m.ascender - m.descender) / static_cast<float>(m.units_per_em);
}

}  // namespace passerelle
