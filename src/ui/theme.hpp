// theme.hpp — the page's colours and the few sizes that are not typography.
//
// Every Ink has a colour with at least 4.5:1 contrast on the page background (checked in
// tests/ui/unit-theme.cpp), so text stays readable for low-vision visitors.
//
// Depends on: core/color.hpp, core/typography.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <string_view>

#include "core/base/color.hpp"
#include "core/text/typography.hpp"

namespace passerelle::ui {

struct Theme {
  Rgb background = rgb_hex(0xFFFFFF);
  Rgb text = rgb_hex(0x1F2328);
  Rgb heading = rgb_hex(0x14171A);
  Rgb muted = rgb_hex(0x5B616B);
  Rgb link = rgb_hex(0xA3122A);       // deep red: the site's accent, 7:1 on white
  Rgb link_hover = rgb_hex(0x7A0D1F);
  Rgb site_name = rgb_hex(0xA3122A);
  Rgb rule = rgb_hex(0xE2DDD6);        // decoration only (not text)
  Rgb scrollbar = rgb_hex(0x6B7078);

  // The map: a pale sea, quiet neutral land, and one saturated colour per role, each at
  // least 3:1 against the neutral land and the sea (WCAG's contrast for graphics).
  Rgb map_sea = rgb_hex(0xD9E7EF);
  Rgb map_land = rgb_hex(0xEEEBE5);
  Rgb map_coast = rgb_hex(0x8A9AA6);
  Rgb map_border = rgb_hex(0xFFFFFF);
  Rgb map_disputed = rgb_hex(0x5B616B);
  Rgb map_migration = rgb_hex(0xC4452F);  // warm red, after the site's accent
  Rgb map_peace = rgb_hex(0x1F7A8C);      // teal
  Rgb map_home = rgb_hex(0x4B5A8F);       // slate blue

  Rgb ink(Ink i) const;
  // The fill of a map role ("migration", "peace", "home"); neutral land for anything else.
  Rgb map_role(std::string_view role) const;
};

const Theme& default_theme();

ImU32 to_imgui(Rgb c, float alpha = 1.0f);

}  // namespace passerelle::ui
