// frame_pacer.hpp — render on demand: App's frame clock, and whether another frame is wanted.
//
// The platform draws only while App asks for frames (the browser's requestAnimationFrame is
// re-armed only then), so a page at rest costs a phone nothing.  A frame is wanted while
// something moves (the caller says so at the end of the frame) and for a few frames after
// any input: ImGui needs them to settle (hover states follow the pointer one frame late, and
// an auto-sized window, the consent banner, shows on its second frame).
//
// Depends on: the standard library only.
#pragma once
#include <algorithm>

namespace passerelle::ui {

class FramePacer {
 public:
  // Asks for at least `frames` more frames, this one included (3 settle ImGui after input;
  // 4 for a consent window that sizes itself).
  void wake(int frames = 3) { wake_frames_ = std::max(wake_frames_, frames); }
  // Starts the frame at `now` (seconds) and returns the seconds since the previous one for
  // ImGui: 1/60 for the first, clamped to [0.1 ms, 0.25 s] (ImGui asserts on dt <= 0, and a
  // long pause is not one animation step).
  float begin(double now);
  // Ends the frame.  Returns true when another is wanted: `busy` (something still moves) or
  // frames left from a wake().
  bool end(bool busy);

  // The time of the last frame, 0 before the first (for input that arrives between frames).
  double last_time_or_zero() const { return last_time_ < 0 ? 0 : last_time_; }
  int frames() const { return frames_; }
  int frames_left() const { return wake_frames_; }

 private:
  double last_time_ = -1;
  int wake_frames_ = 3;  // a new view settles too
  int frames_ = 0;
};

}  // namespace passerelle::ui
