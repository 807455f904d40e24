// font_state.cpp — when ImGui's atlas is built again (see font_state.hpp).
//
// Depends on: ui/app/font_state.hpp, core/base/utf8.hpp, core/page/layout.hpp (type scale), imgui.h.
#include "ui/app/font_state.hpp"

#include <cmath>

#include "core/base/utf8.hpp"
#include "core/page/layout.hpp"

namespace passerelle::ui {

int FontState::tier_of(float width, float dpr) {
  const TypeScale s = type_scale_for_width(width);
  // Fonts depend on the sizes (compact / regular / large) and the device pixel ratio.
  const int size_tier = s.compact ? 0 : (s.body.size > 19.5f ? 2 : 1);
  return size_tier * 1000 + static_cast<int>(std::lround(dpr * 100));
}

void FontState::text_added(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (decode_utf8(utf8, i) > 0xFF) {
      need_build_ = true;
      return;
    }
  }
}

void FontState::viewport_changed(float width, float dpr) {
  if (tier_of(width, dpr) != built_tier_) need_build_ = true;
}

bool FontState::build(ImGuiIO& io, float width, float dpr, std::string_view text) {
  const TypeScale scale = type_scale_for_width(width);
  if (!book_.build(*io.Fonts, scale.all(), dpr, text)) return false;
  io.FontDefault = book_.font(scale.ui);
  // Fonts are rasterised at device pixels; ImGui's widgets lay out in CSS pixels.
  io.FontGlobalScale = 1.0f / dpr;
  built_tier_ = tier_of(width, dpr);
  need_build_ = false;
  return true;
}

}  // namespace passerelle::ui
