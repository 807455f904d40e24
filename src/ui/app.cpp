// app.cpp — state, input and frames of one page view (see app.hpp).
#include "ui/app.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "core/mirror/mirror.hpp"
#include "core/mirror/html.hpp"
#include "core/pack/visible_text.hpp"
#include "core/base/url_policy.hpp"
#include "core/base/utf8.hpp"
#include "ui/page_view.hpp"

namespace passerelle::ui {
namespace {

int tier_of(float width, float dpr) {
  const TypeScale s = type_scale_for_width(width);
  // Fonts depend on the sizes (compact / regular / large) and the device pixel ratio.
  const int size_tier = s.compact ? 0 : (s.body.size > 19.5f ? 2 : 1);
  return size_tier * 1000 + static_cast<int>(std::lround(dpr * 100));
}

}  // namespace

App::App() : theme_(default_theme()) {}

const std::vector<Diagnostic>& App::load_pack(std::string_view bytes, std::string_view file_name) {
  PackResult r = parse_pack(bytes, file_name);
  errors_ = std::move(r.errors);
  notice_title_.clear();
  notice_lines_.clear();
  consent_.reset();
  chip_focus_ = -1;
  if (r.pack) {
    pack_ = std::move(r.pack);
    lang_ = pack_->lang;
    map_.set_section(pack_->map ? &*pack_->map : nullptr, lang_);
  } else {
    map_.set_section(nullptr, lang_);
    pack_.reset();
    std::vector<std::string> lines;
    lines.push_back("Le contenu de cette page (" + std::string(file_name) +
                    ") est invalide, elle ne peut donc pas être affichée. Détail des erreurs :");
    for (const Diagnostic& d : errors_) lines.push_back(format(d));
    show_notice("Cette page n’a pas pu être affichée", std::move(lines));
  }
  fonts_need_build_ = true;  // new text may need new glyphs
  layout_dirty_ = true;
  scroller_.scroll_to(0);
  wake();
  return errors_;
}

void App::show_notice(std::string title, std::vector<std::string> paragraphs) {
  notice_title_ = std::move(title);
  notice_lines_ = std::move(paragraphs);
  fonts_need_build_ = true;
  layout_dirty_ = true;
  scroller_.scroll_to(0);
  wake();
}

void App::set_view(ViewMode v) {
  view_ = v;
  layout_dirty_ = true;
  wake();
}

void App::set_embedded(bool on) {
  embedded_ = on;
  wake();
}

float App::content_height() const {
  if (view_ == ViewMode::consent) {
    if (!consent_ || !has_page()) return 0;
    if (consent_->view() == ConsentView::panel)
      return ConsentWidget::panel_height(type_scale_for_width(width_).compact);
    return consent_extent_.y;
  }
  return layout_ ? layout_->height : 0;
}

float App::content_width() const {
  if (view_ != ViewMode::consent || !consent_ || consent_->view() != ConsentView::hidden) return 0;
  return consent_extent_.x;  // only "Gérer mes cookies": a small box in the corner
}

void App::set_viewport(float width, float height, float dpr) {
  if (!(width > 0) || !(height > 0)) return;
  if (!(dpr > 0)) dpr = 1;
  if (width != width_ || dpr != dpr_) layout_dirty_ = true;
  if (tier_of(width, dpr) != built_tier_) fonts_need_build_ = true;
  width_ = width;
  height_ = height;
  dpr_ = dpr;
  if (layout_) scroller_.set_extent(layout_->height, height_);
  wake();
}

void App::pointer_move(float x, float y) {
  mouse_ = ImVec2(x, y);
  map_.pointer_move(x, y);
  if (dragging_thumb_ && layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    const float travel = g.track.h - g.thumb.h;
    if (travel > 0) scroller_.scroll_to(drag_start_offset_ + (y - drag_start_y_) * scroller_.max_offset() / travel);
  }
  wake();
}

void App::pointer_down(float x, float y) {
  mouse_ = ImVec2(x, y);
  mouse_down_ = mouse_down_latched_ = true;
  chip_focus_ = -1;  // a click puts the keyboard focus back to the document, as in a page
  if (has_page() && !consent_widget_.covers(mouse_) && map_.pointer_down(x, y)) {
    wake();
    return;
  }
  if (layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    if (g.visible && x >= g.track.x - 4) {
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
  }
  wake();
}

void App::pointer_up(float x, float y) {
  mouse_ = ImVec2(x, y);
  mouse_down_ = false;
  dragging_thumb_ = false;
  map_.pointer_up();
  wake();
}

void App::pointer_leave() {
  mouse_ = ImVec2(-FLT_MAX, -FLT_MAX);
  if (!dragging_thumb_) mouse_down_ = false;
  map_.pointer_leave();
  wake();
}

bool App::wheel(float dx, float dy, bool ctrl, float x, float y, double now) {
  (void)dx;  // the page never scrolls sideways
  wake();
  const bool over_map = has_page() && !consent_widget_.covers(ImVec2(x, y)) && map_.contains(x, y);
  if (ctrl) return over_map && map_.wheel(dy, true, x, y, now);
  if (over_map) map_.wheel(dy, false, x, y, now);  // shows the hint; the page still scrolls
  if (embedded_) return false;                     // the host page scrolls
  if (std::isfinite(dy)) scroller_.scroll_by(dy);
  return true;
}

void App::touch_begin(int id, float x, float y, double t) {
  touches_[id] = ImVec2(x, y);
  wake();
  if (touches_.size() == 1) {
    // The first finger is also ImGui's mouse, so a tap presses the banner's buttons.
    mouse_ = ImVec2(x, y);
    mouse_down_ = mouse_down_latched_ = true;
    touch_on_map_ = false;
    touch_hint_shown_ = false;
    touch_start_ = ImVec2(x, y);
    if (!embedded_) scroller_.touch_begin(y, t);  // embedded: the browser scrolls the host
    return;
  }
  // A second finger on the map turns the gesture into a map pan and pinch.
  if (touches_.size() == 2 && has_page() && map_.contains(touch_start_.x, touch_start_.y)) {
    touch_on_map_ = true;
    scroller_.touch_cancel();
    std::vector<ImVec2> pts;
    for (const auto& [_, p] : touches_) pts.push_back(p);
    map_.touches(pts, t);
  }
}

void App::touch_move(int id, float x, float y, double t) {
  auto it = touches_.find(id);
  if (it == touches_.end()) return;
  it->second = ImVec2(x, y);
  wake();
  if (touch_on_map_) {
    std::vector<ImVec2> pts;
    for (const auto& [_, p] : touches_) pts.push_back(p);
    map_.touches(pts, t);
    return;
  }
  if (touches_.begin()->first != id) return;  // only the first finger scrolls
  mouse_ = ImVec2(x, y);
  scroller_.touch_move(y, t);
  // One finger that started on the map scrolls the page: say how to move the map instead.
  if (!touch_hint_shown_ && pack_ && pack_->map && map_.contains(touch_start_.x, touch_start_.y) &&
      std::hypot(x - touch_start_.x, y - touch_start_.y) > 12.0f) {
    map_.show_hint(pack_->map->labels.touch_hint, t);
    touch_hint_shown_ = true;
  }
}

void App::touch_end(int id, double t) {
  if (touches_.erase(id) == 0) return;
  wake();
  if (touches_.empty()) mouse_down_ = false;
  if (touch_on_map_) {
    std::vector<ImVec2> pts;
    for (const auto& [_, p] : touches_) pts.push_back(p);
    map_.touches(pts, t);  // fewer than two fingers ends the pinch
    if (touches_.empty()) touch_on_map_ = false;
    return;
  }
  if (touches_.empty()) scroller_.touch_end(t);
}

void App::blur() {
  chip_focus_ = -1;
  wake();
}

int App::cursor() const {
  if (map_.dragging()) return kCursorGrabbing;
  const int c = ImGui::GetCurrentContext() ? ImGui::GetMouseCursor() : 0;
  if (c == ImGuiMouseCursor_Arrow && has_page() && map_.ready() && map_.contains(mouse_.x, mouse_.y) &&
      map_.button_at(mouse_.x, mouse_.y) == MapButton::none && map_.hovered_country() < 0 &&
      !consent_widget_.covers(mouse_))
    return kCursorGrab;
  return c;
}

std::string App::map_geometry_url() const {
  return pack_ && pack_->map ? pack_->map->geometry : std::string();
}

const std::vector<Diagnostic>& App::load_map_geometry(std::string_view bytes, std::string_view file_name) {
  MapGeometryResult r = parse_map_geometry(bytes, file_name);
  map_errors_ = std::move(r.errors);
  if (r.geometry) {
    // Names shown on hover need their glyphs; rebuild the atlas only if one is outside the
    // Latin-1 range every atlas already has.
    std::string names;
    for (const MapCountry& c : r.geometry->countries) names += c.name(lang_);
    for (std::size_t i = 0; i < names.size();) {
      if (decode_utf8(names, i) > 0xFF) {
        fonts_need_build_ = true;
        break;
      }
    }
    map_names_ = std::move(names);
    map_.set_geometry(std::make_shared<const MapGeometry>(std::move(*r.geometry)));
  } else {
    map_.set_error("La carte n’a pas pu être affichée : " +
                   (map_errors_.empty() ? std::string("fichier invalide") : format(map_errors_.front())));
  }
  layout_dirty_ = true;  // the map's proportions come from its geometry
  wake();
  return map_errors_;
}

void App::map_unavailable(std::string message) {
  map_.set_error(std::move(message));
  wake();
}

bool App::map_select(std::string_view iso, double now, bool reveal) {
  if (!pack_ || !pack_->map) return false;
  const bool ok = map_.select(iso, now, true);
  if (!ok) return false;
  layout_dirty_ = true;
  wake();
  if (reveal) {
    if (layout_dirty_) relayout();
    if (layout_ && layout_->map) {
      const Rect& m = layout_->map->map;
      const float top = scroller_.offset();
      if (m.y < top || m.y + m.h > top + height_) scroller_.animate_to(layout_->map->box.y - 16, now);
    }
  }
  return true;
}

bool App::start_consent(const ConsentStart& s) {
  if (!pack_ || !pack_->consent) return false;
  consent_.emplace(*pack_->consent);
  consent_->start(s);
  if (!s.lang.empty()) lang_ = s.lang;
  wake(4);  // the banner is an auto-sized ImGui window: it shows on its second frame
  return true;
}

void App::consent_show() {
  if (!consent_) return;
  consent_widget_.show_withdrawn_notice(false);
  consent_->open_panel();
  wake(4);
}

std::optional<ConsentOutcome> App::consent_grant(std::string_view purpose) {
  if (!consent_ || !consent_->config().purpose(purpose)) return std::nullopt;
  consent_->open_panel();  // start from the current choices, then add this one
  consent_->set_pending(purpose, true);
  ConsentOutcome o = consent_->save(wall_clock_, new_id_ ? new_id_() : std::string(32, '0'));
  consent_outcomes_.push_back(o);
  wake();
  return o;
}

std::vector<ConsentOutcome> App::take_consent_outcomes() {
  std::vector<ConsentOutcome> out;
  out.swap(consent_outcomes_);
  return out;
}

bool App::ui_key(UiKey k, bool down, bool shift) {
  const int i = static_cast<int>(k);
  if (!down) {
    const bool owned = key_owned_[i];
    key_owned_[i] = false;
    return owned;
  }
  key_owned_[i] = false;
  const double now = last_frame_time_ < 0 ? 0 : last_frame_time_;
  // The map's country list comes after "Gérer mes cookies" in the Tab order (and first when
  // the pack has no consent section).  Its keys never go through ImGui.
  if (!consent_open()) {
    const MapKey mk = map_key(k, shift, now);
    if (mk == MapKey::used) {
      key_owned_[i] = true;
      wake();
      return true;
    }
    if (mk == MapKey::leave) {
      wake();
      return false;  // the browser moves the focus on
    }
  }
  // Widgets take keys only while they are shown.  When the consent banner is hidden, the
  // first Tab lands on "Gérer mes cookies"; the next one goes to the map's country list (or
  // leaves the canvas, browser default, when there is none).
  if (!consent_) return false;
  // Focus is in the banner (it focuses its first choice when it opens).
  const bool focused = ImGui::GetCurrentContext() && ImGui::GetIO().NavActive;
  if (!consent_open()) {
    // Hidden banner: only "Gérer mes cookies" is left.  It has the focus when the keyboard
    // put it there (a mouse click elsewhere leaves ImGui's window focused, not the button).
    const bool on_manage = consent_widget_.has_keyboard_focus();
    if (k == UiKey::tab && !shift && !on_manage) {
      ImGui::SetWindowFocus("##consent-manage");
    } else if (!on_manage || k == UiKey::tab) {
      return false;
    }
  } else {
    if (k == UiKey::activate && !focused && consent_->view() == ConsentView::banner) return false;
    // The banner does not block reading: arrows keep scrolling the page (buttons do not use
    // arrows; Tab moves between them).  Only the modal panel takes them.
    const bool arrow = k == UiKey::left || k == UiKey::right || k == UiKey::up || k == UiKey::down;
    if (arrow && consent_->view() != ConsentView::panel) return false;
  }
  key_queue_.push_back({i, shift});
  key_owned_[i] = true;
  wake();
  return true;
}

// The country list as one composite widget (like a toolbar): Tab enters it on the selected
// country (or the first), arrows move, Enter or Space selects, Escape deselects, Tab leaves.
App::MapKey App::map_key(UiKey k, bool shift, double now) {
  if (!has_page() || !layout_ || !layout_->map || layout_->map->chips.empty()) return MapKey::not_mine;
  const std::vector<MapChip>& chips = layout_->map->chips;
  const int n = static_cast<int>(chips.size());
  if (chip_focus_ < 0) {
    if (k == UiKey::escape && !map_.selected().empty() && map_.contains(mouse_.x, mouse_.y)) {
      map_select("", now);
      return MapKey::used;
    }
    if (k != UiKey::tab || shift) return MapKey::not_mine;
    // Forward Tab: from "Gérer mes cookies" (or from outside when there is no banner) into
    // the list.  The first Tab of all still goes to "Gérer mes cookies" when it exists.
    const bool on_manage = consent_ && consent_widget_.has_keyboard_focus();
    if (consent_ && !on_manage) return MapKey::not_mine;
    if (on_manage) ImGui::SetWindowFocus(nullptr);
    int start = 0;
    for (int c = 0; c < n; ++c)
      if (chips[c].id == map_.selected()) start = c;
    focus_chip(start, now);
    return MapKey::used;
  }
  switch (k) {
    case UiKey::tab:
      chip_focus_ = -1;
      if (shift && consent_) {
        ImGui::SetWindowFocus("##consent-manage");
        return MapKey::used;
      }
      return MapKey::leave;  // out of the canvas, to the next element of the host page
    case UiKey::left:
    case UiKey::up: focus_chip(std::max(0, chip_focus_ - 1), now); return MapKey::used;
    case UiKey::right:
    case UiKey::down: focus_chip(std::min(n - 1, chip_focus_ + 1), now); return MapKey::used;
    case UiKey::activate: map_select(chips[chip_focus_].id, now); return MapKey::used;
    case UiKey::escape:
      if (map_.selected().empty()) return MapKey::not_mine;
      map_select("", now);
      return MapKey::used;
  }
  return MapKey::not_mine;
}

void App::focus_chip(int i, double now) {
  chip_focus_ = i;
  if (!layout_ || !layout_->map || i < 0 || i >= static_cast<int>(layout_->map->chips.size())) return;
  // Bring the chip, and the map above it, into view.
  const Rect& r = layout_->map->chips[i].rect;
  const float top = scroller_.offset(), bottom = top + height_;
  if (r.y < top + 16 || r.y + r.h > bottom - 16) {
    const float map_top = layout_->map->map.y;
    const float target = (r.y + r.h - map_top <= height_ * 0.9f) ? map_top - 16 : r.y - height_ * 0.5f;
    scroller_.animate_to(target, now);
  }
}

bool App::key(ScrollKey k, double now) {
  // Nothing to scroll (an embed as tall as its content): the key is the host page's.
  if (!layout_ || scroller_.max_offset() <= 0) return false;
  scroller_.key(k, now);
  wake();
  return true;
}

Action App::click(float x, float y, double now) {
  Action a;
  if (!layout_ || !has_page()) return a;
  if (consent_widget_.covers(ImVec2(x, y))) {
    // Over the banner: ImGui handles its buttons; only the policy link opens a tab.
    if (consent_ && consent_widget_.policy_link_at(ImVec2(x, y)) && is_safe_link_url(consent_->config().policy_url)) {
      a.kind = Action::Kind::open_url;
      a.url = consent_->config().policy_url;
    }
    return a;
  }
  const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
  if (g.visible && x >= g.track.x - 4) return a;
  if (map_.click(x, y, now)) {
    if (map_.selected() != (layout_->map ? layout_->map->selected : std::string())) layout_dirty_ = true;
    a.kind = Action::Kind::handled;
    wake();
    return a;
  }
  const int t = layout_->target_at(x, y + scroller_.offset());
  if (t < 0) return a;
  return act_on_target(t, now);
}

Action App::act_on_target(int t, double now) {
  Action a;
  const Target& target = layout_->targets[t];
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
    case Target::Kind::country:
      // A chip of the list: select it, or deselect when it was already selected.
      map_select(map_.selected() == target.url ? std::string() : target.url, now);
      a.kind = Action::Kind::handled;
      break;
  }
  wake();
  return a;
}

// --- the semantic mirror ------------------------------------------------------------------

namespace {
// "t12" → 12; -1 for anything else.
int target_of_key(std::string_view key) {
  if (key.size() < 2 || key[0] != 't' || key.size() > 6) return -1;
  int n = 0;
  for (char c : key.substr(1)) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}
constexpr std::string_view kConsentPrefix = "consent:";
int map_button_of_key(std::string_view key) {
  if (key == "map:zoom_in") return 0;
  if (key == "map:zoom_out") return 1;
  if (key == "map:reset") return 2;
  return -1;
}
}  // namespace

std::vector<Rect> App::key_rects(std::string_view key) const {
  std::vector<Rect> out;
  if (!has_page() || !layout_) return out;
  if (key.substr(0, kConsentPrefix.size()) == kConsentPrefix) {
    if (auto r = consent_widget_.key_rect(key.substr(kConsentPrefix.size()))) out.push_back(*r);
    return out;
  }
  if (const int b = map_button_of_key(key); b >= 0) {
    if (map_.ready()) out.push_back(map_.control_rects()[b]);
    return out;
  }
  const int t = target_of_key(key);
  if (t < 0 || t >= static_cast<int>(layout_->targets.size())) return out;
  for (Rect r : layout_->targets[t].rects) {
    r.y -= scroller_.offset();
    out.push_back(r);
  }
  return out;
}

void App::focus_key(std::string key, double now) {
  if (key == focus_key_) return;
  focus_key_ = std::move(key);
  wake();
  if (!layout_ || focus_key_.empty()) return;
  // Bring the item into view, above the consent banner when it is open.
  const int t = target_of_key(focus_key_);
  float top = -1, bottom = -1;
  if (t >= 0 && t < static_cast<int>(layout_->targets.size()) && !layout_->targets[t].rects.empty()) {
    top = layout_->targets[t].rects.front().y;
    bottom = layout_->targets[t].rects.back().y + layout_->targets[t].rects.back().h;
  } else if (map_button_of_key(focus_key_) >= 0 && layout_->map) {
    top = layout_->map->map.y;
    bottom = top + std::min(layout_->map->map.h, 160.0f);
  }
  if (top < 0) return;
  const float covered = consent_open() ? consent_extent_.y : 0.0f;
  const float view_top = scroller_.offset() + 16, view_bottom = scroller_.offset() + height_ - covered - 16;
  if (top < view_top || bottom > view_bottom) scroller_.animate_to(top - (height_ - covered) * 0.3f, now);
}

Action App::activate(std::string_view key, double now) {
  Action a;
  if (!has_page()) return a;
  // Consent choices need no layout: one made on the prerendered banner arrives before the
  // first frame.
  if (key.substr(0, kConsentPrefix.size()) == kConsentPrefix) {
    if (!consent_) return a;
    consent_widget_.press(std::string(key.substr(kConsentPrefix.size())));
    a.kind = Action::Kind::handled;
    wake(4);
    return a;
  }
  if (!layout_) return a;
  if (key == "map:deselect") {  // Escape on the map's controls or countries
    if (map_.selected().empty()) return a;
    map_select("", now);
    a.kind = Action::Kind::handled;
    return a;
  }
  if (const int b = map_button_of_key(key); b >= 0) {
    if (!map_.ready()) return a;
    map_.press_button(static_cast<MapButton>(b + 1), now);
    a.kind = Action::Kind::handled;
    wake();
    return a;
  }
  const int t = target_of_key(key);
  if (t < 0 || t >= static_cast<int>(layout_->targets.size())) return a;
  return act_on_target(t, now);
}

void App::update_mirror() {
  // What the mirror shows depends on this, and on nothing else that changes after loading.
  std::string sig = std::to_string(static_cast<int>(view_)) + lang_ + "|" + map_.selected() + "|" +
                    (has_page() ? "p" : "n") + std::to_string(errors_.size());
  if (consent_) {
    sig += "|" + std::to_string(static_cast<int>(consent_->view())) + (consent_widget_.withdrawn_notice() ? "w" : "");
    sig += consent_->storage_available() ? "s" : "-";
    for (const ConsentPurpose& p : consent_->config().purposes) sig += consent_->pending(p.id) ? '1' : '0';
  }
  if (sig == mirror_signature_) return;
  mirror_signature_ = std::move(sig);
  mirror_html_[0].clear();
  mirror_html_[1].clear();
  if (has_page()) {
    if (consent_ && view_ != ViewMode::map)
      mirror_html_[0] = render_html(mirror_consent(consent_->config(), lang_,
                                                   consent_mirror_state(*consent_, consent_widget_.withdrawn_notice())));
    if (view_ != ViewMode::consent) {
      MirrorState ms;
      ms.map_selected = map_.selected();
      ms.map_only = view_ == ViewMode::map;
      mirror_html_[1] = render_html(mirror_page(*pack_, ms));
    }
  }
  ++mirror_version_;
}

void App::draw_focus_ring() {
  if (focus_key_.empty()) return;
  ImDrawList& dl = *ImGui::GetForegroundDrawList();
  const ImU32 ring = to_imgui(theme_.heading), halo = to_imgui(theme_.background);
  for (const Rect& r : key_rects(focus_key_)) {
    const ImVec2 a(r.x - 3, r.y - 2), b(r.x + r.w + 3, r.y + r.h + 2);
    dl.AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), halo, 5.0f, 0, 5.0f);
    dl.AddRect(a, b, ring, 4.0f, 0, 2.5f);
  }
}

