// app.cpp — App's content, embedding, map and consent calls, and the layout they change (see
// app.hpp; input is in ui/app/app_input.cpp, frames in ui/app/app_frame.cpp, the mirror in
// ui/app/app_mirror.cpp).
//
// Depends on: ui/app.hpp (and so the parts of ui/app/).
#include <cmath>

#include "ui/app.hpp"

namespace passerelle::ui {

App::App() : theme_(&default_theme()) {}

void App::set_scheme(design::Scheme scheme) {
  if (theme_->scheme == scheme) return;
  theme_ = &theme_for(scheme);
  pacer_.wake();
}

// --- content ------------------------------------------------------------------------------

const std::vector<Diagnostic>& App::load_pack(std::string_view bytes, std::string_view file_name) {
  page_.load(parse_pack(bytes, file_name), file_name);  // a notice when it is invalid
  consent_.reset();
  const Pack* pack = page_.pack();
  map_.set_section(pack && pack->map ? &*pack->map : nullptr, page_.lang());
  fonts_.text_changed();  // new text may need new glyphs
  pacer_.wake();
  return page_.errors();
}

void App::show_notice(std::string title, std::vector<std::string> paragraphs) {
  page_.show_notice(std::move(title), std::move(paragraphs));
  fonts_.text_changed();
  pacer_.wake();
}

// The notice, the page, the map's country names or its error (the banner's close mark and
// the other marks our code draws are in every atlas: FontBook's kBaseGlyphs).
std::string App::glyph_text() const {
  std::string s = page_.text();
  s += map_.names();
  s += map_.view().error();
  return s;
}

LayoutState App::layout_state() const {
  LayoutState state;
  state.map_selected = map_.view().selected();
  state.map_aspect = map_.view().aspect();
  return state;
}

void App::relayout() { page_.relayout(fonts_.book(), layout_state()); }

// --- embedding ------------------------------------------------------------------------------

void App::set_view(ViewMode v) {
  page_.set_view(v);
  pacer_.wake();
}

void App::set_embedded(bool on) {
  page_.set_embedded(on);
  pacer_.wake();
}

void App::set_host_scrolls(bool on) {
  page_.set_host_scrolls(on);
  pacer_.wake();
}

void App::scroll_to(float y) {
  if (!std::isfinite(y)) return;
  page_.scroller().scroll_to(y);
  pacer_.wake();
}

float App::content_height() const {
  if (page_.view() == ViewMode::consent)
    return has_page() ? consent_.content_height(type_scale_for_width(page_.width()).compact) : 0;
  return page_.layout() ? page_.layout()->height : 0;
}

float App::content_width() const { return page_.view() == ViewMode::consent ? consent_.content_width() : 0; }

void App::set_viewport(float width, float height, float dpr) {
  if (!(width > 0) || !(height > 0)) return;
  if (!(dpr > 0)) dpr = 1;
  fonts_.viewport_changed(width, dpr);
  page_.set_viewport(width, height, dpr);
  pacer_.wake();
}

// --- the map --------------------------------------------------------------------------------

std::string App::map_geometry_url() const {
  const Pack* pack = page_.pack();
  return pack && pack->map ? pack->map->geometry : std::string();
}

void App::begin_map_geometry(std::string_view bytes, std::string_view file_name) {
  map_.begin_geometry(std::string(bytes), std::string(file_name));
}

bool App::step_map_geometry() {
  if (!map_.loading()) return false;
  if (map_.step_geometry(page_.lang())) return true;
  // Names shown on hover, or the message of a map that failed, need their glyphs: a new build
  // only if one is not in the atlases yet.
  fonts_.text_added(map_.view().ready() ? map_.names() : map_.view().error());
  page_.mark_dirty();  // the map's proportions come from its geometry
  pacer_.wake();
  return false;
}

const std::vector<Diagnostic>& App::load_map_geometry(std::string_view bytes, std::string_view file_name) {
  begin_map_geometry(bytes, file_name);
  while (step_map_geometry()) {
  }
  return map_errors();
}

void App::map_unavailable(std::string message) {
  map_.unavailable(std::move(message));
  pacer_.wake();
}

bool App::map_select(std::string_view iso, double now, bool reveal) {
  const Pack* pack = page_.pack();
  if (!pack || !pack->map) return false;
  if (!map_.view().select(iso, now, true)) return false;
  page_.mark_dirty();
  pacer_.wake();
  if (reveal) {
    relayout();  // the figure's place with the new details panel
    page_.reveal_map(now);
  }
  return true;
}

// --- consent --------------------------------------------------------------------------------

bool App::start_consent(const ConsentStart& s) {
  const Pack* pack = page_.pack();
  if (!pack || !pack->consent) return false;
  consent_.start(*pack->consent, s);
  if (!s.lang.empty()) page_.set_lang(s.lang);
  pacer_.wake(4);  // the banner is an auto-sized ImGui window: it shows on its second frame
  return true;
}

void App::consent_show() {
  if (consent_.show()) pacer_.wake(4);
}

std::optional<ConsentOutcome> App::consent_grant(std::string_view purpose) {
  std::optional<ConsentOutcome> o = consent_.grant(purpose);
  if (o) pacer_.wake();
  return o;
}

std::vector<ConsentOutcome> App::take_consent_outcomes() { return consent_.take_outcomes(); }

}  // namespace passerelle::ui
