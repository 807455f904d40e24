// design/palette.hpp — the colours of the page, in light and in dark: the one place a colour
// is written.  The canvas theme (ui/theme) and the HTML's stylesheet (design/stylesheet) are
// both made from these, so the first paint and the canvas agree.
//
// Every pair of a text colour and the background it is drawn on is listed by text_pairs(),
// and tests/core/unit-design-tokens.cpp holds each to WCAG AA (4.5:1) in both schemes.
//
// Depends on: base/color.hpp.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/base/color.hpp"

namespace passerelle::design {

// The visitor's colour scheme (prefers-color-scheme, or an embed's data-theme).
enum class Scheme : unsigned char { light = 0, dark = 1 };

struct Palette {
  Rgb background;   // the page
  Rgb surface;      // the consent banner and panel, raised above the page
  Rgb text;
  Rgb heading;      // title, headings, the lead
  Rgb muted;        // breadcrumb, notes, secondary text
  Rgb link;         // the site's accent; also the consent buttons' fill
  Rgb link_hover;
  Rgb on_accent;    // text on the consent buttons (on link, link_hover and heading)
  Rgb site_name;
  Rgb rule;         // hairlines (decoration, not text)
  Rgb scrollbar;
  Rgb placeholder;  // the background of a consent-gated placeholder (HTML only)
  Rgb shadow;       // the colour of floating windows' shadows

  // The map: the sea, neutral land, and one colour per role, each at least 3:1 against the
  // neutral land and the sea (WCAG's contrast for graphics).
  Rgb map_sea;
  Rgb map_land;
  Rgb map_coast;
  Rgb map_border;
  Rgb map_disputed;
  Rgb map_migration;  // warm red, after the site's accent
  Rgb map_peace;      // teal
  Rgb map_home;       // slate blue
};

const Palette& palette(Scheme scheme);

// A colour's token name as the stylesheet spells it (--pl-<name>) and its value.
struct NamedColor {
  std::string_view name;
  Rgb Palette::*member;
};
const std::vector<NamedColor>& palette_names();

// A text colour on a background, and the least contrast it must have.
struct ContrastPair {
  std::string what;  // "muted on banner"

  Rgb fg, bg;
  double minimum = 4.5;
};
// Every pair the canvas or the HTML draws text with (4.5:1), and the map's roles against the
// land and the sea (3:1, graphics).
std::vector<ContrastPair> text_pairs(const Palette& p);
std::vector<ContrastPair> graphic_pairs(const Palette& p);

}  // namespace passerelle::design
