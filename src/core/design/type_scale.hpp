// design/type_scale.hpp — the type scale, the column and the spacing of the page for a width
// tier, and the consent banner's layout rules: the one place a size is written.
//
// The page layout (core/page) typesets the canvas with these numbers, and the stylesheet
// (design/stylesheet) gives the same numbers to the HTML as CSS custom properties per tier, so
// the prerendered page and the canvas put each line in the same place.
//
// Tiers: compact below 640 CSS px (phones), regular, large from 1600 px (text 10 % larger).
//
// Depends on: text/typography.hpp.
#pragma once
#include <vector>

#include "core/text/typography.hpp"

namespace passerelle {

inline constexpr float kCompactBelow = 640.0f;  // phones, narrow windows
inline constexpr float kLargeFrom = 1600.0f;    // big desktop monitors: a touch larger text

// The type scale and spacing for one width: every FontSpec the layout may use (the UI
// rasterises exactly these), line heights and the vertical rhythm, in CSS px.
struct TypeScale {
  bool compact = false;
  FontSpec body, body_italic, body_bold, footnote_ref;
  FontSpec lead, lead_italic, lead_bold;
  FontSpec title, h2, h3;
  FontSpec small, small_italic, small_bold, small_ref;
  FontSpec site_name, breadcrumb, ui, ui_bold, ui_small;
  float body_line = 0, lead_line = 0, small_line = 0;
  float breadcrumb_line = 0, title_line = 0, h2_line = 0, h3_line = 0, ui_line = 0;

  // The column: about 66 characters of body text, with side margins.
  float margin = 0;    // least space either side of the column (and of the map figure)
  float measure = 0;   // the column's width when the window allows it
  // The header bar and the vertical rhythm, top to bottom.
  float header_h = 0, after_header = 0, after_breadcrumb = 0, after_title = 0, after_lead = 0;
  float para_gap = 0, heading_gap = 0, after_heading = 0;
  float map_before = 0, map_after = 0, figure_title_gap = 0;
  float list_indent = 0, list_gap = 0;
  float notes_before = 0, after_rule = 0, note_gap = 0, links_before = 0, link_gap = 0, page_end = 0;
  float language_gap = 0;  // between language links in the header
  float notes_rule = 0;    // the short rule above the footnotes
  float figure_max = 0;    // the map figure's widest
  float figure_gap = 0;    // between the map and its details panel
  float map_max_h = 0;     // the map's tallest
  float side_by_side_from = 0;  // the figure width from which the details go beside the map
  float map_w_share = 0;   // of the figure's width, the map's when the details are beside it
  // Under the map: the legend (swatch, label, gap to the next entry, its line), the country
  // list's label line, and the chips (height, gap, side padding, the role's dot).
  float legend_swatch = 0, legend_gap = 0, legend_line = 0, list_label_line = 0;
  float chip_h = 0, chip_gap = 0, chip_pad = 0, chip_dot = 0;
  float superscript_rise = 0;  // of a footnote reference, in ems of the text it sits in
  float superscript_size = 0;  // of a footnote reference, in ems of the text it sits in

  std::vector<FontSpec> all() const;  // deduplicated
};

TypeScale type_scale_for_width(float viewport_width);

// The consent banner: at the bottom of the window, centred, as wide as the text column
// allows; the three equal choices in one row (stacked when the row is narrower than
// stack_below); "Continuer sans accepter ×" at the top right of the banner.
struct BannerTokens {
  float margin = 0;           // from the window's edges (bottom, sides)
  float max_width = 0;
  float pad_x = 0, pad_y = 0;
  float spacing = 0;          // between the banner's items, and between its buttons
  float radius = 0, button_radius = 0;
  float button_height_em = 0; // of the buttons' font box (ImGui's font size)
  float stack_below = 0;      // the inner width under which the buttons stack
  float close_pad_x = 0, close_pad_y = 0;  // "Continuer sans accepter ×"'s own padding
  float close_raise = 0;      // how far above the title's top the close control sits
  bool close_own_line = false;  // the close control on a line of its own above the title
                                // (compact; else only when the title leaves no room for it)
};

BannerTokens banner_tokens(bool compact);

// The height of Noto's ascent-to-descent box, in ems (hhea, 1069 + 293 over 1000): what
// Dear ImGui calls a font's size, and so the line height of ImGui's wrapped text.  Checked
// against the font files by tests/core/unit-design-tokens.cpp.
inline constexpr float kNotoBoxEm = 1.362f;

}  // namespace passerelle
