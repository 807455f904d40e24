// app_mirror.cpp — App and the semantic mirror: where a mirror key's item is drawn, focusing
// it (a ring on the canvas, scrolled into view) and activating it (what a click on the item
// does), and keeping the mirror's HTML in step with what the canvas shows (see app.hpp and
// ui/app/mirror_focus.hpp).
//
// Depends on: ui/app.hpp (and so the parts of ui/app/), core/mirror (the page's HTML), imgui.h.
#include <algorithm>

#include "core/mirror/html.hpp"
#include "core/mirror/mirror.hpp"
#include "ui/app.hpp"

namespace passerelle::ui {

std::vector<Rect> App::key_rects(std::string_view key) const {
  std::vector<Rect> out;
  const PageLayout* layout = page_.layout();
  if (!has_page() || !layout) return out;
  const MirrorKey k = parse_mirror_key(key);
  switch (k.kind) {
    case MirrorKey::Kind::consent:
      if (auto r = consent_.key_rect(k.widget)) out.push_back(*r);
      break;
    case MirrorKey::Kind::map_button:
      if (map_.view().ready()) out.push_back(map_.view().control_rects()[k.index]);
      break;
    case MirrorKey::Kind::target:
      if (k.index >= static_cast<int>(layout->targets.size())) break;
      for (Rect r : layout->targets[k.index].rects) {
        r.y -= page_.scroll();
        out.push_back(r);
      }
      break;
    case MirrorKey::Kind::map_deselect:
    case MirrorKey::Kind::none: break;
  }
  return out;
}

void App::focus_key(std::string key, double now) {
  if (!mirror_.set_focus(std::move(key))) return;
  pacer_.wake();
  scroll_focus_into_view(now);
}

// Brings the focused item into view, above the consent banner when it is open.
void App::scroll_focus_into_view(double now) {
  const PageLayout* layout = page_.layout();
  if (!layout || mirror_.focus().empty()) return;
  const MirrorKey k = parse_mirror_key(mirror_.focus());
  if (k.kind == MirrorKey::Kind::consent) {  // inside the banner or panel, which scrolls on its own
    consent_.reveal(std::string(k.widget));
    return;
  }
  float top = -1, bottom = -1;
  if (k.kind == MirrorKey::Kind::target && k.index < static_cast<int>(layout->targets.size()) &&
      !layout->targets[k.index].rects.empty()) {
    const std::vector<Rect>& rects = layout->targets[k.index].rects;
    top = rects.front().y;
    bottom = rects.back().y + rects.back().h;
  } else if (k.kind == MirrorKey::Kind::map_button && layout->map) {
    top = layout->map->map.y;
    bottom = top + std::min(layout->map->map.h, 160.0f);
  }
  if (top < 0) return;
  page_.scroll_into_view(top, bottom, consent_.covered_height(), now);
}

Action App::activate(std::string_view key, double now) {
  Action a;
  if (!has_page()) return a;
  const MirrorKey k = parse_mirror_key(key);
  // Consent choices need no layout: one made on the prerendered banner arrives before the
  // first frame.
  if (k.kind == MirrorKey::Kind::consent) {
    if (!consent_.press(k.widget)) return a;
    a.kind = Action::Kind::handled;
    pacer_.wake(4);
    return a;
  }
  const PageLayout* layout = page_.layout();
  if (!layout) return a;
  if (k.kind == MirrorKey::Kind::map_deselect) {  // Escape on the map's controls or countries
    if (map_.view().selected().empty()) return a;
    map_select("", now);
    a.kind = Action::Kind::handled;
  } else if (k.kind == MirrorKey::Kind::map_button) {
    if (!map_.view().ready()) return a;
    map_.view().press_button(static_cast<MapButton>(k.index + 1), now);
    a.kind = Action::Kind::handled;
    pacer_.wake();
  } else if (k.kind == MirrorKey::Kind::target && k.index < static_cast<int>(layout->targets.size())) {
    return act_on_target(k.index, now);
  }
  return a;
}

// What the mirror shows depends on this, and on nothing else that changes after loading.
std::string App::mirror_signature() const {
  std::string sig = std::to_string(static_cast<int>(page_.view())) + page_.lang() + "|" + map_.view().selected() +
                    "|" + (has_page() ? "p" : "n") + std::to_string(page_.errors().size());
  consent_.add_mirror_signature(sig);
  return sig;
}

void App::update_mirror() {
  if (!mirror_.begin_rebuild(mirror_signature()) || !has_page()) return;
  if (consent_.active() && page_.view() != ViewMode::map)
    mirror_.set_html(MirrorFocus::consent_part, consent_.mirror_html(page_.lang()));
  if (page_.view() != ViewMode::consent) {
    MirrorState ms;
    ms.map_selected = map_.view().selected();
    ms.map_only = page_.view() == ViewMode::map;
    mirror_.set_html(MirrorFocus::page_part, render_html(mirror_page(*page_.pack(), ms)));
  }
}

void App::draw_focus_ring() {
  if (mirror_.focus().empty()) return;
  MirrorFocus::draw_ring(*ImGui::GetForegroundDrawList(), key_rects(mirror_.focus()), *theme_);
}

}  // namespace passerelle::ui
