// page/scroll.cpp — page scrolling maths (see page/scroll.hpp).
//
// Depends on: page/scroll.hpp, the standard library.
#include "core/page/scroll.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle {
namespace {
constexpr double kAnimTau = 0.055;     // s: keys settle in ~0.25 s, like browsers' smooth scroll
constexpr double kCoastTau = 0.325;    // s: iOS-like deceleration
constexpr float kMinFling = 60.0f;     // px/s below which a release does not coast
constexpr float kStopSpeed = 12.0f;    // px/s at which coasting ends
constexpr float kMaxFling = 6000.0f;   // px/s
constexpr double kVelocityWindow = 0.1;  // s of samples used for the release velocity
}  // namespace

void Scroller::set_extent(float content_height, float viewport_height) {
  content_ = std::max(0.0f, content_height);
  viewport_ = std::max(0.0f, viewport_height);
  offset_ = clamp(offset_);
  anim_target_ = clamp(anim_target_);
}

float Scroller::max_offset() const { return std::max(0.0f, content_ - viewport_); }
float Scroller::clamp(float y) const {
  if (!std::isfinite(y)) return offset_;
  return std::clamp(y, 0.0f, max_offset());
}

void Scroller::scroll_by(float dy) {
  if (dy != 0) ++moves_;  // a horizontal wheel asks nothing of this scroll
  // A wheel turn during a key animation continues from where the animation is headed.
  const float from = animating_ ? anim_target_ : offset_;
  animating_ = false;
  coasting_ = false;
  offset_ = clamp(from + dy);
}

bool Scroller::can_scroll(float dy) const {
  const float from = animating_ ? anim_target_ : offset_;
  return (dy > 0 && from < max_offset() - 0.5f) || (dy < 0 && from > 0.5f);
}

void Scroller::scroll_to(float y) {
  ++moves_;
  animating_ = false;
  coasting_ = false;
  offset_ = clamp(y);
}

void Scroller::relocate(float y, float destination) {
  offset_ = clamp(y);
  if (!animating_) return;
  anim_target_ = clamp(destination);
  animating_ = std::fabs(anim_target_ - offset_) > 0.5f;
  if (!animating_) offset_ = anim_target_;
}

void Scroller::animate_to(float y, double now) {
  ++moves_;
  coasting_ = false;
  const float target = clamp(y);
  if (reduced_motion_) {
    animating_ = false;
    offset_ = target;
    return;
  }
  if (!animating_) last_time_ = now;
  anim_target_ = target;
  animating_ = std::fabs(anim_target_ - offset_) > 0.5f;
  if (!animating_) offset_ = target;
}

void Scroller::key(ScrollKey k, double now) {
  const float base = animating_ ? anim_target_ : offset_;
  const float page = std::max(kLine, viewport_ * (1.0f - kPageOverlap));
  switch (k) {
    case ScrollKey::line_up: animate_to(base - kLine, now); break;
    case ScrollKey::line_down: animate_to(base + kLine, now); break;
    case ScrollKey::page_up: animate_to(base - page, now); break;
    case ScrollKey::page_down: animate_to(base + page, now); break;
    case ScrollKey::home: animate_to(0, now); break;
    case ScrollKey::end: animate_to(max_offset(), now); break;
  }
}

void Scroller::touch_begin(float y, double t) {
  touching_ = true;
  animating_ = false;
  coasting_ = false;  // a finger down stops a coasting page, as on phones
  touch_last_y_ = y;
  sample_count_ = 0;
  sample_head_ = 0;
  samples_[0] = {y, t};
  sample_count_ = 1;
  sample_head_ = 1;
}

float Scroller::touch_move(float y, double t) {
  if (!touching_) return 0.0f;
  ++moves_;
  const float wanted = touch_last_y_ - y;
  const float before = offset_;
  offset_ = clamp(offset_ + wanted);
  touch_last_y_ = y;
  samples_[sample_head_] = {y, t};
  sample_head_ = (sample_head_ + 1) % static_cast<int>(samples_.size());
  sample_count_ = std::min(sample_count_ + 1, static_cast<int>(samples_.size()));
  return wanted - (offset_ - before);
}

void Scroller::touch_end(double t) {
  if (!touching_) return;
  touching_ = false;
  if (reduced_motion_ || sample_count_ < 2) return;
  // Velocity over the samples of the last kVelocityWindow seconds.
  const int n = static_cast<int>(samples_.size());
  const Sample& newest = samples_[(sample_head_ - 1 + n) % n];
  if (t - newest.t > kVelocityWindow) return;  // finger rested before lifting: no fling
  const Sample* oldest = &newest;
  for (int i = 1; i < sample_count_; ++i) {
    const Sample& s = samples_[(sample_head_ - 1 - i + 2 * n) % n];
    if (newest.t - s.t > kVelocityWindow) break;
    oldest = &s;
  }
  const double dt = newest.t - oldest->t;
  if (dt <= 1e-4) return;
  const float v = static_cast<float>((oldest->y - newest.y) / dt);
  if (std::fabs(v) < kMinFling) return;
  velocity_ = std::clamp(v, -kMaxFling, kMaxFling);
  coasting_ = true;
  last_time_ = t;
}

bool Scroller::step(double now) {
  double dt = now - last_time_;
  last_time_ = now;
  if (!(dt > 0)) dt = 0;  // also catches NaN
  dt = std::min(dt, 0.1);  // a stalled tab resumes smoothly instead of jumping
  if (animating_) {
    const float k = static_cast<float>(1.0 - std::exp(-dt / kAnimTau));
    offset_ += (anim_target_ - offset_) * k;
    if (std::fabs(anim_target_ - offset_) < 0.5f) {
      offset_ = anim_target_;
      animating_ = false;
    }
  }
  if (coasting_) {
    const float before = offset_;
    offset_ = clamp(offset_ + velocity_ * static_cast<float>(dt));
    velocity_ *= static_cast<float>(std::exp(-dt / kCoastTau));
    const bool hit_edge = offset_ == before && dt > 0;
    if (std::fabs(velocity_) < kStopSpeed || hit_edge) coasting_ = false;
  }
  return moving();
}

}  // namespace passerelle
