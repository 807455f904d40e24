// page_view.hpp — drawing a typeset page (core/page_layout) with Dear ImGui.
//
// Pure drawing: given the layout, the scroll offset and what is hovered, it emits ImGui draw
// commands for the visible runs, rules, link underlines and the thin scrollbar.  No window
// chrome: the page is drawn on ImGui's background draw list, under any future ImGui window
// (the consent banner).
//
// Depends on: core/page_layout.hpp, ui/font_book.hpp, ui/theme.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <functional>

#include "core/page/layout.hpp"
#include "ui/font_book.hpp"
#include "ui/theme.hpp"

namespace passerelle::ui {

// Geometry of the scrollbar for a viewport; shared by drawing and hit-testing.
struct ScrollbarGeometry {
  bool visible = false;
  Rect track, thumb;
};
ScrollbarGeometry scrollbar_geometry(float viewport_w, float viewport_h, float content_h,
                                     float offset, bool wide);

struct PageDrawState {
  float scroll = 0;
  ImVec2 viewport;
  int hovered_target = -1;
  bool scrollbar_hot = false;  // hovered or dragged: drawn wider
  bool no_scrollbar = false;   // the host page scrolls the article (PageState::host_scrolls)
  // Drawn over the page's background and under its text (the map's chips and swatches).
  std::function<void(ImDrawList&)> under_text;
};

void draw_page(ImDrawList& dl, const PageLayout& layout, const FontBook& fonts, const Theme& theme,
               const PageDrawState& state);

// Whether draw_runs draws this run (its text is on screen): the fonts a frame needs are those
// of these runs (App builds their atlases first, ui/app/app_fonts.cpp).
inline bool run_on_screen(const PlacedRun& r, float scroll, float viewport_h) {
  const float top = r.y - scroll;
  return !(top > viewport_h || top + r.line_height * 1.5f < 0);
}

// Draws runs of text laid out by the core (also used by the error view).
void draw_runs(ImDrawList& dl, const std::vector<PlacedRun>& runs, const FontBook& fonts,
               const Theme& theme, float scroll, float viewport_h, int hovered_target);

}  // namespace passerelle::ui
