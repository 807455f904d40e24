// theme.cpp — colour lookups for the page (see theme.hpp).
#include "ui/theme.hpp"

namespace passerelle::ui {

Rgb Theme::ink(Ink i) const {
  switch (i) {
    case Ink::text: return text;
    case Ink::muted: return muted;
    case Ink::heading: return heading;
    case Ink::link: return link;
    case Ink::rule: return rule;
    case Ink::site_name: return site_name;
  }
  return text;
}

Rgb Theme::map_role(std::string_view role) const {
  if (role == "migration") return map_migration;
  if (role == "peace") return map_peace;
  if (role == "home") return map_home;
  return map_land;
}

const Theme& theme_for(design::Scheme scheme) {
  static const Theme light{design::palette(design::Scheme::light), design::Scheme::light};
  static const Theme dark{design::palette(design::Scheme::dark), design::Scheme::dark};
  return scheme == design::Scheme::dark ? dark : light;
}

const Theme& default_theme() { return theme_for(design::Scheme::light); }

ImU32 to_imgui(Rgb c, float alpha) {
  const int a = static_cast<int>(alpha * 255.0f + 0.5f);
  return IM_COL32(c.r, c.g, c.b, a < 0 ? 0 : a > 255 ? 255 : a);
}

}  // namespace passerelle::ui
