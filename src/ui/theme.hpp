// theme.hpp — the page's colours and the few sizes that are not typography.
//
// Every Ink has a colour with at least 4.5:1 contrast on the page background (checked in
// tests/ui/unit-theme.cpp), so text stays readable for low-vision visitors.
//
// Depends on: core/color.hpp, core/typography.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include "core/color.hpp"
#include "core/typography.hpp"

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

  Rgb ink(Ink i) const;
};

const Theme& default_theme();

ImU32 to_imgui(Rgb c, float alpha = 1.0f);

}  // namespace passerelle::ui
