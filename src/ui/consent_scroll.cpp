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
// Depends on: ui/consent_widget.hpp, imgui_internal.h (the window's visible rectangle).
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/consent_widget.hpp"

namespace passerelle::ui {

bool ConsentWidget::scroll(ImVec2 at, float dy) {
  if (!covers(at) || !(dy == dy) || dy == 0) return false;
  const float from = std::clamp(scroll_y_ + pending_scroll_, 0.0f, scroll_max_);
  const bool can = (dy > 0 && from < scroll_max_ - 0.5f) || (dy < 0 && from > 0.5f);
  if (can) pending_scroll_ = std::clamp(from + dy, 0.0f, scroll_max_) - scroll_y_;
  return can || modal_;  // the modal panel keeps every move from the page behind it
}

bool ConsentWidget::scroll_key(ScrollKey k) {
  if (!modal_) return false;
  const float line = Scroller::kLine, page = std::max(line, scroll_view_h_ * (1.0f - Scroller::kPageOverlap));
  const float from = std::clamp(scroll_y_ + pending_scroll_, 0.0f, scroll_max_);
  float to = from;
  switch (k) {
    case ScrollKey::line_up: to = from - line; break;
    case ScrollKey::line_down: to = from + line; break;
    case ScrollKey::page_up: to = from - page; break;
    case ScrollKey::page_down: to = from + page; break;
    case ScrollKey::home: to = 0; break;
    case ScrollKey::end: to = scroll_max_; break;
  }
  pending_scroll_ = std::clamp(to, 0.0f, scroll_max_) - scroll_y_;
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
