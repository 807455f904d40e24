// app_input.cpp — App's input events: which part each goes to (the consent widget, the map,
// the scrollbar, the page) and what a click or a key does (see app.hpp).
//
// The parts keep the state (ui/app/input_state.hpp, page_state.hpp, map_controller.hpp,
// consent_bridge.hpp); the routing between them is here, in one place: a widget over the
// page takes the pointer first, then the map, then the scrollbar, then the page's targets.
//
// Depends on: ui/app.hpp (and so the parts of ui/app/), imgui.h.
#include <cmath>

#include "ui/app.hpp"

namespace passerelle::ui {

// --- pointer --------------------------------------------------------------------------------

void App::pointer_move(float x, float y) {
  pointer_.move(ImVec2(x, y));
  map_.view().pointer_move(x, y);
  page_.thumb_drag(y);
  pacer_.wake();
}

void App::pointer_down(float x, float y) {
  pointer_.press(ImVec2(x, y));
  map_.drop_focus();  // a click puts the keyboard focus back to the document, as in a page
  if (has_page() && !consent_.covers(pointer_.pos()) && map_.view().pointer_down(x, y)) {
    pacer_.wake();  // a map drag starts
    return;
  }
  page_.scrollbar_press(x, y);
  pacer_.wake();
}

void App::pointer_up(float x, float y) {
  pointer_.move(ImVec2(x, y));
  pointer_.release();
  page_.thumb_release();
  map_.view().pointer_up();
  pacer_.wake();
}

void App::pointer_leave() {
  pointer_.leave(page_.dragging_thumb());
  map_.view().pointer_leave();
  pacer_.wake();
}

bool App::wheel(float dx, float dy, bool ctrl, float x, float y, double now) {
  (void)dx;  // the page never scrolls sideways
  pacer_.wake();
  if (!ctrl && consent_.scroll(ImVec2(x, y), dy)) return true;  // the banner's or panel's own scroll
  MapView& map = map_.view();
  const bool over_map = has_page() && !consent_.covers(ImVec2(x, y)) && map.contains(x, y);
  if (ctrl) return over_map && map.wheel(dy, true, x, y, now);
  if (over_map) map.wheel(dy, false, x, y, now);  // shows the hint; the page still scrolls
  if (!std::isfinite(dy)) return !page_.embedded();
  // Embedded, the article scrolls as a native scrolling box does: while it can move that way,
  // then the host page takes over at the edge (always, when the host scrolls the article).
  if (page_.embedded() && !page_.scroller().can_scroll(dy)) return false;
  if (page_.embedded() && page_.host_scrolls()) return false;
  page_.scroller().scroll_by(dy);
  return true;
}

// --- touch ----------------------------------------------------------------------------------

void App::touch_begin(int id, float x, float y, double t) {
  const std::size_t fingers = touches_.add(id, ImVec2(x, y));
  pacer_.wake();
  if (fingers == 1) {
    // The first finger is also ImGui's mouse, so a tap presses the banner's buttons.
    pointer_.press(ImVec2(x, y));
    if (consent_.holds_finger(ImVec2(x, y))) {  // it scrolls the widget
      touches_.set_on_widget(true);
      widget_finger_y_ = y;
    } else if (finger_scrolls_article()) {
      page_.scroller().touch_begin(y, t);  // else the browser scrolls the host
    }
    return;
  }
  // A second finger on the map turns the gesture into a map pan and pinch.
  const ImVec2 start = touches_.start();
  if (fingers == 2 && has_page() && !touches_.on_widget() && map_.view().contains(start.x, start.y)) {
    touches_.set_on_map(true);
    page_.scroller().touch_cancel();
    map_.view().touches(touches_.points(), t);
  }
}

// The standalone page's article, or a fixed-height page embed's (its canvas is the box, and
// the loader lets no finger through to the browser).  An auto-height page embed, the map and
// the consent views leave one finger to the browser, which scrolls the host page.
bool App::finger_scrolls_article() const {
  return !page_.embedded() || (page_.view() == ViewMode::page && !page_.host_scrolls());
}

float App::touch_move(int id, float x, float y, double t) {
  if (!touches_.move(id, ImVec2(x, y))) return 0.0f;
  pacer_.wake();
  if (touches_.on_map()) {
    map_.view().touches(touches_.points(), t);
    return 0.0f;
  }
  if (!touches_.is_first(id)) return 0.0f;  // only the first finger scrolls
  if (touches_.on_widget()) {
    finger_on_widget(ImVec2(x, y));
    return 0.0f;
  }
  pointer_.move(ImVec2(x, y));
  const float rest = page_.scroller().touch_move(y, t);
  show_touch_hint(ImVec2(x, y), t);
  // Past the article's edge, the rest is the host's (only embedded: the standalone page is the
  // document itself).
  return page_.embedded() ? rest : 0.0f;
}

// The finger that started on the consent banner or panel scrolls it by its move.  Once it has
// moved a little, ImGui's mouse leaves the widget: lifting the finger after a scroll presses
// no button, as a browser's scroll cancels a tap.
void App::finger_on_widget(ImVec2 p) {
  const ImVec2 start = touches_.start();
  consent_.scroll(start, widget_finger_y_ - p.y);
  widget_finger_y_ = p.y;
  if (std::hypot(p.x - start.x, p.y - start.y) > 10.0f) pointer_.move(ImVec2(-1e4f, -1e4f));
  else pointer_.move(p);
}

// One finger that started on the map scrolls the page: say how to move the map instead.
void App::show_touch_hint(ImVec2 p, double t) {
  const Pack* pack = page_.pack();
  const ImVec2 start = touches_.start();
  if (!touches_.hint_shown() && pack && pack->map && map_.view().contains(start.x, start.y) &&
      std::hypot(p.x - start.x, p.y - start.y) > 12.0f) {
    map_.view().show_hint(pack->map->labels.touch_hint, t);
    touches_.set_hint_shown();
  }
}

void App::touch_end(int id, double t) {
  if (!touches_.remove(id)) return;
  pacer_.wake();
  if (touches_.empty()) pointer_.lift();
  if (touches_.on_map()) {
    map_.view().touches(touches_.points(), t);  // fewer than two fingers ends the pinch
    if (touches_.empty()) touches_.set_on_map(false);
    return;
  }
  if (touches_.empty()) page_.scroller().touch_end(t);
}

// --- keyboard -------------------------------------------------------------------------------

void App::blur() {
  map_.drop_focus();
  pacer_.wake();
}

bool App::key(ScrollKey k, double now) {
  if (consent_.scroll_key(k)) {  // the modal panel is open: its list scrolls, never the page behind
    pacer_.wake();
    return true;
  }
  // Nothing to scroll (an embed as tall as its content): the key is the host page's.
  if (!page_.layout() || page_.scroller().max_offset() <= 0) return false;
  page_.scroller().key(k, now);
  pacer_.wake();
  return true;
}

// The Tab order: "Gérer mes cookies" (when the pack has a consent section), then the map's
// country list, then out of the canvas.  While the banner or the panel is open, Tab stays in
// it.  The list's keys never go through ImGui; the widget's are queued for it.
bool App::ui_key(UiKey k, bool down, bool shift) {
  if (!down) return keys_.release(k);
  keys_.disown(k);
  if (!consent_.open()) {
    const ChipKey::Result r = apply_chip_key(map_.key(k, shift, chip_context()), pacer_.last_time_or_zero());
    if (r == ChipKey::Result::used) keys_.own(k);
    if (r != ChipKey::Result::not_mine) {
      pacer_.wake();
      return r == ChipKey::Result::used;  // leave: the browser moves the focus on
    }
  }
  if (!consent_.wants_key(k, shift)) return false;
  keys_.push(k, shift);
  pacer_.wake();
  return true;
}

ChipKeyContext App::chip_context() const {
  ChipKeyContext c;
  const PageLayout* layout = page_.layout();
  if (has_page() && layout && layout->map) c.chips = &layout->map->chips;
  c.pointer_over_map = map_.view().contains(pointer_.pos().x, pointer_.pos().y);
  c.has_consent = consent_.active();
  c.on_manage = consent_.on_manage();
  return c;
}

// Carries out what the country list decided: ImGui's focus, the scroll, the selection.
ChipKey::Result App::apply_chip_key(const ChipKey& r, double now) {
  if (r.imgui_focus == ChipKey::Focus::release_manage) ImGui::SetWindowFocus(nullptr);
  if (r.imgui_focus == ChipKey::Focus::to_manage) ConsentBridge::focus_manage();
  if (r.reveal_chip >= 0) page_.reveal_chip(r.reveal_chip, now);
  if (r.change_selection) {
    map_select(r.select_chip >= 0 ? std::string_view(page_.layout()->map->chips[r.select_chip].id) : "", now);
    if (r.select_chip >= 0) show_selection(r.select_chip, now);
  }
  return r.result;
}

// A country chosen in the list (a click, a tap, Enter on a chip): the page is laid out with its
// details, then the map and the details come into view with the chip.  On a wide screen they
// are above the list, and the choice showed nothing but the chip's colour.
void App::show_selection(int chip, double now) {
  relayout();
  page_.reveal_selection(chip, now);
}

// --- clicks ---------------------------------------------------------------------------------

Action App::click(float x, float y, double now) {
  Action a;
  if (!page_.layout() || !has_page()) return a;
  // Over the banner: ImGui handles its buttons; only the policy link opens a tab.
  if (consent_.covers(ImVec2(x, y))) return consent_.click(ImVec2(x, y));
  if (page_.on_scrollbar(x)) return a;
  if (map_.view().click(x, y, now)) {
    const PageLayout& l = *page_.layout();
    if (map_.view().selected() != (l.map ? l.map->selected : std::string())) page_.mark_dirty();
    a.kind = Action::Kind::handled;
    pacer_.wake();
    return a;
  }
  const int t = page_.target_at(x, y);
  if (t < 0) return a;
  return act_on_target(t, now);
}

// What a click on (or an activation of) a page target does.
Action App::act_on_target(int t, double now) {
  const Target& target = page_.layout()->targets[t];
  Action a;
  if (target.kind == Target::Kind::country) {
    // A chip of the list: select it, or deselect when it was already selected.
    int chip = -1;
    if (const std::optional<MapFigure>& m = page_.layout()->map)
      for (int c = 0; c < static_cast<int>(m->chips.size()); ++c)
        if (m->chips[c].target == t) chip = c;
    const bool selecting = map_.view().selected() != target.url;
    map_select(selecting ? target.url : std::string(), now);
    if (selecting) show_selection(chip, now);
    a.kind = Action::Kind::handled;
  } else {
    a = page_.follow(target, now);
  }
  if (a.kind != Action::Kind::none) pacer_.wake();
  return a;
}

int App::cursor() const {
  if (map_.view().dragging()) return kCursorGrabbing;
  const int c = ImGui::GetCurrentContext() ? ImGui::GetMouseCursor() : 0;
  if (c == ImGuiMouseCursor_Arrow && has_page() && map_.grab_at(pointer_.pos()) && !consent_.covers(pointer_.pos()))
    return kCursorGrab;
  return c;
}

}  // namespace passerelle::ui
