// design/type_scale.cpp — the numbers of each width tier (see type_scale.hpp).
//
// Depends on: design/type_scale.hpp, the standard library.
#include "core/design/type_scale.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle {

namespace {
constexpr float kMeasureEm = 34.0f;  // column width in body ems: ~66 characters of Noto Serif

// The vertical rhythm of a tier, from its body size.
void spacing(TypeScale& s) {
  const bool c = s.compact;
  const float body = s.body.size;
  s.margin = c ? 20.0f : 40.0f;
  s.measure = std::round(kMeasureEm * body);
  s.header_h = c ? 56.0f : 68.0f;
  s.after_header = c ? 28.0f : 56.0f;
  s.after_breadcrumb = c ? 10.0f : 14.0f;
  s.after_title = c ? 16.0f : 24.0f;
  s.after_lead = c ? 28.0f : 40.0f;
  s.para_gap = std::round(body);
  s.heading_gap = std::round(body * (c ? 1.8f : 2.2f));
  s.after_heading = std::round(body * 0.5f);
  s.map_before = s.heading_gap;
  s.map_after = std::round(body * (c ? 1.2f : 1.6f));
  s.figure_title_gap = std::round(body * 0.6f);
  s.list_indent = std::round(body * 1.6f);
  s.list_gap = std::round(body * 0.4f);
  s.notes_before = c ? 40.0f : 56.0f;
  s.after_rule = 20.0f;
  s.notes_rule = 96.0f;
  s.note_gap = 10.0f;
  s.links_before = c ? 32.0f : 44.0f;
  s.link_gap = 10.0f;
  s.page_end = c ? 48.0f : 80.0f;
  s.language_gap = std::round(s.ui.size * 1.2f);
  s.figure_max = 1120.0f;
  s.figure_gap = c ? 16.0f : 28.0f;
  s.map_max_h = c ? 420.0f : 640.0f;
  s.side_by_side_from = 860.0f;
  s.map_w_share = 0.62f;
  s.legend_swatch = std::round(s.ui_small.size * 0.9f);
  s.legend_gap = std::round(s.ui_small.size * 1.4f);
  s.legend_line = std::round(s.ui_small.size * 1.7f);
  s.list_label_line = std::round(s.ui_small.size * 1.6f);
  s.chip_h = std::round(s.ui.size * 2.1f);
  s.chip_gap = 8.0f;
  s.chip_pad = std::round(s.ui.size * 0.7f);
  s.chip_dot = std::round(s.ui.size * 0.55f);
  s.superscript_rise = 0.33f;
  s.superscript_size = 0.72f;
}
}  // namespace

std::vector<FontSpec> TypeScale::all() const {
  std::vector<FontSpec> v;
  for (const FontSpec& f : {body, body_italic, body_bold, footnote_ref, lead, lead_italic, lead_bold,
                            title, h2, h3, small, small_italic, small_bold, small_ref, site_name,
                            breadcrumb, ui, ui_bold, ui_small}) {
    if (std::find(v.begin(), v.end(), f) == v.end()) v.push_back(f);
  }
  return v;
}

TypeScale type_scale_for_width(float w) {
  TypeScale s;
  s.compact = w < kCompactBelow;
  const float k = w >= kLargeFrom ? 1.1f : 1.0f;
  auto px = [&](float regular, float compact) { return std::round((s.compact ? compact : regular) * k); };
  const float body = px(19, 17.5f);
  s.body = {Face::serif_regular, body};
  s.body_italic = {Face::serif_italic, body};
  s.body_bold = {Face::serif_bold, body};
  s.footnote_ref = {Face::serif_regular, body * 0.72f};  // as text/flow.cpp computes it
  const float lead = px(22, 19);
  s.lead = {Face::serif_regular, lead};
  s.lead_italic = {Face::serif_italic, lead};
  s.lead_bold = {Face::serif_bold, lead};
  s.title = {Face::sans_bold, px(46, 34)};
  s.h2 = {Face::sans_bold, px(26, 22)};
  s.h3 = {Face::sans_bold, px(21, 19)};
  const float small = px(16, 15);
  s.small = {Face::serif_regular, small};
  s.small_italic = {Face::serif_italic, small};
  s.small_bold = {Face::serif_bold, small};
  s.small_ref = {Face::serif_regular, small * 0.72f};
  s.site_name = {Face::sans_bold, px(21, 19)};
  s.breadcrumb = {Face::sans_regular, px(15, 14)};
  s.ui = {Face::sans_regular, px(17, 16)};
  s.ui_bold = {Face::sans_bold, px(17, 16)};
  s.ui_small = {Face::sans_regular, px(15, 14)};
  s.body_line = std::round(body * 1.65f);
  s.lead_line = std::round(lead * 1.5f);
  s.small_line = std::round(small * 1.6f);
  s.breadcrumb_line = std::round(s.breadcrumb.size * 1.5f);
  s.title_line = std::round(s.title.size * 1.15f);
  s.h2_line = std::round(s.h2.size * 1.3f);
  s.h3_line = std::round(s.h3.size * 1.3f);
  s.ui_line = std::round(s.ui.size * 1.5f);
  spacing(s);
  return s;
}

BannerTokens banner_tokens(bool compact) {
  BannerTokens b;
  b.margin = compact ? 8.0f : 20.0f;
  b.max_width = 760.0f;
  b.pad_x = compact ? 16.0f : 24.0f;
  b.pad_y = compact ? 14.0f : 20.0f;
  b.spacing = 10.0f;
  b.radius = 10.0f;
  b.button_radius = 6.0f;
  b.button_height_em = compact ? 2.1f : 2.4f;
  b.stack_below = 480.0f;
  b.close_pad_x = 4.0f;
  b.close_pad_y = 2.0f;
  b.close_raise = 4.0f;
  b.close_own_line = compact;
  return b;
}

}  // namespace passerelle
