// page/layout.cpp — typesetting the article (see page/layout.hpp).
//
// One Typesetter walks the page top-down with a cursor (y): the header bar, the breadcrumb
// and title, the lead, the body's blocks (the map figure among them), the footnotes and the
// links; each part is one method that flows its texts at the cursor and moves it down.
//
// Depends on: page/layout.hpp, pack/visible_text.hpp (language names), text/flow.hpp,
// base/utf8.hpp, the standard library.
#include "core/page/layout.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/utf8.hpp"
#include "core/pack/visible_text.hpp"

namespace passerelle {
namespace {

Span text_span(std::string s) {
  Span sp;
  sp.text = std::move(s);
  return sp;
}

// The text column for a width: centred, ~66 characters of body text, with side margins.
Rect column_for(const TypeScale& s, float width) {
  const float col_w = std::max(120.0f, std::min(s.measure, width - 2 * s.margin));
  return Rect{std::round(std::max(0.0f, (width - col_w) * 0.5f)), 0, col_w, 0};
}

// Moves flowed runs into the layout at (x0, y); links get their clickable rectangles.
void place_runs(FlowResult& r, float x0, float y, float line_height, PageLayout& out) {
  for (FlowRun& fr : r.runs) {
    PlacedRun p;
    p.x = x0 + fr.x;
    p.y = y + fr.y;
    p.baseline = y + fr.baseline;
    p.width = fr.width;
    p.line_height = line_height;
    p.font = fr.font;
    p.ink = fr.ink;
    p.target = fr.target;
    p.text = std::move(fr.text);
    if (p.target >= 0) {
      out.targets[p.target].rects.push_back(Rect{p.x, y + fr.line * line_height, p.width, line_height});
    }
    out.runs.push_back(std::move(p));
  }
}

// Maps spans to page targets while one block is flowed.
class BlockTargets final : public FlowTargets {
 public:
  BlockTargets(const Page& page, std::vector<Target>& targets) : page_(page), targets_(targets) {}

  // A span identified by address gets a fixed target (the footnote's "[1]" back-marker).
  void pin(const Span* span, int target) {
    pinned_span_ = span;
    pinned_target_ = target;
  }

  int target_for(const Span& span) override {
    if (&span == pinned_span_) return pinned_target_;
    if (span.kind == Span::Kind::footnote_ref) {
      last_href_.clear();
      const int n = footnote_number(page_, span.text);
      if (n <= 0) return -1;  // cannot happen for a validated pack
      Target t;
      t.kind = Target::Kind::footnote;
      t.footnote = n - 1;
      targets_.push_back(std::move(t));
      refs.push_back({n - 1, static_cast<int>(targets_.size()) - 1});
      return static_cast<int>(targets_.size()) - 1;
    }
    if (span.href.empty()) {
      last_href_.clear();
      return -1;
    }
    // Adjacent spans of one link ("[**a** b](u)") share one target, so hover covers it whole.
    if (span.href == last_href_) return static_cast<int>(targets_.size()) - 1;
    Target t;
    t.kind = Target::Kind::url;
    t.url = span.href;
    targets_.push_back(std::move(t));
    last_href_ = span.href;
    return static_cast<int>(targets_.size()) - 1;
  }

  std::string footnote_label(const Span& span) override {
    return std::to_string(footnote_number(page_, span.text));
  }

  struct Ref {
    int footnote, target;
  };
  std::vector<Ref> refs;

 private:
  const Page& page_;
  std::vector<Target>& targets_;
  std::string last_href_;
  const Span* pinned_span_ = nullptr;
  int pinned_target_ = -1;
};

class Typesetter {
 public:
  Typesetter(const Pack& pack, float width, const FontMetrics& m, const LayoutState& state)
      : pack_(pack), metrics_(m), state_(state) {
    out.viewport_width = width;
    out.scale = type_scale_for_width(width);
    const TypeScale& s = out.scale;
    out.column = column_for(s, width);
    footnote_refs_.assign(pack.page.footnotes.size(), -1.0f);
  }

