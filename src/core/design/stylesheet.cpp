// design/stylesheet.cpp — writing the tokens as CSS (see stylesheet.hpp).
//
// Depends on: design/stylesheet.hpp, the standard library.
#include "core/design/stylesheet.hpp"

#include <cmath>
#include <cstdio>

namespace passerelle::design {

namespace {

std::string px(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gpx", std::round(v * 100.0f) / 100.0f);
  return buf;
}

std::string num(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::round(v * 1000.0f) / 1000.0f);
  return buf;
}

std::string colors(const Palette& p) {
  std::string out;
  for (const NamedColor& c : palette_names())
    out += "--pl-" + std::string(c.name) + ":" + css_hex(p.*c.member) + ";";
  return out;
}

// The sizes of one tier, as custom properties: all of them, or (with `base`) those that
// differ from the base tier's (a media query's block only says what changes).
std::string sizes(const TypeScale& s, const std::string& base = {}) {
  const BannerTokens b = banner_tokens(s.compact);
  const std::pair<const char*, float> v[] = {
      {"body", s.body.size}, {"body-line", s.body_line}, {"lead", s.lead.size},
      {"lead-line", s.lead_line}, {"title", s.title.size}, {"title-line", s.title_line},
      {"h2", s.h2.size}, {"h2-line", s.h2_line}, {"h3", s.h3.size}, {"h3-line", s.h3_line},
      {"small", s.small.size}, {"small-line", s.small_line}, {"site-name-size", s.site_name.size},
      {"breadcrumb", s.breadcrumb.size}, {"breadcrumb-line", s.breadcrumb_line},
      {"ui", s.ui.size}, {"ui-line", s.ui_line}, {"ui-small", s.ui_small.size},
      {"margin", s.margin}, {"measure", s.measure}, {"header-h", s.header_h},
      {"after-header", s.after_header}, {"after-breadcrumb", s.after_breadcrumb},
      {"after-title", s.after_title}, {"after-lead", s.after_lead}, {"para-gap", s.para_gap},
      {"heading-gap", s.heading_gap}, {"after-heading", s.after_heading},
      {"map-before", s.map_before}, {"map-after", s.map_after},
      {"figure-title-gap", s.figure_title_gap}, {"figure-max", s.figure_max},
      {"figure-gap", s.figure_gap}, {"map-max-h", s.map_max_h}, {"list-indent", s.list_indent},
      {"list-gap", s.list_gap}, {"notes-before", s.notes_before}, {"after-rule", s.after_rule},
      {"note-gap", s.note_gap}, {"links-before", s.links_before}, {"link-gap", s.link_gap},
      {"page-end", s.page_end}, {"language-gap", s.language_gap},
      {"banner-margin", b.margin}, {"banner-max", b.max_width}, {"banner-pad-x", b.pad_x},
      {"banner-pad-y", b.pad_y}, {"banner-spacing", b.spacing}, {"banner-radius", b.radius},
      {"button-radius", b.button_radius},
      {"button-h", std::round(s.ui_bold.size * kNotoBoxEm * b.button_height_em)},
      {"banner-text", s.compact ? s.ui_small.size : s.ui.size},
      {"close-pad-x", b.close_pad_x}, {"close-pad-y", b.close_pad_y},
      {"close-raise", b.close_raise}, {"notes-rule", s.notes_rule},
      {"legend-swatch", s.legend_swatch}, {"legend-gap", s.legend_gap}, {"legend-line", s.legend_line},
      {"list-label-line", s.list_label_line}, {"chip-h", s.chip_h}, {"chip-gap", s.chip_gap},
      {"chip-pad", s.chip_pad}, {"chip-dot", s.chip_dot},
      // The close control's own line above the title (compact tier): its box and a spacing.
      {"banner-title-drop", b.close_own_line ? std::round(s.ui_small.size * kNotoBoxEm * 100.0f) / 100.0f + b.spacing : 0.0f},
  };
  std::string all;
  for (const auto& [name, value] : v) all += "--pl-" + std::string(name) + ":" + px(value) + ";";
  all += "--pl-box:" + num(kNotoBoxEm) + ";--pl-sup-size:" + num(s.superscript_size) +
         "em;--pl-sup-rise:" + num(-s.superscript_rise / s.superscript_size) + "em;";
  if (base.empty()) return all;
  std::string out;
  for (std::size_t at = 0, end; at < all.size(); at = end + 1) {
    end = all.find(';', at);
    const std::string decl = all.substr(at, end - at + 1);
    if (base.find(decl) == std::string::npos) out += decl;
  }
  return out;
}

std::string font_faces(std::string_view dir) {
  struct F {
    Face face;
    const char* family;
    int weight;
    const char* style;
  };
  const F faces[] = {{Face::serif_regular, "Passerelle Serif", 400, "normal"},
                     {Face::serif_italic, "Passerelle Serif", 400, "italic"},
                     {Face::serif_bold, "Passerelle Serif", 700, "normal"},
                     {Face::sans_regular, "Passerelle Sans", 400, "normal"},
                     {Face::sans_bold, "Passerelle Sans", 700, "normal"}};
  std::string out;
  // swap: the first paint never waits for a font; the loader downloads the same files (one
  // request each, shared through the HTTP cache), so they are there before the canvas is.
  for (const F& f : faces)
    out += "@font-face{font-family:\"" + std::string(f.family) + "\";src:url(" + std::string(dir) +
           std::string(face_file(f.face)) + ".ttf) format(\"truetype\");font-weight:" +
           std::to_string(f.weight) + ";font-style:" + f.style + ";font-display:swap}\n";
  return out;
}

}  // namespace

