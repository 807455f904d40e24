// consent_widget.hpp — the consent banner, its settings panel and the "Gérer mes cookies"
// control, drawn with Dear ImGui over the page.
//
// CNIL rules that live in the drawing (the decisions themselves are core/consent.hpp's):
//  - "Tout refuser", "Tout accepter" and "Personnaliser" are one widget drawn three times:
//    same size, same weight, same colours.  Refusing takes exactly as many clicks as
//    accepting.  "Continuer sans accepter" closes the banner as a refusal.
//  - The banner sits at the bottom and leaves the article readable above it on a phone.
//  - Keyboard: focus lands on the first button when the banner opens (Tab / Shift+Tab move,
//    Space or Enter activate, Escape closes the panel back to the banner), with ImGui's nav
//    highlight as the visible focus ring.
//
// Depends on: core/consent/consent.hpp, core/page/layout.hpp (TypeScale), ui/font_book.hpp,
// ui/theme.hpp, imgui.h (and imgui_internal.h in the .cpp, for the focus).
#pragma once
#include <imgui.h>

struct ImGuiWindow;  // imgui_internal.h, only used in the .cpp

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "core/page/layout.hpp"
#include "core/page/scroll.hpp"
#include "ui/font_book.hpp"
#include "ui/theme.hpp"

namespace passerelle::ui {

struct ConsentFrame {
  ConsentManager* manager = nullptr;
  std::string lang = "fr";
  const FontBook* fonts = nullptr;
  TypeScale scale;
  ImVec2 viewport;
  std::int64_t now_unix = 0;                 // wall clock, for the record's timestamp
  std::function<std::string()> new_id;       // 32 random hex chars from the platform
  // The viewport is the widget's own box (an embedded consent view sized to its content):
  // the banner may use all of it instead of 60 %.
  bool own_viewport = false;
  const Theme* theme = nullptr;              // the scheme's colours (light when null)
};

enum class WidgetShown { none, banner, panel, hidden };

// The sizes the widget draws with (banner, panel, "Gérer mes cookies"): their atlases must be
// built before a frame shows it (App builds them first, ui/app/app_fonts.cpp).
inline std::vector<FontSpec> consent_fonts(const TypeScale& s) { return {s.h3, s.ui, s.ui_small, s.ui_bold}; }

class ConsentWidget {
 public:
  // Draws what the manager's state calls for and applies the visitor's decisions to it.
  // Returns the outcome when a decision was made this frame.
  std::optional<ConsentOutcome> draw(const ConsentFrame& f);

  // After a withdrawal, a notice stays until dismissed (a reload completes the withdrawal).
  void show_withdrawn_notice(bool on) { withdrawn_notice_ = on; }

  // Screen rectangles of the three equal-prominence buttons in the last frame (banner or
  // panel), in their tab order; for tests and for the layout checks.
  struct Button {
    std::string label;
    ImVec2 min, max;
  };
  const std::vector<Button>& last_buttons() const { return buttons_; }
  // The settings panel's purpose rows last frame: the name's box and the box at its right
  // ("always on" or the switch).
  struct Row {
    ImVec2 name_min, name_max, side_min, side_max;
  };
  const std::vector<Row>& last_rows() const { return rows_; }
  // True when p is over a consent window: the page under it must not react.
  bool covers(ImVec2 p) const;