  // Flows one block of inline text at the cursor and advances it.
  FlowResult flow(const InlineText& text, const FlowStyle& style, BlockTargets* targets,
                  float indent = 0, bool body_text = false) {
    return flow_at(text, style, targets, out.column.x + indent, out.column.w - indent, body_text);
  }

  // Flows into any box of the given width (the map figure's panels) at the cursor.
  FlowResult flow_at(const InlineText& text, const FlowStyle& style, BlockTargets* targets,
                     float x0, float width, bool body_text = false) {
    FlowResult r = flow_text(text, style, width, metrics_, targets);
    if (body_text) count_measure(r);
    place_runs(r, x0, y, style.line_height, out);
    if (targets) {
      for (const auto& ref : targets->refs) {
        if (footnote_refs_[ref.footnote] < 0 && !out.targets[ref.target].rects.empty())
          footnote_refs_[ref.footnote] = out.targets[ref.target].rects.front().y;
      }
      targets->refs.clear();
    }
    y += r.height;
    return r;
  }

  FlowStyle style(FontSpec regular, FontSpec italic, FontSpec bold, float line, Ink ink) const {
    FlowStyle st;
    st.regular = regular;
    st.italic = italic;
    st.bold = bold;
    st.line_height = line;
    st.ink = ink;
    st.french_spacing = pack_.lang.rfind("fr", 0) == 0;
    return st;
  }

  void rule(float x, float w, float h = 1.0f) { out.rules.push_back({Rect{x, y, w, h}, Ink::rule}); }

  void run() {
    BlockTargets targets(pack_.page, out.targets);
    header_bar();
    out.column.y = y;
    breadcrumb_and_title();
    const TypeScale& s = out.scale;
    flow(pack_.page.lead, style(s.lead, s.lead_italic, s.lead_bold, s.lead_line, Ink::heading),
         &targets);
    y += s.after_lead;
    body(targets);
    footnotes(targets);
    links(targets);

    y += s.page_end;
    out.height = std::ceil(y);
    out.column.h = out.height - out.column.y;
    out.reference_y = footnote_refs_;
    if (out.body_lines > 0) out.body_chars_per_line = static_cast<float>(chars_) / measured_lines_;
  }

  // The figure alone, for an embed: no header, no article around it.
  void run_map_only() {
    BlockTargets targets(pack_.page, out.targets);
    y = out.scale.compact ? 12.0f : 16.0f;
    out.column.y = y;
    map_figure(targets);
    if (!out.map) y = 0;
    else y += out.scale.compact ? 16.0f : 24.0f;
    out.height = std::ceil(y);
    out.column.h = out.height - out.column.y;
  }

  PageLayout out;

 private:
  // --- the article ------------------------------------------------------------------------
  // Header bar: the site's name on the left of the column, the page's other languages on the
  // right, a hairline under the bar.
  void header_bar() {
    const TypeScale& s = out.scale;
    const float header_h = s.header_h;
    InlineText name;
    name.spans.push_back(text_span(pack_.site.name));
    flow(name, style(s.site_name, s.site_name, s.site_name, header_h, Ink::site_name), nullptr);
    language_links(header_h);
    y = header_h;
    rule(0, out.viewport_width);
    y += s.after_header;
  }

  // The page in its other languages, right-aligned in the header bar ("English").
  void language_links(float header_h) {
    const TypeScale& s = out.scale;
    const std::vector<Translation>& translations = pack_.page.translations;
    float right = out.column.x + out.column.w;
    for (auto it = translations.rbegin(); it != translations.rend(); ++it) {
      Target t;
      t.kind = Target::Kind::page;
      t.url = it->href;
      t.lang = it->lang;
      out.targets.push_back(std::move(t));
      const int target = static_cast<int>(out.targets.size()) - 1;
      PlacedRun run;
      run.font = s.ui;
      run.text = language_autonym(it->lang);
      run.width = metrics_.measure(run.font, run.text);
      run.line_height = header_h;
      run.x = right - run.width;
      run.baseline = std::round((header_h - metrics_.content_height(run.font)) * 0.5f +
                                metrics_.ascent(run.font));
      run.y = run.baseline - metrics_.ascent(run.font);
      run.ink = Ink::link;
      run.target = target;
      out.targets[target].rects.push_back(Rect{run.x, 0, run.width, header_h});
      right -= run.width + s.language_gap;
      out.runs.push_back(std::move(run));
    }
  }

