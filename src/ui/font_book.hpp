// font_book.hpp — the page's typefaces, rasterised by Dear ImGui at the right pixel sizes.
//
// The core asks for fonts by FontSpec (face + CSS px size).  The font book owns the TTF bytes
// of each face and builds ImGui's atlas with one ImFont per FontSpec, rasterised at
// size × devicePixelRatio so text is crisp on HiDPI screens (and rebuilt when the ratio
// changes, e.g. on browser zoom).  Glyphs are Basic Latin, Latin-1 and whatever else the
// page's own text uses (œ ’ « » – — … no-break spaces), which keeps the atlas small even at 3×.
//
// It is also the FontMetrics the core's text flow measures with, so what is measured is
// exactly what is drawn.
//
// Depends on: core/typography.hpp, core/sfnt.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/sfnt.hpp"
#include "core/text/typography.hpp"

namespace passerelle::ui {

class FontBook final : public FontMetrics {
 public:
  // Takes a face's TTF bytes.  Returns false (and keeps nothing) if they are not a font.
  bool set_face(Face face, std::vector<unsigned char> ttf);
  bool has_all_faces() const;

  // Rebuilds the atlas for these specs at this pixel ratio, with glyphs for `text`.
  // Returns false if a face is missing or ImGui cannot build the atlas.
  bool build(ImFontAtlas& atlas, const std::vector<FontSpec>& specs, float dpr, std::string_view text);

  bool built() const { return !fonts_.empty(); }
  float dpr() const { return dpr_; }
  const std::vector<FontSpec>& specs() const { return specs_; }

  // The font built for `spec` (or the closest one of the same face), never null once built.
  ImFont* font(FontSpec spec) const;
  // The size to pass to ImDrawList::AddText for `spec` (CSS px of the font's content box).
  float draw_size(FontSpec spec) const;

  // FontMetrics, in CSS px.
  float measure(FontSpec font, std::string_view utf8) const override;
  float ascent(FontSpec font) const override;
  float content_height(FontSpec font) const override;

 private:
  struct FaceData {
    std::vector<unsigned char> ttf;
    VerticalMetrics metrics;
  };
  std::array<std::optional<FaceData>, kFaceCount> faces_;
  std::vector<FontSpec> specs_;
  std::vector<ImFont*> fonts_;  // parallel to specs_
  ImVector<ImWchar> ranges_;    // must outlive the atlas build
  float dpr_ = 1.0f;
};

}  // namespace passerelle::ui
