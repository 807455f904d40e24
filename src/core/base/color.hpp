// base/color.hpp — sRGB colours and WCAG 2 contrast, so the theme's legibility is a tested fact.
//
// Depends on: the standard library only.
#pragma once
#include <cstdint>

namespace passerelle {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

constexpr Rgb rgb_hex(std::uint32_t hex) {
  return Rgb{std::uint8_t(hex >> 16), std::uint8_t(hex >> 8), std::uint8_t(hex)};
}

// WCAG 2.x relative luminance and contrast ratio (1 … 21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

}  // namespace passerelle