  // Breadcrumb ("Nos actions › International"), then the title.
  void breadcrumb_and_title() {
    const Page& page = pack_.page;
    const TypeScale& s = out.scale;
    InlineText crumbs;
    for (const std::string& c : page.breadcrumb) crumbs.spans.push_back(text_span(c + "\u00A0› "));
    crumbs.spans.push_back(text_span(page.title));
    flow(crumbs,
         style(s.breadcrumb, s.breadcrumb, s.breadcrumb, s.breadcrumb_line, Ink::muted),
         nullptr);
    y += s.after_breadcrumb;

    InlineText title;
    title.spans.push_back(text_span(page.title));
    flow(title, style(s.title, s.title, s.title, s.title_line, Ink::heading),
         nullptr);
    y += s.after_title;
  }

  // The blocks of the body, with their gaps: none right under a heading or the map.
  void body(BlockTargets& targets) {
    const TypeScale& s = out.scale;
    const FlowStyle text = style(s.body, s.body_italic, s.body_bold, s.body_line, Ink::text);
    const float para_gap = s.para_gap;
    bool first = true;
    for (const Block& b : pack_.page.body) {
      switch (b.kind) {
        case Block::Kind::paragraph:
          if (!first) y += para_gap;
          flow(b.text, text, &targets, 0, true);
          first = false;
          break;
        case Block::Kind::heading:
          if (!first) y += s.heading_gap;
          heading(b, targets);
          first = true;
          break;
        case Block::Kind::map:
          y += s.map_before;
          map_figure(targets);
          y += s.map_after;
          first = true;
          break;
        case Block::Kind::list:
          if (!first) y += para_gap;
          list(b, text, targets);
          first = false;
          break;
      }
    }
  }

  void heading(const Block& b, BlockTargets& targets) {
    const TypeScale& s = out.scale;
    const FontSpec f = b.level >= 3 ? s.h3 : s.h2;
    flow(b.text, style(f, f, f, b.level >= 3 ? s.h3_line : s.h2_line, Ink::heading), &targets);
    y += s.after_heading;
  }

  // Each item indented after its marker ("1." or "•"), on the marker's first line.
  void list(const Block& b, const FlowStyle& text, BlockTargets& targets) {
    const TypeScale& s = out.scale;
    int n = 1;
    const float indent = s.list_indent;
    for (const InlineText& item : b.items) {
      InlineText marker;
      marker.spans.push_back(text_span(b.ordered ? std::to_string(n) + "." : "•"));
      const float item_top = y;
      flow(marker, text, nullptr);
      y = item_top;
      flow(item, text, &targets, indent);
      y += s.list_gap;
      ++n;
    }
  }

  // Footnotes: a short rule, then each note led by its "[n]" marker, which links back.
  void footnotes(BlockTargets& targets) {
    const std::vector<Footnote>& notes = pack_.page.footnotes;
    if (notes.empty()) return;
    const TypeScale& s = out.scale;
    y += s.notes_before;
    rule(out.column.x, std::min(s.notes_rule, out.column.w));
    y += s.after_rule;
    const FlowStyle note = style(s.small, s.small_italic, s.small_bold, s.small_line, Ink::text);
    for (std::size_t i = 0; i < notes.size(); ++i) {
      out.footnote_y.push_back(y);
      InlineText t;
      t.spans.push_back(text_span("[" + std::to_string(i + 1) + "]\u00A0"));
      for (const Span& sp : notes[i].text.spans) t.spans.push_back(sp);
      Target back;
      back.kind = Target::Kind::footnote_back;
      back.footnote = static_cast<int>(i);
      out.targets.push_back(back);
      targets.pin(&t.spans.front(), static_cast<int>(out.targets.size()) - 1);
      flow(t, note, &targets);
      targets.pin(nullptr, -1);
      y += s.note_gap;
    }
  }

