// font_state.cpp — when ImGui's atlas is built again (see font_state.hpp).
//
// Depends on: ui/app/font_state.hpp, core/page/layout.hpp (type scale), imgui.h.
#include "ui/app/font_state.hpp"

#include <cmath>

#include "core/page/layout.hpp"

namespace passerelle::ui {

int FontState::tier_of(float width, float dpr) {
  const TypeScale s = type_scale_for_width(width);
  // Fonts depend on the sizes (compact / regular / large) and the device pixel ratio.
  const int size_tier = s.compact ? 0 : (s.body.size > 19.5f ? 2 : 1);
  return size_tier * 1000 + static_cast<int>(std::lround(dpr * 100));
}

void FontState::text_added(std::string_view utf8) {
  if (!book_.covers(utf8)) need_build_ = true;
}

void FontState::viewport_changed(float width, float dpr) {
  if (tier_of(width, dpr) != (building() ? pending_tier_ : built_tier_)) need_build_ = true;
}

bool FontState::build(ImGuiIO& io, float width, float dpr, std::string_view text) {
  if (!begin_build(io, width, dpr, text)) return false;
  while (building())
    if (!build_slice(io)) return false;
  return true;
}

bool FontState::begin_build(ImGuiIO& io, float width, float dpr, std::string_view text) {
  const TypeScale scale = type_scale_for_width(width);
  // The UI's default font first: FontBook puts it in io.Fonts, where ImGui wants it.
  std::vector<FontSpec> specs{scale.ui};
  for (const FontSpec& s : scale.all())
    if (!(s == scale.ui)) specs.push_back(s);
  io.FontDefault = nullptr;  // its font is gone until the first slice
  if (!book_.begin_build(*io.Fonts, specs, dpr, text)) return false;
  default_font_ = scale.ui;
  pending_tier_ = tier_of(width, dpr);
  need_build_ = false;  // until text or a tier changes again, even during the slices
  return true;
}

ImFontAtlas* FontState::build_slice(ImGuiIO& io) {
  ImFontAtlas* built = book_.build_next();
  if (!built) need_build_ = true;  // ImGui could not: the whole build is due again
  else after_build(io);
  return built;
}

bool FontState::ensure(ImGuiIO& io, const std::vector<FontSpec>& specs, const FontBook::AtlasBuilt& built) {
  const int before = book_.slices_left();
  if (!book_.ensure(specs, built)) {
    need_build_ = true;
    return false;
  }
  if (book_.slices_left() != before) after_build(io);
  return true;
}

// io.Fonts (the UI's font) is always the first atlas built: from then on it is ImGui's default.
void FontState::after_build(ImGuiIO& io) {
  io.FontDefault = book_.font(default_font_);
  // Fonts are rasterised at device pixels; ImGui's widgets lay out in CSS pixels.
  io.FontGlobalScale = 1.0f / book_.dpr();
  if (!building()) built_tier_ = pending_tier_;
}

}  // namespace passerelle::ui
