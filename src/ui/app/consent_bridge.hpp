// consent_bridge.hpp — App's consent: the rules (core ConsentManager, started by the
// platform), the ImGui widget that shows them (ui/consent_widget.hpp), and what goes between
// them and the platform: the decisions waiting to be written as cookies, the wall clock and
// the source of random ids for the records, the size the widget's windows took, the keyboard
// focus between the page and the widget, and the widget's side of the semantic mirror.
//
// Everything is inert until start(): a pack without a "consent" section has no banner.
//
// Depends on: core/consent/consent.hpp, core/mirror (the consent part of the mirror),
// core/base/url_policy.hpp, ui/consent_widget.hpp, ui/app/app_types.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "ui/app/app_types.hpp"
#include "ui/consent_widget.hpp"

namespace passerelle::ui {

class ConsentBridge {
 public:
  // --- the rules ---------------------------------------------------------------------------
  // Starts the rules of a pack's consent section with what the platform read (cookie, GPC,
  // storage).  The banner is an auto-sized ImGui window: it shows on its second frame.
  void start(const ConsentConfig& config, const ConsentStart& s);
  void reset() { manager_.reset(); }  // a new pack
  bool active() const { return manager_.has_value(); }
  const ConsentManager* manager() const { return manager_ ? &*manager_ : nullptr; }
  const ConsentWidget& widget() const { return widget_; }
  // The banner or the panel is open.
  bool open() const { return manager_ && manager_->view() != ConsentView::hidden; }
  // Wall-clock time (Unix seconds) for consent records, and a source of random ids.
  void set_wall_clock(std::int64_t unix_seconds) { wall_clock_ = unix_seconds; }
  void set_id_source(std::function<std::string()> f) { new_id_ = std::move(f); }

  // --- decisions from outside the widget ---------------------------------------------------
  bool show();  // "Gérer mes cookies" from the page's JS: opens the panel; false when inactive
  // "Afficher la vidéo": grants one purpose on top of the current choices, at once.
  std::optional<ConsentOutcome> grant(std::string_view purpose);
  // Decisions made since the last call, oldest first (the platform writes cookies).
  std::vector<ConsentOutcome> take_outcomes();

  // --- the widget in a frame -----------------------------------------------------------------
  // Draws the widget over a viewport (own_viewport: an embed sized to it).  Returns true
  // when the visitor made a decision this frame (kept for take_outcomes()).
  bool draw(const FontBook& fonts, const TypeScale& scale, ImVec2 viewport, const std::string& lang,
            bool own_viewport, const Theme& theme = default_theme());
  // p is over one of the widget's windows of the last frame: the page under it must not react.
  bool covers(ImVec2 p) const { return widget_.covers(p); }
  // A wheel, finger or key move for the open banner or panel (ConsentWidget::scroll): true
  // when the widget took it.
  bool scroll(ImVec2 at, float dy) { return open() && widget_.scroll(at, dy); }
  bool scroll_key(ScrollKey k) { return open() && widget_.scroll_key(k); }
  // A finger put down at p scrolls the widget: over the modal panel, or over a banner that
  // has something to scroll.
  bool holds_finger(ImVec2 p) const { return open() && widget_.holds_finger(p); }
  // The keyboard focus moved to this widget (its mirror key without "consent:").
  void reveal(std::string key) { widget_.reveal(std::move(key)); }
  // A click at p (over the widget): the policy link opens in a new tab; ImGui handles the rest.
  Action click(ImVec2 p) const;
  // How much of the viewport's bottom the open banner or panel covers (0 when closed).
  float covered_height() const { return open() ? extent_.y : 0.0f; }
  // The consent view's box (an embed of the consent UI alone): its height, the panel's
  // preferred one while open; its width only while just "Gérer mes cookies" shows.
  float content_height(bool compact) const;
  float content_width() const;

  // --- keyboard --------------------------------------------------------------------------
  // Whether a widget key goes to ImGui (App queues it): only while a widget can take it.
  bool wants_key(UiKey k, bool shift);
  // "Gérer mes cookies" has the keyboard focus (put there with Tab, not by a click).
  bool on_manage() const { return manager_ && widget_.has_keyboard_focus(); }
  static void focus_manage();  // Tab onto "Gérer mes cookies"

  // --- the semantic mirror ---------------------------------------------------------------
  // A mirror element of the widget was activated (its key without "consent:"): the next
  // frames act as if it was clicked.  False when inactive.
  bool press(std::string_view key);
  std::optional<Rect> key_rect(std::string_view key) const { return widget_.key_rect(key); }
  // Adds what the widget's part of the mirror depends on to `sig` (nothing when inactive).
  void add_mirror_signature(std::string& sig) const;
  // The widget's part of the mirror ("" when inactive).
  std::string mirror_html(const std::string& lang) const;

 private:
  std::optional<ConsentManager> manager_;
  ConsentWidget widget_;
  std::vector<ConsentOutcome> outcomes_;
  std::int64_t wall_clock_ = 0;
  std::function<std::string()> new_id_;
  ImVec2 extent_{0, 0};  // the widget's windows last frame, from the viewport's bottom
};

}  // namespace passerelle::ui
