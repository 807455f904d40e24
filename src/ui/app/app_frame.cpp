// app_frame.cpp — one frame of App: ImGui's input, the layout, what the pointer
// hovers, and the drawing of the page, the map, the consent widget and the focus ring (see
// app.hpp).
//
// The order matters and is ImGui's: input is set before NewFrame(); the page and the map
// are drawn on the background list (under any window), the consent widget as ImGui windows,
// the focus ring on the foreground list; the mirror is brought up to date after Render().
//
// Depends on: ui/app.hpp (and so the parts of ui/app/), ui/page_view.hpp, imgui.h.
#include <algorithm>

#include "ui/app.hpp"
#include "ui/page_view.hpp"

namespace passerelle::ui {

bool App::frame(double now) {
  ImGuiIO& io = ImGui::GetIO();
  feed_imgui(io, now);
  const PageLayout* laid = page_.layout();
  if (laid && laid->map && laid->map->selected != map_.view().selected()) page_.mark_dirty();
  if (page_.dirty()) relayout();
  page_.set_bottom_room(consent_.covered_height());  // the banner's height (last frame's), 0 when closed
  bool moving = page_.scroller().step(now);
  // Never text without its glyphs: the atlases this frame draws are built first (rarely any:
  // a scroll or a resize that outran the slices after the first frame).
  if (!fonts_.ensure(io, fonts_drawn(), atlas_built_)) return false;

  ImGui::NewFrame();
  page_.set_hover(-1, page_.dragging_thumb());
  if (page_.layout()) moving = draw_view(io, now) || moving;
  ImGui::Render();
  update_mirror();
  return pacer_.end(moving || page_.dragging_thumb() || page_.dirty() || keys_.pending());
}

// ImGui's input for this frame: time, display, the pointer and the widget keys.
void App::feed_imgui(ImGuiIO& io, double now) {
  io.DeltaTime = pacer_.begin(now);
  io.DisplaySize = ImVec2(std::max(page_.width(), 1.0f), std::max(page_.height(), 1.0f));
  io.DisplayFramebufferScale = ImVec2(page_.dpr(), page_.dpr());
  pointer_.feed(io);
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  keys_.feed(io);
}

// Everything drawn over a layout.  Returns true while the map still moves.
bool App::draw_view(const ImGuiIO& io, double now) {
  const bool show_map = has_page() && page_.layout()->map.has_value();
  bool moving = false;
  if (show_map) {
    const Rect& m = page_.layout()->map->map;
    map_.view().set_box(Rect{m.x, m.y - page_.scroll(), m.w, m.h});
    moving = map_.view().step(now);
  }
  update_hover(io, show_map);
  draw_page_and_map(io, show_map, now);
  if (consent_.active() && has_page() &&
      consent_.draw(fonts_.book(), page_.layout()->scale, io.DisplaySize, page_.lang(),
                    page_.view() == ViewMode::consent, *theme_))
    pacer_.wake(4);
  if (consent_.widget().settling()) pacer_.wake(2);
  draw_focus_ring();
  return moving;
}

// The target under the pointer (none over the scrollbar, a widget, the map or while a
// finger scrolls), the scrollbar's hover, and the cursor.  Widgets are those of the last
// frame: this frame's are drawn after the page.
void App::update_hover(const ImGuiIO& io, bool show_map) {
  const ImVec2 mouse = pointer_.pos();
  const bool over_bar = page_.on_scrollbar(mouse.x) && mouse.x <= page_.width();
  const bool over_widget = io.WantCaptureMouse || consent_.covers(mouse);
  const bool over_map = show_map && map_.view().contains(mouse.x, mouse.y);
  int hovered = -1;
  if (!over_bar && !page_.scroller().touching() && !over_widget && has_page() && !over_map)
    hovered = page_.target_at(mouse.x, mouse.y);
  page_.set_hover(hovered, page_.scrollbar_hot() || over_bar);
  const MapView& map = map_.view();
  const bool map_hand = over_map && !over_widget &&
                        (map.hovered_country() >= 0 || map.button_at(mouse.x, mouse.y) != MapButton::none);
  ImGui::SetMouseCursor(hovered >= 0 || map_hand ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_Arrow);
}

// The page (none in the consent view) with the map figure's swatches and chips under its
// text, then the map itself when it is on screen.
void App::draw_page_and_map(const ImGuiIO& io, bool show_map, double now) {
  const PageLayout& layout = *page_.layout();
  const MapView& map = map_.view();
  MapView::Style style;
  style.fonts = &fonts_.book();
  style.scale = layout.scale;
  style.theme = theme_;
  PageDrawState st;
  if (show_map)
    st.under_text = [&](ImDrawList& dl) {
      map.draw_figure(dl, *layout.map, page_.scroll(), page_.hovered_target(), map_.focused_chip(), style);
    };
  st.scroll = page_.scroll();
  st.viewport = io.DisplaySize;
  st.hovered_target = page_.hovered_target();
  st.scrollbar_hot = page_.scrollbar_hot();
  st.no_scrollbar = page_.host_scrolls();
  if (page_.view() != ViewMode::consent) draw_page(*ImGui::GetBackgroundDrawList(), layout, fonts_.book(), *theme_, st);
  if (show_map && map.box().y < page_.height() && map.box().y + map.box().h > 0)
    map.draw(*ImGui::GetBackgroundDrawList(), style, now);
}

}  // namespace passerelle::ui
