// design/palette.cpp — the light and dark palettes (see palette.hpp).
//
// Light is the site's: white page, near-black text, the deep red accent.  Dark keeps the same
// roles on a near-black page: the accent lightened to a rose that reads on it, the map's sea
// and land dimmed so the roles stay the brightest things on it.
//
// Depends on: design/palette.hpp.
#include "core/design/palette.hpp"

#include <utility>

namespace passerelle::design {

namespace {

constexpr Palette kLight{
    .background = rgb_hex(0xFFFFFF),
    .surface = rgb_hex(0xFFFFFF),
    .text = rgb_hex(0x1F2328),
    .heading = rgb_hex(0x14171A),
    .muted = rgb_hex(0x5B616B),
    .link = rgb_hex(0xA3122A),  // deep red: the site's accent, 7:1 on white
    .link_hover = rgb_hex(0x7A0D1F),
    .on_accent = rgb_hex(0xFFFFFF),
    .site_name = rgb_hex(0xA3122A),
    .rule = rgb_hex(0xE2DDD6),
    .scrollbar = rgb_hex(0x6B7078),
    .placeholder = rgb_hex(0xF4F1EC),
    .shadow = rgb_hex(0x14171A),
    .map_sea = rgb_hex(0xD9E7EF),
    .map_land = rgb_hex(0xEEEBE5),
    .map_coast = rgb_hex(0x8A9AA6),
    .map_border = rgb_hex(0xFFFFFF),
    .map_disputed = rgb_hex(0x5B616B),
    .map_migration = rgb_hex(0xC4452F),
    .map_peace = rgb_hex(0x1F7A8C),
    .map_home = rgb_hex(0x4B5A8F),
};

constexpr Palette kDark{
    .background = rgb_hex(0x16181C),
    .surface = rgb_hex(0x202329),
    .text = rgb_hex(0xE2E4E8),
    .heading = rgb_hex(0xF3F4F6),
    .muted = rgb_hex(0xA7ADB6),
    .link = rgb_hex(0xF4939D),  // the accent, lightened: 7:1 on the dark page
    .link_hover = rgb_hex(0xFFC2C8),
    .on_accent = rgb_hex(0x16181C),
    .site_name = rgb_hex(0xF4939D),
    .rule = rgb_hex(0x3A3F47),
    .scrollbar = rgb_hex(0x8D939C),
    .placeholder = rgb_hex(0x2A2E35),
    .shadow = rgb_hex(0x000000),
    .map_sea = rgb_hex(0x1A2A35),
    .map_land = rgb_hex(0x33373D),
    .map_coast = rgb_hex(0x6A7F8E),
    .map_border = rgb_hex(0x16181C),
    .map_disputed = rgb_hex(0xA7ADB6),
    .map_migration = rgb_hex(0xF07A63),
    .map_peace = rgb_hex(0x4DB8CB),
    .map_home = rgb_hex(0x9AA8E0),
};

}  // namespace

const Palette& palette(Scheme scheme) { return scheme == Scheme::dark ? kDark : kLight; }

const std::vector<NamedColor>& palette_names() {
  static const std::vector<NamedColor> names{
      {"background", &Palette::background}, {"surface", &Palette::surface},
      {"text", &Palette::text},             {"heading", &Palette::heading},
      {"muted", &Palette::muted},           {"link", &Palette::link},
      {"link-hover", &Palette::link_hover}, {"on-accent", &Palette::on_accent},
      {"site-name", &Palette::site_name},   {"rule", &Palette::rule},
      {"scrollbar", &Palette::scrollbar},   {"placeholder", &Palette::placeholder},
      {"shadow", &Palette::shadow},         {"map-sea", &Palette::map_sea},
      {"map-land", &Palette::map_land},     {"map-coast", &Palette::map_coast},
      {"map-border", &Palette::map_border}, {"map-disputed", &Palette::map_disputed},
      {"map-migration", &Palette::map_migration}, {"map-peace", &Palette::map_peace},
      {"map-home", &Palette::map_home},
  };
  return names;
}

std::vector<ContrastPair> text_pairs(const Palette& p) {
  std::vector<ContrastPair> v;
  const std::pair<Rgb, const char*> grounds[] = {{p.background, "page"}, {p.surface, "banner"}};
  const std::pair<Rgb, const char*> inks[] = {{p.text, "text"},        {p.heading, "heading"},
                                              {p.muted, "muted"},      {p.link, "link"},
                                              {p.link_hover, "link hover"}, {p.site_name, "site name"}};
  for (const auto& [bg, where] : grounds)
    for (const auto& [fg, what] : inks) v.push_back({std::string(what) + " on " + where, fg, bg});
  // The consent buttons: one look for all three (CNIL), at rest, hovered and pressed.
  v.push_back({"button", p.on_accent, p.link});
  v.push_back({"button hovered", p.on_accent, p.link_hover});
  v.push_back({"button pressed", p.on_accent, p.heading});
  // The map: the loading message on the sea, the hover tooltip (page colour on heading ink);
  // the placeholder of gated content (HTML).
  v.push_back({"map message on the sea", p.text, p.map_sea});
  v.push_back({"map tooltip", p.background, p.heading});
  v.push_back({"placeholder text", p.text, p.placeholder});
  return v;
}

std::vector<ContrastPair> graphic_pairs(const Palette& p) {
  std::vector<ContrastPair> v;
  const std::pair<Rgb, const char*> roles[] = {
      {p.map_migration, "migration"}, {p.map_peace, "peace"}, {p.map_home, "home"}};
  for (const auto& [role, what] : roles) {
    v.push_back({std::string(what) + " on land", role, p.map_land, 3.0});
    v.push_back({std::string(what) + " on the sea", role, p.map_sea, 3.0});
  }
  return v;
}

}  // namespace passerelle::design
