// theme.hpp — the canvas's colours: the core's design palette (core/design/palette.hpp) in
// the scheme the visitor asked for, with the lookups the views need.
//
// No colour is written here: the palette is the one source, which also makes the HTML's
// stylesheet.  Every text colour's contrast is checked in both schemes by
// tests/core/unit-design-tokens.cpp.
//
// Depends on: core/design/palette.hpp, core/text/typography.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <string_view>

#include "core/design/palette.hpp"
#include "core/text/typography.hpp"

namespace passerelle::ui {

struct Theme : design::Palette {
  design::Scheme scheme = design::Scheme::light;

  Rgb ink(Ink i) const;
  // The fill of a map role ("migration", "peace", "home"); neutral land for anything else.
  Rgb map_role(std::string_view role) const;
};

const Theme& theme_for(design::Scheme scheme);
const Theme& default_theme();  // light

ImU32 to_imgui(Rgb c, float alpha = 1.0f);

}  // namespace passerelle::ui
