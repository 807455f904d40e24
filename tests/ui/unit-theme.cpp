// The canvas's theme is the core's palette, in the scheme asked for.
#include <gtest/gtest.h>

#include "ui/theme.hpp"

namespace passerelle {
namespace {

TEST(Theme, EachSchemeIsTheCoresPalette) {
  for (design::Scheme s : {design::Scheme::light, design::Scheme::dark}) {
    const ui::Theme& t = ui::theme_for(s);
    const design::Palette& p = design::palette(s);
    EXPECT_EQ(t.scheme, s);
    EXPECT_EQ(t.background.r, p.background.r);
    EXPECT_EQ(t.ink(Ink::link).g, p.link.g);
    EXPECT_EQ(t.map_role("peace").b, p.map_peace.b);
    EXPECT_EQ(t.map_role("unknown").r, p.map_land.r);
  }
  EXPECT_EQ(&ui::default_theme(), &ui::theme_for(design::Scheme::light));
}

TEST(Theme, EveryInkIsLegibleOnThePageInBothSchemes) {
  for (design::Scheme s : {design::Scheme::light, design::Scheme::dark}) {
    const ui::Theme& t = ui::theme_for(s);
    for (Ink ink : {Ink::text, Ink::muted, Ink::heading, Ink::link, Ink::site_name})
      EXPECT_GE(contrast_ratio(t.ink(ink), t.background), 4.5) << static_cast<int>(ink);
  }
}

}  // namespace
}  // namespace passerelle
