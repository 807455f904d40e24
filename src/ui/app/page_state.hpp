// page_state.hpp — the page App shows and where the visitor is in it: the content (a pack,
// or a notice in its place), the view mode, the viewport, the layout, the scroll position
// with the scrollbar's thumb drag, and what the pointer hovers.
//
// It follows page targets (links, footnotes and their way back); country targets are the
// map's, so App routes those.  Everything is in viewport CSS pixels unless a name says
// "document"; the layout is in document coordinates (viewport + scroll offset).
//
// Depends on: core (pack, page/layout, page/scroll, base/url_policy), ui/page_view.hpp
// (the scrollbar's geometry), ui/app/app_types.hpp (Action, ViewMode).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack/pack.hpp"
#include "core/page/layout.hpp"
#include "core/page/scroll.hpp"
#include "ui/app/app_types.hpp"
#include "ui/page_view.hpp"

namespace passerelle::ui {

class PageState {
 public:
  // --- content -------------------------------------------------------------------------
  // Takes a parsed pack.  On errors the page becomes a notice listing them; the language
  // becomes the pack's when it is valid.  Scrolls back to the top.
  void load(PackResult r, std::string_view file_name);
  // A notice instead of the page (a pack that could not be read or downloaded).
  void show_notice(std::string title, std::vector<std::string> paragraphs);
  bool has_page() const { return pack_.has_value() && notice_title_.empty(); }
  const Pack* pack() const { return pack_ ? &*pack_ : nullptr; }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  // The notice's and the page's text: what the font atlas needs glyphs for.
  std::string text() const;
  void set_lang(std::string lang) { lang_ = std::move(lang); }
  const std::string& lang() const { return lang_; }

  // --- view and viewport -----------------------------------------------------------------
  void set_view(ViewMode v) {
    view_ = v;
    layout_dirty_ = true;
  }
  ViewMode view() const { return view_; }
  void set_embedded(bool on) { embedded_ = on; }
  bool embedded() const { return embedded_; }
  // The host page scrolls the article (an auto-height embed whose canvas covers only the
  // visible part of its box): no scrollbar, and the wheel and fingers are the host's.
  void set_host_scrolls(bool on) { host_scrolls_ = on; }
  bool host_scrolls() const { return host_scrolls_; }
  // CSS px and device pixel ratio, both checked by App.  A new width or ratio lays out again.
  void set_viewport(float width, float height, float dpr);
  // Room under the end of the page while the consent banner covers the bottom of the view
  // (CSS px, 0 when closed): the last lines, and the focus, can scroll up clear of it.
  void set_bottom_room(float px);
  float width() const { return width_; }
  float height() const { return height_; }
  float dpr() const { return dpr_; }

  // --- layout ----------------------------------------------------------------------------
  // The view scrolled to y (CSS px, clamped): where the visitor had scrolled the prerendered
  // HTML when the canvas takes over.  At once when the page is laid out already (the
  // standalone page lays out before its WebGL context, then takes over), else by the next
  // layout.  Layouts that follow (the map's geometry arriving changes the figure's height)
  // keep y until the view is scrolled.
  void start_at(float y);
  void mark_dirty() { layout_dirty_ = true; }
  bool dirty() const { return layout_dirty_; }
  // Lays the page out again (when the fonts are built and the width known), keeping the
  // reader's place: the same fraction of the document stays at the top.
  void relayout(const FontBook& fonts, const LayoutState& state);
  const PageLayout* layout() const { return layout_ ? &*layout_ : nullptr; }
  // The index of the target under a viewport point, or -1.
  int target_at(float x, float y) const { return layout_ ? layout_->target_at(x, y + scroller_.offset()) : -1; }

  // --- scroll ----------------------------------------------------------------------------
  Scroller& scroller() { return scroller_; }
  const Scroller& scroller() const { return scroller_; }
  float scroll() const { return scroller_.offset(); }
  // Brings the document span [top, bottom] into view, above `covered` px at the bottom (the
  // consent banner), unless it already is.
  void scroll_into_view(float top, float bottom, float covered, double now);
  // Brings the map figure into view when its map is not wholly in view (deep links, the API).
  void reveal_map(double now);
  // Brings a chip of the map's country list into view, with the map above it when both fit.
  void reveal_chip(int chip, double now);
  // A country just chosen in the list: the map, its details (beside it on a wide screen) and
  // the chip come into view together when they fit, else the chip alone.
  void reveal_selection(int chip, double now);
  // Follows a link, a footnote reference or a footnote's way back (not a country: the map's).
  Action follow(const Target& target, double now);

  // --- the scrollbar ---------------------------------------------------------------------
  ScrollbarGeometry scrollbar() const;  // its wide (hovered) geometry, for hit-testing
  // x is over the scrollbar (or just left of it), which takes the pointer.
  bool on_scrollbar(float x) const;
  // A press on the scrollbar: the thumb starts a drag, the track pages up or down.  Does
  // nothing elsewhere.
  void scrollbar_press(float x, float y);
  void thumb_drag(float y);  // the pointer moved: the thumb follows while dragged
  void thumb_release() { dragging_thumb_ = false; }
  bool dragging_thumb() const { return dragging_thumb_; }

  // --- hover (set each frame) -------------------------------------------------------------
  void set_hover(int target, bool scrollbar_hot) {
    hovered_ = target;
    scrollbar_hot_ = scrollbar_hot;
  }
  int hovered_target() const { return hovered_; }
  bool scrollbar_hot() const { return scrollbar_hot_; }  // hovered or dragged: drawn wider

 private:
  std::optional<Pack> pack_;
  std::vector<Diagnostic> errors_;
  std::string notice_title_;
  std::vector<std::string> notice_lines_;
  std::string lang_ = "fr";
  ViewMode view_ = ViewMode::page;
  bool embedded_ = false;
  bool host_scrolls_ = false;

  float width_ = 0, height_ = 0, dpr_ = 1, bottom_room_ = 0;
  std::optional<PageLayout> layout_;
  bool layout_dirty_ = true;
  float start_at_ = -1;     // < 0: none asked
  float takeover_y_ = -1;   // the takeover's scroll position, while nothing has scrolled since
  unsigned takeover_moves_ = 0;  // the scroller's moves() once the takeover's position was applied
  Scroller scroller_;

  bool dragging_thumb_ = false;
  float drag_start_y_ = 0, drag_start_offset_ = 0;
  int hovered_ = -1;
  bool scrollbar_hot_ = false;
};

}  // namespace passerelle::ui