MapView::Style App::map_style() const {
  MapView::Style st;
  st.fonts = &fonts_;
  st.scale = layout_ ? layout_->scale : type_scale_for_width(width_);
  st.theme = &theme_;
  return st;
}

std::string App::glyph_text() const {
  std::string s = notice_title_;
  for (const std::string& l : notice_lines_) s += l;
  if (pack_) s += visible_text(*pack_);
  s += map_names_;
  s += "\u00D7";  // the banner's close mark
  return s;
}

bool App::update_fonts() {
  if (!fonts_need_build_ || width_ <= 0 || !fonts_.has_all_faces()) return false;
  ImGuiIO& io = ImGui::GetIO();
  const TypeScale scale = type_scale_for_width(width_);
  if (!fonts_.build(*io.Fonts, scale.all(), dpr_, glyph_text())) return false;
  io.FontDefault = fonts_.font(scale.ui);
  // Fonts are rasterised at device pixels; ImGui's widgets lay out in CSS pixels.
  io.FontGlobalScale = 1.0f / dpr_;
  built_tier_ = tier_of(width_, dpr_);
  fonts_need_build_ = false;
  layout_dirty_ = true;
  return true;
}

void App::relayout() {
  if (!fonts_.built() || width_ <= 0) return;
  const float old_height = layout_ ? layout_->height : 0;
  const float old_offset = scroller_.offset();
  if (!notice_title_.empty()) {
    layout_ = layout_notice(notice_title_, notice_lines_, width_, fonts_);
  } else if (pack_) {
    LayoutState state;
    state.map_selected = map_.selected();
    state.map_aspect = map_.aspect();
    if (view_ == ViewMode::map) layout_ = layout_map_figure(*pack_, width_, fonts_, state);
    else if (view_ == ViewMode::consent) {
      layout_ = PageLayout{};  // nothing but the widget, at the page's type scale
      layout_->viewport_width = width_;
      layout_->scale = type_scale_for_width(width_);
    }
    else layout_ = layout_page(*pack_, width_, fonts_, state);
  } else {
    return;
  }
  scroller_.set_extent(layout_->height, height_);
  // Keep the reader's place: the same fraction of the document stays at the top.
  if (old_height > 0 && old_offset > 0) scroller_.scroll_to(old_offset / old_height * layout_->height);
  layout_dirty_ = false;
}