  // Links after the article.  A link without a known URL is plain text, never a fake link.
  void links(BlockTargets& targets) {
    if (pack_.page.links.empty()) return;
    const TypeScale& s = out.scale;
    y += s.links_before;
    rule(out.column.x, out.column.w);
    y += s.after_rule;
    const FlowStyle ui = style(s.ui, s.ui, s.ui, s.ui_line, Ink::text);
    for (const PageLink& l : pack_.page.links) {
      InlineText t;
      Span sp = text_span(l.text);
      sp.href = l.url;
      t.spans.push_back(std::move(sp));
      flow(t, ui, &targets);
      y += s.link_gap;
    }
  }

  // --- the map figure ---------------------------------------------------------------------
  // Wider than the text column where the screen allows (a map wants room), the details
  // beside the map from 860 px, below the country list on narrower screens.
  void map_figure(BlockTargets& targets) {
    if (!pack_.map) return;
    const MapSection& map = *pack_.map;
    const TypeScale& s = out.scale;
    MapFigure fig;
    const float margin = s.margin;
    // In an embed the box is the partner's: use its width, with a small margin.
    const float embed_margin = s.compact ? 8.0f : 12.0f;
    const float w = state_.embedded
                        ? std::max(120.0f, out.viewport_width - 2 * embed_margin)
                        : std::max(out.column.w, std::min(s.figure_max, out.viewport_width - 2 * margin));
    const float x = std::round((out.viewport_width - w) * 0.5f);
    fig.box = Rect{x, y, w, 0};
    fig.side_by_side = w >= s.side_by_side_from;
    const float gap = s.figure_gap;
    const float map_w = fig.side_by_side ? std::round(w * s.map_w_share) : w;
    const float aspect = std::clamp(state_.map_aspect, 0.5f, 3.0f);

    InlineText title;
    title.spans.push_back(text_span(map.labels.title));
    flow_at(title, style(s.h3, s.h3, s.h3, s.h3_line, Ink::heading), nullptr, x, w);
    y += s.figure_title_gap;

    const float top = y;
    fig.map = Rect{x, y, map_w, std::round(std::min(map_w / aspect, s.map_max_h))};
    y += fig.map.h + std::round(gap * 0.75f);
    map_legend(map, x, map_w, std::round(gap * 0.6f), fig);
    const float chips_bottom = country_chips(map, x, map_w, fig);
    y = chips_bottom;

    // The details panel.
    const float dx = fig.side_by_side ? x + map_w + gap : x;
    const float dw = fig.side_by_side ? w - map_w - gap : w;
    if (fig.side_by_side) y = top;
    else y += gap;
    const float details_top = y;
    map_details(map, dx, dw, targets, fig);
    fig.details = Rect{dx, details_top, dw, y - details_top};
    if (fig.side_by_side) y = std::max(y, chips_bottom);
    fig.box.h = y - fig.box.y;
    out.map = std::move(fig);
  }

  // The legend: a swatch and a label per role, then "other countries", wrapped like words;
  // y ends space_after below its last line.
  void map_legend(const MapSection& map, float x, float map_w, float space_after, MapFigure& fig) {
    const float line = out.scale.legend_line;
    float lx = x;
    for (std::size_t r = 0; r < map.roles.size(); ++r)
      legend_entry(static_cast<int>(r), map.roles[r].label, x, map_w, lx, fig);
    legend_entry(-1, map.labels.other, x, map_w, lx, fig);
    y += line + space_after;
  }

