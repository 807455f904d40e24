// text/typography.hpp — the vocabulary shared by text flow, page layout and the UI's font book.
//
// The core decides *what* typeface and size each piece of text uses (FontSpec) and which
// semantic colour it has (Ink); the UI decides what those look like (fonts.cpp, theme.cpp).
// FontMetrics is the only thing the core needs to know about real fonts: how wide a string
// is.  Tests pass a fake; the UI passes ImGui's fonts.
//
// Depends on: the standard library only.
#pragma once
#include <cstdint>
#include <string_view>

namespace passerelle {

enum class Face : std::uint8_t {
  serif_regular,  // body text
  serif_italic,   // *emphasis*
  serif_bold,     // **strong**
  sans_regular,   // header, breadcrumb, notes labels
  sans_bold,      // title, headings, site name
};
inline constexpr int kFaceCount = 5;

// A face at a size in CSS pixels.
struct FontSpec {
  Face face = Face::serif_regular;
  float size = 16.0f;
  friend bool operator==(const FontSpec&, const FontSpec&) = default;
};

// Semantic colours; theme.cpp maps them to RGBA with ≥ 4.5:1 contrast on the background.
enum class Ink : std::uint8_t { text, muted, heading, link, rule, site_name };

class FontMetrics {
 public:
  virtual ~FontMetrics() = default;
  // Advance width of a UTF-8 string in CSS pixels.
  virtual float measure(FontSpec font, std::string_view utf8) const = 0;
  // Distance from the top of the font's content box to its baseline (CSS px).  The content
  // box is what a renderer fills when asked to draw text "at y": ascent + descent.
  virtual float ascent(FontSpec font) const = 0;
  virtual float content_height(FontSpec font) const = 0;
};

}  // namespace passerelle