std::string_view face_file(Face face) {
  switch (face) {
    case Face::serif_regular: return "NotoSerif-Regular";
    case Face::serif_italic: return "NotoSerif-Italic";
    case Face::serif_bold: return "NotoSerif-Bold";
    case Face::sans_regular: return "NotoSans-Regular";
    case Face::sans_bold: return "NotoSans-Bold";
  }
  return "NotoSerif-Regular";
}

std::string css_hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
  return buf;
}

// The map figure: details beside the map from side_by_side_from (the figure's width, so a
// window width here), below the country list under it.
std::string figure(const TypeScale& s, float map_aspect) {
  char buf[512];
  const float from = s.side_by_side_from + 2 * s.margin;
  std::snprintf(buf, sizeof buf,
                ":root{--pl-map-aspect:%g;--pl-map-w:var(--pl-figure);--pl-figure-cols:1fr;"
                "--pl-details-col:1;--pl-details-row:auto;--pl-details-gap:var(--pl-figure-gap)}\n"
                "@media (min-width:%gpx){:root{--pl-map-w:round(calc(var(--pl-figure) * %g), 1px);"
                "--pl-figure-cols:var(--pl-map-w) 1fr;--pl-details-col:2;--pl-details-row:2 / span 5;"
                "--pl-details-gap:0px}}\n",
                std::round(map_aspect * 10000.0f) / 10000.0f, from, s.map_w_share);
  return buf;
}

namespace {

// The sizes: the type scale per width tier, the map figure, the banner's buttons, on :root.
std::string size_tokens(float map_aspect) {
  std::string out;
  const std::string regular = sizes(type_scale_for_width(kCompactBelow));
  out += ":root{" + regular + "}\n";
  char q[192];
  std::snprintf(q, sizeof q, "@media (max-width:%gpx){:root{", kCompactBelow - 0.02f);
  out += q + sizes(type_scale_for_width(kCompactBelow - 1), regular) + "}}\n";
  std::snprintf(q, sizeof q, "@media (min-width:%gpx){:root{", kLargeFrom);
  out += q + sizes(type_scale_for_width(kLargeFrom), regular) + "}}\n";
  out += figure(type_scale_for_width(kCompactBelow), map_aspect);
  // The banner's buttons: three in a row, stacked when its inner width falls under
  // stack_below (a width, not a token: a media query cannot read custom properties).
  out += ":root{--pl-button-w:calc((100% - 2 * var(--pl-banner-spacing)) / 3);"
         "--pl-button-gap-x:var(--pl-banner-spacing);--pl-button-gap-y:0px}\n";
  const BannerTokens b = banner_tokens(true);
  std::snprintf(q, sizeof q,
                "@media (max-width:%gpx){:root{--pl-button-w:100%%;--pl-button-gap-x:0px;"
                "--pl-button-gap-y:var(--pl-banner-spacing)}}\n",
                b.stack_below + 2 * (b.pad_x + b.margin) - 0.02f);
  out += q;
  return out;
}

// Every ":root{" of `css` written as `with`.
std::string rescope(std::string css, std::string_view with) {
  constexpr std::string_view kRoot = ":root{";
  for (std::size_t at = css.find(kRoot); at != std::string::npos; at = css.find(kRoot, at + with.size()))
    css.replace(at, kRoot.size(), with);
  return css;
}

}  // namespace

std::string token_stylesheet(std::string_view font_dir, float map_aspect) {
  std::string out =
      "/* Generated by passerelle-pack css from src/core/design (palette.hpp, type_scale.hpp): "
      "edit the tokens there, never here. */\n";
  out += font_faces(font_dir);
  out += ":root{color-scheme:light dark;" + colors(palette(Scheme::light)) + "}\n";
  out += "@media (prefers-color-scheme:dark){:root{" + colors(palette(Scheme::dark)) + "}}\n";
  out += size_tokens(map_aspect);
  return out;
}

std::string shadow_stylesheet(std::string_view rules) {
  const std::string light = colors(palette(Scheme::light)), dark = colors(palette(Scheme::dark));
  std::string out = ":host{color-scheme:light;" + light + "}\n";
  out += "@media (prefers-color-scheme:dark){:host(:not([data-theme=light])){color-scheme:dark;" + dark + "}}\n";
  out += ":host([data-theme=dark]){color-scheme:dark;" + dark + "}\n";
  out += size_tokens(1.25f);
  out += rules;
  return rescope(compact_css(out), ":host{");
}

std::string compact_css(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  const auto tight = [](char c) { return c == '{' || c == '}' || c == ';' || c == ',' || c == '\n'; };
  char quote = 0;
  bool space = false;
  for (std::size_t i = 0; i < css.size(); ++i) {
    const char c = css[i];
    if (quote) {
      out += c;
      if (c == '\\' && i + 1 < css.size()) out += css[++i];
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      const std::size_t end = css.find("*/", i + 2);
      i = end == std::string_view::npos ? css.size() : end + 1;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && !tight(out.back()) && !tight(c)) out += ' ';
    space = false;
    if (c == '"' || c == '\'') quote = c;
    out += c;
    if (c == '}') out += '\n';
  }
  return out;
}

}  // namespace passerelle::design