  // One entry of the legend at (lx, y), on the next line when it does not fit.
  void legend_entry(int role, const std::string& label, float x, float map_w, float& lx,
                    MapFigure& fig) {
    const FontSpec f = out.scale.ui_small;
    const float line = out.scale.legend_line, sw = out.scale.legend_swatch;
    const float tw = metrics_.measure(f, label);
    const float ew = sw + 8 + tw;
    if (lx > x && lx + ew > x + map_w) {
      lx = x;
      y += line;
    }
    fig.legend.push_back(MapLegendEntry{Rect{lx, y + std::round((line - sw) * 0.5f), sw, sw}, role});
    if (ew > map_w) {
      // Longer than the whole width (a phone): the label wraps beside its swatch.
      InlineText t;
      t.spans.push_back(text_span(label));
      flow_at(t, style(f, f, f, line, Ink::text), nullptr, lx + sw + 8, map_w - sw - 8);
      y -= line;  // the last line is shared with what follows, as for a one-line entry
      lx = x + map_w;
      return;
    }
    PlacedRun run;
    run.x = lx + sw + 8;
    run.width = tw;
    run.line_height = line;
    run.baseline = y + std::round((line - metrics_.content_height(f)) * 0.5f + metrics_.ascent(f));
    run.y = run.baseline - metrics_.ascent(f);
    run.font = f;
    run.ink = Ink::text;
    run.text = label;
    out.runs.push_back(std::move(run));
    lx += ew + out.scale.legend_gap;
  }

  // The country list: a label, then one chip per country with a role, wrapped.  Returns the
  // bottom of the last row of chips.
  float country_chips(const MapSection& map, float x, float map_w, MapFigure& fig) {
    const TypeScale& s = out.scale;
    InlineText list_label;
    list_label.spans.push_back(text_span(map.labels.list));
    flow_at(list_label,
            style(s.ui_small, s.ui_small, s.ui_small, s.list_label_line, Ink::muted), nullptr, x, map_w);
    const float chip_h = s.chip_h, chip_gap = s.chip_gap;
    float cx = x, cy = y;
    for (std::size_t r = 0; r < map.roles.size(); ++r) {
      for (const std::string& iso : map.roles[r].countries) {
        const MapCountryText* c = map.country(iso);
        const std::string& name = c ? c->name : iso;
        const float text_w = metrics_.measure(s.ui, name);
        const float cw = chip_width(text_w);
        if (cx > x && cx + cw > x + map_w) {
          cx = x;
          cy += chip_h + chip_gap;
        }
        country_chip(Rect{cx, cy, cw, chip_h}, iso, name, text_w, static_cast<int>(r), fig);
        cx += cw + chip_gap;
      }
    }
    return cy + chip_h;
  }

  // A chip: padding, the role's dot, a little space, the name (text_w), padding.
  float chip_width(float text_w) const {
    const float pad_x = out.scale.chip_pad, dot = out.scale.chip_dot;
    return std::ceil(pad_x * 2 + dot + pad_x * 0.6f + text_w);
  }

  // One chip of the country list: a target (selecting the country) and the name's run.
  void country_chip(Rect box, const std::string& iso, const std::string& name, float text_w,
                    int role, MapFigure& fig) {
    const FontSpec ui = out.scale.ui;
    const float pad_x = out.scale.chip_pad, dot = out.scale.chip_dot;
    Target t;
    t.kind = Target::Kind::country;
    t.url = iso;
    t.rects.push_back(box);
    out.targets.push_back(std::move(t));
    PlacedRun run;
    run.x = box.x + pad_x + dot + pad_x * 0.6f;
    run.width = text_w;
    run.line_height = box.h;
    run.baseline =
        box.y + std::round((box.h - metrics_.content_height(ui)) * 0.5f + metrics_.ascent(ui));
    run.y = run.baseline - metrics_.ascent(ui);
    run.font = ui;
    run.ink = Ink::text;
    run.text = name;
    out.runs.push_back(std::move(run));
    fig.chips.push_back(MapChip{box, iso, role, static_cast<int>(out.targets.size()) - 1});
  }

