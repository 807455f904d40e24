// consent_scroll.cpp — the consent widget's scrolling (see consent_widget.hpp, "scrolling").
//
// On a short screen the banner is capped (the article stays readable above it) and the
// panel's list of purposes is taller than its room: both scroll.  ImGui scrolls a window only
// with its own wheel input, which the page never feeds it, so a wheel, a finger or a key over
// them used to move the page behind instead, and what was below their fold ("Personnaliser"
// on a 320 × 568 phone, the panel's last purpose) was out of reach.  Input now asks the
// widget first (App::wheel, touch and key); the widget applies the move to the region that
// scrolls when it next draws it (ImGui sets a window's scroll from inside its Begin/End).
//
// Depends on: ui/consent_widget.hpp, core/page/scroll.hpp (the page's scrolling rules),
// imgui_internal.h (the window's visible rectangle).
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "core/page/scroll.hpp"

#include "ui/consent_widget.hpp"

namespace passerelle::ui {

// The region as a page Scroller where the next draw will put it: the page's rules for the
// wheel's edges and for what each key moves (a line, most of a screen, the ends), at once.
Scroller ConsentWidget::region_scroller() const {
  Scroller s;
  s.set_reduced_motion(true);  // ImGui sets a window's scroll in one step
  s.set_extent(scroll_max_ + scroll_view_h_, scroll_view_h_);
  s.scroll_to(scroll_y_ + pending_scroll_);
  return s;
}

bool ConsentWidget::scroll(ImVec2 at, float dy) {
  if (!covers(at) || !std::isfinite(dy)) return false;
  Scroller s = region_scroller();
  const bool can = s.can_scroll(dy);
  if (can) {
    s.scroll_by(dy);
    pending_scroll_ = s.offset() - scroll_y_;
  }
  return can || modal_;  // the modal panel keeps every move from the page behind it
}

bool ConsentWidget::scroll_key(ScrollKey k) {
  if (!modal_) return false;
  Scroller s = region_scroller();
  s.key(k, 0);
  pending_scroll_ = s.offset() - scroll_y_;
  return true;
}

// Called right after the Begin of the region that scrolls: applies the move asked (ImGui
// shows it from the next frame) and notes where the region stands.
void ConsentWidget::scroll_region() {
  if (pending_scroll_ != 0) {
    ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + pending_scroll_, 0.0f, ImGui::GetScrollMaxY()));
    pending_scroll_ = 0;
    settling_ = true;
  }
  // ImGui sizes a region, and shows or hides its scrollbar, from the last frame's content:
  // while that changes (a panel just opened), frames go on until it stands.
  if (std::fabs(ImGui::GetScrollMaxY() - scroll_max_) > 0.5f || ImGui::GetScrollY() != scroll_y_) settling_ = true;
  scroll_y_ = ImGui::GetScrollY();
  scroll_max_ = ImGui::GetScrollMaxY();
  scroll_view_h_ = ImGui::GetCurrentWindow()->InnerRect.GetHeight();
}

// After the item of `key` is drawn: when the focus was just moved to it and it is not wholly
// in its window's view, the window scrolls the least that shows it, with a little room.
void ConsentWidget::reveal_if_asked(std::string_view key) {
  if (reveal_key_.empty() || reveal_key_ != key) return;
  reveal_key_.clear();
  const ImRect view = ImGui::GetCurrentWindow()->InnerRect;
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  constexpr float room = 8.0f;
  float by = 0;
  if (a.y < view.Min.y + room) by = a.y - view.Min.y - room;
  else if (b.y > view.Max.y - room) by = b.y - view.Max.y + room;
  if (by == 0) return;
  ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + by, 0.0f, ImGui::GetScrollMaxY()));
  settling_ = true;
}

}  // namespace passerelle::ui
