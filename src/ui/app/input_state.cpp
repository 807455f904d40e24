// input_state.cpp — touch points and the key replay (see input_state.hpp).
//
// Depends on: ui/app/input_state.hpp, imgui.h.
#include "ui/app/input_state.hpp"

namespace passerelle::ui {

std::size_t TouchPoints::add(int id, ImVec2 p) {
  points_[id] = p;
  if (points_.size() == 1) {
    start_ = p;
    on_map_ = false;
    on_widget_ = false;
    hint_shown_ = false;
  }
  return points_.size();
}

bool TouchPoints::move(int id, ImVec2 p) {
  auto it = points_.find(id);
  if (it == points_.end()) return false;
  it->second = p;
  return true;
}

bool TouchPoints::remove(int id) { return points_.erase(id) > 0; }

std::vector<ImVec2> TouchPoints::points() const {
  std::vector<ImVec2> pts;
  for (const auto& [_, p] : points_) pts.push_back(p);
  return pts;
}

void KeyReplay::feed(ImGuiIO& io) {
  // UiKey's order; ImGui 1.86 maps its named keys to our indices through io.KeyMap.
  const ImGuiKey map[kUiKeyCount] = {ImGuiKey_Tab, ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                                     ImGuiKey_DownArrow, ImGuiKey_Space, ImGuiKey_Escape};
  for (int i = 0; i < kUiKeyCount; ++i) {
    io.KeyMap[map[i]] = i;
    io.KeysDown[i] = false;
  }
  if (queue_.empty()) {
    io.KeyShift = false;
    return;
  }
  io.KeyShift = queue_.front().shift;
  if (!held_) {
    io.KeysDown[queue_.front().key] = true;
    held_ = true;
  } else {
    queue_.pop_front();  // released this frame
    held_ = false;
  }
}

}  // namespace passerelle::ui
