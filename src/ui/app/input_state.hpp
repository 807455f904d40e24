// input_state.hpp — what the platform's input events leave for the next frame: the pointer,
// the fingers on the screen, and the widget keys; and how they are handed to ImGui.
//
// Events arrive between frames, and ImGui 1.86 reads input as a state polled once a frame
// (io.MousePos, io.MouseDown, io.KeysDown), with no queue: a press released before the next
// frame, or two key presses inside one frame, would never be seen.  So a pointer press is
// latched until a frame has seen it, and widget keys are queued and replayed one per two
// frames (down, then up).  What an event *means* (scroll, pan the map, press a button) is
// App's decision (ui/app/app_input.cpp); these classes only keep the state.
//
// Depends on: ui/app/app_types.hpp (UiKey), imgui.h.
#pragma once
#include <imgui.h>

#include <cfloat>
#include <cstddef>
#include <deque>
#include <map>
#include <vector>

#include "ui/app/app_types.hpp"

namespace passerelle::ui {

// The mouse, or the first finger of a touch gesture (so a tap presses the banner's buttons).
class PointerState {
 public:
  ImVec2 pos() const { return pos_; }
  bool down() const { return down_; }
  void move(ImVec2 p) { pos_ = p; }
  void press(ImVec2 p) {
    pos_ = p;
    down_ = latched_ = true;
    lifted_ = false;
  }
  void release() { down_ = false; }
  // A finger lifted: released where it was, then gone once a frame has seen the release (a
  // touch screen has no hover: the button tapped, or one now under that place, must not stay
  // drawn hovered, which on the consent panel looked like one choice put forward).
  void lift() {
    down_ = false;
    lifted_ = true;
  }
  // Off the canvas: no position.  A button still held (dragging the scrollbar's thumb) stays
  // down until it is released outside.
  void leave(bool keep_down) {
    pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
    if (!keep_down) down_ = false;
  }
  // Hands the pointer to ImGui for this frame: a quick click, pressed and released since the
  // last frame, still lasts this one.
  void feed(ImGuiIO& io) {
    io.MousePos = pos_;
    io.MouseDown[0] = down_ || latched_;
    latched_ = false;
    if (lifted_ && !io.MouseDown[0]) {  // this frame sees the release; the next has no pointer
      pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
      lifted_ = false;
    }
  }

 private:
  ImVec2 pos_{-FLT_MAX, -FLT_MAX};
  bool down_ = false, latched_ = false, lifted_ = false;
};

// The fingers on the screen by id, and the gesture they make: where its first finger
// landed, whether the map owns it (two fingers that started on the map pan and pinch it),
// and whether the "use two fingers" hint was shown during it.
class TouchPoints {
 public:
  // A finger down.  Returns the number of fingers down, this one included.  The first one
  // starts a new gesture at p.
  std::size_t add(int id, ImVec2 p);
  bool move(int id, ImVec2 p);  // false for a finger that is not down
  bool remove(int id);          // false for a finger that is not down
  bool empty() const { return points_.empty(); }
  bool is_first(int id) const { return !points_.empty() && points_.begin()->first == id; }
  std::vector<ImVec2> points() const;  // by id

  ImVec2 start() const { return start_; }
  bool on_map() const { return on_map_; }
  void set_on_map(bool on) { on_map_ = on; }
  bool hint_shown() const { return hint_shown_; }
  void set_hint_shown() { hint_shown_ = true; }
  // The gesture started on the consent banner or panel, which it scrolls (not the page).
  bool on_widget() const { return on_widget_; }
  void set_on_widget(bool on) { on_widget_ = on; }

 private:
  std::map<int, ImVec2> points_;
  ImVec2 start_;
  bool on_map_ = false;
  bool on_widget_ = false;
  bool hint_shown_ = false;
};

// Widget keys for ImGui, and which of them were ours.  A key whose keydown the UI used has
// its keyup used too (the platform prevents the browser's default for both).
class KeyReplay {
 public:
  // A keydown ImGui should see: queued, replayed by feed(); the key is then ours.
  void push(UiKey k, bool shift) {
    queue_.push_back({static_cast<int>(k), shift});
    own(k);
  }
  void own(UiKey k) { owned_[static_cast<int>(k)] = true; }
  // A new keydown: not ours until someone uses it.
  void disown(UiKey k) { owned_[static_cast<int>(k)] = false; }
  // The keyup: returns whether its keydown was ours, and forgets it.
  bool release(UiKey k) {
    const bool owned = owned_[static_cast<int>(k)];
    owned_[static_cast<int>(k)] = false;
    return owned;
  }
  bool pending() const { return !queue_.empty(); }
  // Sets ImGui's key map and this frame's key state: the oldest press is down for one frame,
  // then up for one, then the next.
  void feed(ImGuiIO& io);

 private:
  struct Press {
    int key;
    bool shift;
  };
  std::deque<Press> queue_;
  bool held_ = false;
  bool owned_[kUiKeyCount] = {};
};

}  // namespace passerelle::ui