  // --- scrolling (consent_scroll.cpp) ----------------------------------------------------
  // The banner (on a short screen) and the panel's list of purposes scroll like a box in a
  // page: a wheel or a finger over them moves their content, not the page behind.  dy: CSS
  // px, positive downwards.  False when the move is not the widget's: not over it, or over
  // the banner (not modal) at the end it heads for, where the page takes the move on.
  bool scroll(ImVec2 at, float dy);
  // A scroll key while the modal panel is open moves its list; false otherwise (the page's).
  bool scroll_key(ScrollKey k);
  // A finger put down at `at` is the widget's: over the modal panel, or over a banner with
  // something to scroll.
  bool holds_finger(ImVec2 at) const { return covers(at) && (modal_ || scroll_max_ > 0.5f); }
  // The item of this mirror key is brought into its window's view when next drawn (the
  // keyboard focus moved to it).
  void reveal(std::string key) { reveal_key_ = std::move(key); }
  // The last frame moved or resized the region that scrolls: ImGui shows it whole (its
  // scroll, its scrollbar) only on a frame after.
  bool settling() const { return settling_; }
  // The policy link's rectangle last frame (empty if not shown), for the DOM click handler.
  bool policy_link_at(ImVec2 p) const;
  // One of its buttons has the keyboard focus, with its ring shown (not after a mouse click).
  bool has_keyboard_focus() const;
  // The size the widget's windows of the last frame need (CSS px), measured from the bottom
  // of the viewport, where they are anchored: for an embedded consent view's box.
  ImVec2 extent(ImVec2 viewport) const;
  // The panel's preferred height, whatever the viewport (the box grows to it).
  static float panel_height(bool compact);

  // The semantic mirror's side (core/mirror.hpp keys without "consent:"): press() makes the
  // next frame act as if that widget were clicked; key_rect() is where it was drawn last
  // frame (for the focus ring of a focused mirror element).
  void press(std::string key) {
    pending_press_ = std::move(key);
    pending_frames_ = 4;
  }
  std::optional<Rect> key_rect(std::string_view key) const;
  bool withdrawn_notice() const { return withdrawn_notice_; }

 private:
  const Theme* theme_ = &default_theme();  // this frame's scheme (draw() sets it)
  std::optional<ConsentOutcome> banner(const ConsentFrame& f, const ConsentTexts& t);
  ImVec2 banner_notice(const ConsentFrame& f, const ConsentTexts& t, float inner, ImVec2 close_size);
  void policy_link(const ConsentFrame& f, const ConsentTexts& t);
  std::optional<ConsentOutcome> banner_choices(const ConsentFrame& f, const ConsentTexts& t, float inner);
  bool banner_close(const ConsentFrame& f, const std::string& label, ImVec2 at);
  std::optional<ConsentOutcome> panel(const ConsentFrame& f, const ConsentTexts& t);
  void purpose_row(const ConsentFrame& f, const ConsentTexts& t, const ConsentPurpose& p, float inner);
  std::optional<ConsentOutcome> panel_choices(const ConsentFrame& f, const ConsentTexts& t, float inner,
                                              float height, bool stacked);
  void manage_button(const ConsentFrame& f, const ConsentTexts& t);
  bool equal_button(const char* label, ImVec2 size, const char* key);
  bool keyed(std::string_view key);
  bool switch_widget(const char* id, bool* on, const char* label);
  void record_window();
  void scroll_region();
  Scroller region_scroller() const;
  void reveal_if_asked(std::string_view key);
  void focus_first_if_new(WidgetShown now);
  void take_focus_if_asked(std::string_view key = {});
  void tab_stop();
  void handle_tab();

  struct Box {
    ImVec2 min{0, 0}, max{0, 0};
    bool contains(ImVec2 p) const { return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y; }
  };

  std::vector<Button> buttons_;
  std::vector<Row> rows_;
  // The region that scrolls (the banner window, or the panel's list) as last drawn, and the
  // scroll asked of it since.
  float scroll_y_ = 0, scroll_max_ = 0, scroll_view_h_ = 0, pending_scroll_ = 0;
  bool modal_ = false, settling_ = false;
  std::string reveal_key_;
  std::vector<Box> windows_;
  std::vector<std::pair<std::string, Box>> keyed_;  // this frame's widgets by mirror key
  std::string pending_press_;
  int pending_frames_ = 0;
  Box policy_rect_;
  bool withdrawn_notice_ = false;
  WidgetShown last_view_ = WidgetShown::none;
  bool focus_next_ = false;
  std::string focus_key_;  // the item focus_next_ goes to ("" = the first one drawn)
  struct Focusable {
    ImGuiID id;
    ImGuiWindow* window;
  };
  std::vector<Focusable> focusables_;  // this frame's widgets in tab order
};

}  // namespace passerelle::ui
