// Every colour that text is drawn in is legible on the page: WCAG AA, 4.5:1.
#include <gtest/gtest.h>

#include "ui/theme.hpp"

namespace passerelle {
namespace {

TEST(Theme, EveryTextInkHasAtLeastAaContrastOnTheBackground) {
  const ui::Theme& t = ui::default_theme();
  for (Ink ink : {Ink::text, Ink::muted, Ink::heading, Ink::link, Ink::site_name}) {
    EXPECT_GE(contrast_ratio(t.ink(ink), t.background), 4.5) << "ink " << static_cast<int>(ink);
  }
  EXPECT_GE(contrast_ratio(t.link_hover, t.background), 4.5);
}

TEST(Theme, ContrastRatioMatchesWcagReferenceValues) {
  EXPECT_NEAR(contrast_ratio(rgb_hex(0x000000), rgb_hex(0xFFFFFF)), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(rgb_hex(0x777777), rgb_hex(0xFFFFFF)), 4.48, 0.01);
  EXPECT_NEAR(contrast_ratio(rgb_hex(0xFFFFFF), rgb_hex(0xFFFFFF)), 1.0, 1e-9);
}

}  // namespace
}  // namespace passerelle