  // The details panel at (dx, y), dw wide: the selected country's name, role and paragraphs,
  // or the hint to select one.
  void map_details(const MapSection& map, float dx, float dw, BlockTargets& targets,
                   MapFigure& fig) {
    const TypeScale& s = out.scale;
    const MapCountryText* c = map.country(state_.map_selected);
    if (!c) {
      InlineText hint;
      hint.spans.push_back(text_span(map.labels.empty));
      flow_at(hint, style(s.body_italic, s.body_italic, s.body_bold, s.body_line, Ink::muted),
              nullptr, dx, dw);
      return;
    }
    const int role = map.role_of(state_.map_selected);
    fig.selected = c->id;
    InlineText name;
    name.spans.push_back(text_span(c->name));
    flow_at(name, style(s.h3, s.h3, s.h3, std::round(s.h3.size * 1.3f), Ink::heading), nullptr,
            dx, dw);
    if (role >= 0) {
      InlineText r;
      r.spans.push_back(text_span(map.roles[role].label));
      flow_at(r,
              style(s.ui_small, s.ui_small, s.ui_small, std::round(s.ui_small.size * 1.6f),
                    Ink::muted),
              nullptr, dx, dw);
    }
    const FlowStyle text = style(s.body, s.body_italic, s.body_bold, s.body_line, Ink::text);
    for (const InlineText& para : c->details) {
      y += std::round(s.body.size * 0.6f);
      flow_at(para, text, &targets, dx, dw);
    }
  }

  // Average characters of full lines (not a paragraph's last line) of body text.
  void count_measure(const FlowResult& r) {
    out.body_lines += r.lines;
    if (r.lines < 2) return;
    std::vector<int> per_line(r.lines, 0);
    for (const FlowRun& fr : r.runs) {
      std::size_t i = 0;
      int n = 0;
      while (i < fr.text.size()) {
        decode_utf8(fr.text, i);
        ++n;
      }
      per_line[fr.line] += n;
    }
    for (int l = 0; l + 1 < r.lines; ++l) {
      chars_ += per_line[l];
      ++measured_lines_;
    }
  }

  const Pack& pack_;
  const FontMetrics& metrics_;
  const LayoutState& state_;
  float y = 0;
  std::vector<float> footnote_refs_;
  long chars_ = 0;
  int measured_lines_ = 0;
};

}  // namespace

int PageLayout::target_at(float x, float y, float pad) const {
  for (int i = static_cast<int>(targets.size()) - 1; i >= 0; --i) {
    for (const Rect& r : targets[i].rects) {
      if (Rect{r.x - pad, r.y, r.w + 2 * pad, r.h}.contains(x, y)) return i;
    }
  }
  return -1;
}

PageLayout layout_map_figure(const Pack& pack, float viewport_width, const FontMetrics& metrics,
                             const LayoutState& state) {
  LayoutState embedded = state;
  embedded.embedded = true;
  Typesetter t(pack, std::max(viewport_width, 1.0f), metrics, embedded);
  t.run_map_only();
  return std::move(t.out);
}

PageLayout layout_page(const Pack& pack, float viewport_width, const FontMetrics& metrics,
                       const LayoutState& state) {
  Typesetter t(pack, std::max(viewport_width, 1.0f), metrics, state);
  t.run();
  return std::move(t.out);
}

}  // namespace passerelle

namespace passerelle {

PageLayout layout_notice(const std::string& title, const std::vector<std::string>& paragraphs,
                         float viewport_width, const FontMetrics& metrics) {
  PageLayout out;
  out.viewport_width = std::max(viewport_width, 1.0f);
  out.scale = type_scale_for_width(out.viewport_width);
  const TypeScale& s = out.scale;
  out.column = column_for(s, out.viewport_width);
  float y = s.compact ? 40.0f : 72.0f;
  out.column.y = y;
  auto put = [&](const std::string& text, FontSpec f, float line, Ink ink) {
    InlineText t;
    t.spans.push_back(text_span(text));
    FlowStyle st;
    st.regular = st.italic = st.bold = f;
    st.line_height = line;
    st.ink = ink;
    st.french_spacing = false;  // messages may quote code-like text
    FlowResult r = flow_text(t, st, out.column.w, metrics);
    place_runs(r, out.column.x, y, line, out);
    y += r.height;
  };
  put(title, s.h2, std::round(s.h2.size * 1.3f), Ink::heading);
  y += 16;
  for (const std::string& p : paragraphs) {
    put(p, s.ui, std::round(s.ui.size * 1.5f), Ink::text);
    y += 12;
  }
  y += 48;
  out.height = std::ceil(y);
  out.column.h = out.height - out.column.y;
  return out;
}

}  // namespace passerelle