bool App::frame(double now) {
  ImGuiIO& io = ImGui::GetIO();
  const double dt = last_frame_time_ < 0 ? 1.0 / 60 : now - last_frame_time_;
  last_frame_time_ = now;
  io.DeltaTime = static_cast<float>(std::clamp(dt, 1e-4, 0.25));  // ImGui asserts on dt <= 0
  io.DisplaySize = ImVec2(std::max(width_, 1.0f), std::max(height_, 1.0f));
  io.DisplayFramebufferScale = ImVec2(dpr_, dpr_);
  io.MousePos = mouse_;
  io.MouseDown[0] = mouse_down_ || mouse_down_latched_;  // a quick click still lasts a frame
  mouse_down_latched_ = false;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  const ImGuiKey map[kUiKeyCount] = {ImGuiKey_Tab, ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                                     ImGuiKey_DownArrow, ImGuiKey_Space, ImGuiKey_Escape};
  for (int i = 0; i < kUiKeyCount; ++i) {
    io.KeyMap[map[i]] = i;
    io.KeysDown[i] = false;
  }
  if (!key_queue_.empty()) {
    io.KeyShift = key_queue_.front().shift;
    if (!key_held_) {
      io.KeysDown[key_queue_.front().key] = true;
      key_held_ = true;
    } else {
      key_queue_.pop_front();  // released this frame
      key_held_ = false;
    }
  } else {
    io.KeyShift = false;
  }

  if (layout_ && layout_->map && layout_->map->selected != map_.selected()) layout_dirty_ = true;
  if (layout_dirty_) relayout();
  bool moving = scroller_.step(now);

  ImGui::NewFrame();
  hovered_ = -1;
  scrollbar_hot_ = dragging_thumb_;
  if (layout_) {
    const ScrollbarGeometry g = scrollbar_geometry(width_, height_, layout_->height, scroller_.offset(), true);
    const bool over_bar = g.visible && mouse_.x >= g.track.x - 4 && mouse_.x <= width_;
    scrollbar_hot_ = scrollbar_hot_ || over_bar;
    const bool over_widget = io.WantCaptureMouse || consent_widget_.covers(mouse_);
    const bool show_map = has_page() && layout_->map.has_value();
    if (show_map) {
      const Rect& m = layout_->map->map;
      map_.set_box(Rect{m.x, m.y - scroller_.offset(), m.w, m.h});
      moving = map_.step(now) || moving;
    }
    const bool over_map = show_map && map_.contains(mouse_.x, mouse_.y);
    if (!over_bar && !scroller_.touching() && !over_widget && has_page() && !over_map)
      hovered_ = layout_->target_at(mouse_.x, mouse_.y + scroller_.offset());
    const bool map_hand = over_map && !over_widget &&
                          (map_.hovered_country() >= 0 || map_.button_at(mouse_.x, mouse_.y) != MapButton::none);
    ImGui::SetMouseCursor(hovered_ >= 0 || map_hand ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_Arrow);

    PageDrawState st;
    if (show_map)
      st.under_text = [&](ImDrawList& dl) {
        map_.draw_figure(dl, *layout_->map, scroller_.offset(), hovered_, chip_focus_, map_style());
      };
    st.scroll = scroller_.offset();
    st.viewport = io.DisplaySize;
    st.hovered_target = hovered_;
    st.scrollbar_hot = scrollbar_hot_;
    if (view_ != ViewMode::consent) draw_page(*ImGui::GetBackgroundDrawList(), *layout_, fonts_, theme_, st);
    if (show_map && map_.box().y < height_ && map_.box().y + map_.box().h > 0)
      map_.draw(*ImGui::GetBackgroundDrawList(), map_style(), now);
    if (consent_ && has_page()) {
      ConsentFrame cf;
      cf.manager = &*consent_;
      cf.lang = lang_;
      cf.fonts = &fonts_;
      cf.scale = layout_->scale;
      cf.viewport = io.DisplaySize;
      cf.now_unix = wall_clock_;
      cf.new_id = new_id_ ? new_id_ : [] { return std::string(32, '0'); };
      cf.own_viewport = view_ == ViewMode::consent;
      if (auto o = consent_widget_.draw(cf)) {
        if (o->reload_suggested) consent_widget_.show_withdrawn_notice(true);
        consent_outcomes_.push_back(std::move(*o));
        wake(4);
      }
      consent_extent_ = consent_widget_.extent(io.DisplaySize);
    }
    draw_focus_ring();
  }
  ImGui::Render();
  update_mirror();
  ++frames_;

  if (wake_frames_ > 0) --wake_frames_;
  return moving || dragging_thumb_ || wake_frames_ > 0 || layout_dirty_ || !key_queue_.empty();
}

}  // namespace passerelle::ui
