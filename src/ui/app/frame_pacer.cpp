// frame_pacer.cpp — the frame clock and the frames still wanted (see frame_pacer.hpp).
//
// Depends on: ui/app/frame_pacer.hpp, the standard library.
#include "ui/app/frame_pacer.hpp"

namespace passerelle::ui {

float FramePacer::begin(double now) {
  const double dt = last_time_ < 0 ? 1.0 / 60 : now - last_time_;
  last_time_ = now;
  return static_cast<float>(std::clamp(dt, 1e-4, 0.25));
}

bool FramePacer::end(bool busy) {
  ++frames_;
  if (wake_frames_ > 0) --wake_frames_;
  return busy || wake_frames_ > 0;
}

}  // namespace passerelle::ui
