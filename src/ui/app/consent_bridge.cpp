// consent_bridge.cpp — the consent rules, their widget and the platform (see
// consent_bridge.hpp).
//
// Depends on: ui/app/consent_bridge.hpp, core/base/url_policy.hpp, core/mirror (html, mirror), imgui.h.
#include "ui/app/consent_bridge.hpp"

#include "core/base/url_policy.hpp"
#include "core/mirror/html.hpp"
#include "core/mirror/mirror.hpp"

namespace passerelle::ui {

void ConsentBridge::start(const ConsentConfig& config, const ConsentStart& s) {
  manager_.emplace(config);
  manager_->start(s);
}

bool ConsentBridge::show() {
  if (!manager_) return false;
  widget_.show_withdrawn_notice(false);
  manager_->open_panel();
  return true;
}

std::optional<ConsentOutcome> ConsentBridge::grant(std::string_view purpose) {
  if (!manager_ || !manager_->config().purpose(purpose)) return std::nullopt;
  manager_->open_panel();  // start from the current choices, then add this one
  manager_->set_pending(purpose, true);
  ConsentOutcome o = manager_->save(wall_clock_, new_id_ ? new_id_() : std::string(32, '0'));
  outcomes_.push_back(o);
  return o;
}

std::vector<ConsentOutcome> ConsentBridge::take_outcomes() {
  std::vector<ConsentOutcome> out;
  out.swap(outcomes_);
  return out;
}

bool ConsentBridge::draw(const FontBook& fonts, const TypeScale& scale, ImVec2 viewport, const std::string& lang,
                         bool own_viewport, const Theme& theme) {
  if (!manager_) return false;
  ConsentFrame cf;
  cf.manager = &*manager_;
  cf.lang = lang;
  cf.fonts = &fonts;
  cf.scale = scale;
  cf.viewport = viewport;
  cf.now_unix = wall_clock_;
  cf.new_id = new_id_ ? new_id_ : [] { return std::string(32, '0'); };
  cf.own_viewport = own_viewport;
  cf.theme = &theme;
  bool decided = false;
  if (auto o = widget_.draw(cf)) {
    if (o->reload_suggested) widget_.show_withdrawn_notice(true);
    outcomes_.push_back(std::move(*o));
    decided = true;
  }
  extent_ = widget_.extent(viewport);
  return decided;
}

Action ConsentBridge::click(ImVec2 p) const {
  Action a;
  if (manager_ && widget_.policy_link_at(p) && is_safe_link_url(manager_->config().policy_url)) {
    a.kind = Action::Kind::open_url;
    a.url = manager_->config().policy_url;
  }
  return a;
}

float ConsentBridge::content_height(bool compact) const {
  if (!manager_) return 0;
  if (manager_->view() == ConsentView::panel) return ConsentWidget::panel_height(compact);
  return extent_.y;
}

float ConsentBridge::content_width() const {
  if (!manager_ || manager_->view() != ConsentView::hidden) return 0;
  return extent_.x;  // only "Gérer mes cookies": a small box in the corner
}

// Widgets take keys only while they are shown.  When the banner is hidden, the first Tab
// lands on "Gérer mes cookies"; the next one goes on (to the map's country list, or out of
// the canvas, the browser's default).
bool ConsentBridge::wants_key(UiKey k, bool shift) {
  if (!manager_) return false;
  if (!open()) {
    // Hidden banner: only "Gérer mes cookies" is left.  It has the focus when the keyboard
    // put it there (a mouse click elsewhere leaves ImGui's window focused, not the button).
    const bool on = widget_.has_keyboard_focus();
    if (k == UiKey::tab && !shift && !on) {
      focus_manage();
      return true;
    }
    return on && k != UiKey::tab;
  }
  // Focus is in the banner (it focuses its first choice when it opens).
  const bool focused = ImGui::GetCurrentContext() && ImGui::GetIO().NavActive;
  if (k == UiKey::activate && !focused && manager_->view() == ConsentView::banner) return false;
  // The banner does not block reading: arrows keep scrolling the page (buttons do not use
  // arrows; Tab moves between them).  Only the modal panel takes them.
  const bool arrow = k == UiKey::left || k == UiKey::right || k == UiKey::up || k == UiKey::down;
  return !(arrow && manager_->view() != ConsentView::panel);
}

void ConsentBridge::focus_manage() { ImGui::SetWindowFocus("##consent-manage"); }

bool ConsentBridge::press(std::string_view key) {
  if (!manager_) return false;
  widget_.press(std::string(key));
  return true;
}

void ConsentBridge::add_mirror_signature(std::string& sig) const {
  if (!manager_) return;
  sig += "|" + std::to_string(static_cast<int>(manager_->view())) + (widget_.withdrawn_notice() ? "w" : "");
  sig += manager_->storage_available() ? "s" : "-";
  for (const ConsentPurpose& p : manager_->config().purposes) sig += manager_->pending(p.id) ? '1' : '0';
}

std::string ConsentBridge::mirror_html(const std::string& lang) const {
  if (!manager_) return {};
  return render_html(mirror_consent(manager_->config(), lang, consent_mirror_state(*manager_, widget_.withdrawn_notice())));
}

}  // namespace passerelle::ui
