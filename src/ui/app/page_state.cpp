// page_state.cpp — content, layout, scroll and scrollbar of the page (see page_state.hpp).
//
// Depends on: ui/app/page_state.hpp, core/base/url_policy.hpp, core/pack/visible_text.hpp.
#include "ui/app/page_state.hpp"

#include <optional>

#include <algorithm>

#include "core/base/url_policy.hpp"
#include "core/pack/visible_text.hpp"

namespace passerelle::ui {

void PageState::load(PackResult r, std::string_view file_name) {
  errors_ = std::move(r.errors);
  notice_title_.clear();
  notice_lines_.clear();
  if (r.pack) {
    pack_ = std::move(r.pack);
    lang_ = pack_->lang;
  } else {
    pack_.reset();
    std::vector<std::string> lines;
    lines.push_back("Le contenu de cette page (" + std::string(file_name) +
                    ") est invalide, elle ne peut donc pas être affichée. Détail des erreurs :");
    for (const Diagnostic& d : errors_) lines.push_back(format(d));
    show_notice("Cette page n’a pas pu être affichée", std::move(lines));
  }
  layout_dirty_ = true;
  scroller_.scroll_to(0);
}

void PageState::show_notice(std::string title, std::vector<std::string> paragraphs) {
  notice_title_ = std::move(title);
  notice_lines_ = std::move(paragraphs);
  layout_dirty_ = true;
  scroller_.scroll_to(0);
}

std::string PageState::text() const {
  std::string s = notice_title_;
  for (const std::string& l : notice_lines_) s += l;
  if (pack_) s += visible_text(*pack_);
  return s;
}

void PageState::set_viewport(float width, float height, float dpr) {
  if (width != width_ || dpr != dpr_) layout_dirty_ = true;
  width_ = width;
  height_ = height;
  dpr_ = dpr;
  if (layout_) scroller_.set_extent(layout_->height + bottom_room_, height_);
}

void PageState::set_bottom_room(float px) {
  if (embedded_ || !(px >= 0) || px == bottom_room_) return;  // an embed's box is its content's
  bottom_room_ = px;
  if (layout_) scroller_.set_extent(layout_->height + bottom_room_, height_);
}

namespace {
// The first run at or below the top of the view, and how far below the top it starts.
struct Anchor {
  std::size_t run = 0;
  float below = 0;
  float width = 0;        // of the layout it was found in
  std::size_t runs = 0;   // how many runs that layout had
};
std::optional<Anchor> anchor_of(const std::optional<PageLayout>& layout, float offset) {
  if (!layout || offset <= 0) return std::nullopt;
  for (std::size_t i = 0; i < layout->runs.size(); ++i) {
    const PlacedRun& r = layout->runs[i];
    if (r.y + r.line_height > offset) return Anchor{i, r.y - offset, layout->viewport_width, layout->runs.size()};
  }
  return std::nullopt;
}
}  // namespace

void PageState::start_at(float y) {
  takeover_y_ = y;
  if (!layout_) {
    start_at_ = y;
    return;
  }
  // A position left for the next layout would be applied whenever that comes (the map's
  // geometry, seconds later), over a scroll made in between.
  scroller_.scroll_to(y);
  takeover_moves_ = scroller_.moves();
  start_at_ = -1;
}

void PageState::relayout(const FontBook& fonts, const LayoutState& state) {
  if (!fonts.measurable() || width_ <= 0) return;  // measuring needs no atlas built (font_metrics.hpp)
  const float old_height = layout_ ? layout_->height : 0;
  const float old_offset = scroller_.offset(), old_destination = scroller_.destination();
  const std::optional<Anchor> anchor = anchor_of(layout_, old_offset);
  const std::optional<Anchor> destination_anchor = anchor_of(layout_, old_destination);
  if (!notice_title_.empty()) {
    layout_ = layout_notice(notice_title_, notice_lines_, width_, fonts);
  } else if (!pack_) {
    return;
  } else if (view_ == ViewMode::map) {
    layout_ = layout_map_figure(*pack_, width_, fonts, state);
  } else if (view_ == ViewMode::consent) {
    layout_ = PageLayout{};  // nothing but the widget, at the page's type scale
    layout_->viewport_width = width_;
    layout_->scale = type_scale_for_width(width_);
  } else {
    layout_ = layout_page(*pack_, width_, fonts, state);
  }
  scroller_.set_extent(layout_->height + bottom_room_, height_);
  // The reader's place: the HTML's scroll position at the takeover; at the same width (the
  // map's geometry arrived, a country's details opened) the same words at the same height;
  // at a new width, the same fraction of the document.
  // "Scrolled since" counts the moves asked, not the offset: a PageDown pressed in the frame
  // the map's geometry arrived has not moved the offset yet, and going back to the takeover's
  // position then cancelled it (PageDown scrolled 0 px).
  if (takeover_y_ >= 0 && start_at_ < 0 && scroller_.moves() != takeover_moves_) takeover_y_ = -1;
  if (start_at_ >= 0 || (takeover_y_ >= 0 && layout_->viewport_width == width_)) {
    scroller_.scroll_to(takeover_y_ >= 0 ? takeover_y_ : start_at_);
    takeover_moves_ = scroller_.moves();
  } else {
    auto placed = [&](float y, const std::optional<Anchor>& a) {
      if (a && a->width == layout_->viewport_width && a->runs == layout_->runs.size())
        return layout_->runs[a->run].y - a->below;
      return old_height > 0 && y > 0 ? y / old_height * layout_->height : y;
    };
    // A key's scroll under way goes on to the same words (a PageDown pressed as the map's
    // geometry arrived used to stop short where the relayout caught it).
    scroller_.relocate(placed(old_offset, anchor), placed(old_destination, destination_anchor));
  }
  start_at_ = -1;
  layout_dirty_ = false;
}

void PageState::scroll_into_view(float top, float bottom, float covered, double now) {
  const float view_top = scroller_.offset() + 16, view_bottom = scroller_.offset() + height_ - covered - 16;
  if (top < view_top || bottom > view_bottom) scroller_.animate_to(top - (height_ - covered) * 0.3f, now);
}

void PageState::reveal_map(double now) {
  if (!layout_ || !layout_->map) return;
  const Rect& m = layout_->map->map;
  const float top = scroller_.offset();
  if (m.y < top || m.y + m.h > top + height_) scroller_.animate_to(layout_->map->box.y - 16, now);
}

void PageState::reveal_chip(int chip, double now) {
  if (!layout_ || !layout_->map || chip < 0 || chip >= static_cast<int>(layout_->map->chips.size())) return;
  const Rect& r = layout_->map->chips[chip].rect;
  const float top = scroller_.offset(), bottom = top + height_;
  if (r.y < top + 16 || r.y + r.h > bottom - 16) {
    const float map_top = layout_->map->map.y;
    const float target = (r.y + r.h - map_top <= height_ * 0.9f) ? map_top - 16 : r.y - height_ * 0.5f;
    scroller_.animate_to(target, now);
  }
}

void PageState::reveal_selection(int chip, double now) {
  if (!layout_ || !layout_->map || chip < 0 || chip >= static_cast<int>(layout_->map->chips.size())) return;
  const MapFigure& m = *layout_->map;
  const Rect& r = m.chips[chip].rect;
  float top = m.map.y, bottom = r.y + r.h;
  if (m.side_by_side && !m.selected.empty()) {
    top = std::min(top, m.details.y);
    bottom = std::max(bottom, m.details.y + m.details.h);
  }
  if (bottom - top > height_ - 32) return reveal_chip(chip, now);
  const float at = scroller_.destination();
  if (top < at + 16 || bottom > at + height_ - 16) scroller_.animate_to(top - 16, now);
}

Action PageState::follow(const Target& target, double now) {
  Action a;
  switch (target.kind) {
    case Target::Kind::url:
      if (!is_safe_link_url(target.url)) return a;  // validated already; checked again here
      a.kind = Action::Kind::open_url;
      a.url = target.url;
      break;
    case Target::Kind::page:
      if (!is_relative_page_href(target.url)) return a;
      a.kind = Action::Kind::open_page;
      a.url = target.url;
      a.lang = target.lang;
      break;
    case Target::Kind::footnote:
      if (target.footnote < static_cast<int>(layout_->footnote_y.size()))
        scroller_.animate_to(layout_->footnote_y[target.footnote] - height_ * 0.25f, now);
      a.kind = Action::Kind::handled;
      break;
    case Target::Kind::footnote_back:
      if (target.footnote < static_cast<int>(layout_->reference_y.size()) &&
          layout_->reference_y[target.footnote] >= 0)
        scroller_.animate_to(layout_->reference_y[target.footnote] - height_ * 0.3f, now);
      a.kind = Action::Kind::handled;
      break;
    case Target::Kind::country: break;  // the map's (App routes it)
  }
  return a;
}

ScrollbarGeometry PageState::scrollbar() const {
  if (!layout_ || host_scrolls_) return {};
  return scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
}

bool PageState::on_scrollbar(float x) const {
  const ScrollbarGeometry g = scrollbar();
  return g.visible && x >= g.track.x - 4;
}

void PageState::scrollbar_press(float x, float y) {
  const ScrollbarGeometry g = scrollbar();
  if (!(g.visible && x >= g.track.x - 4)) return;
  if (g.thumb.contains(std::max(x, g.thumb.x), y)) {
    dragging_thumb_ = true;
    drag_start_y_ = y;
    drag_start_offset_ = scroller_.offset();
  } else if (y < g.thumb.y) {
    scroller_.scroll_by(-height_ * (1 - Scroller::kPageOverlap));
  } else if (y > g.thumb.y + g.thumb.h) {
    scroller_.scroll_by(height_ * (1 - Scroller::kPageOverlap));
  }
}

void PageState::thumb_drag(float y) {
  if (!dragging_thumb_ || !layout_) return;
  const ScrollbarGeometry g = scrollbar();
  const float travel = g.track.h - g.thumb.h;
  if (travel > 0) scroller_.scroll_to(drag_start_offset_ + (y - drag_start_y_) * scroller_.max_offset() / travel);
}

}  // namespace passerelle::ui
