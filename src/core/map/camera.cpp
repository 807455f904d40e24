// map/camera.cpp — map view maths (see map/camera.hpp).
//
// Depends on: map/camera.hpp, the standard library.
#include "core/map/camera.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle {
namespace {
bool finite(CamPoint p) { return std::isfinite(p.x) && std::isfinite(p.y); }
bool finite(CamBox b) {
  return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1);
}
CamBox ordered(CamBox b) {
  return {std::min(b.x0, b.x1), std::min(b.y0, b.y1), std::max(b.x0, b.x1), std::max(b.y0, b.y1)};
}

// Centre range on one axis.  The two ends swap roles depending on whether the view is wider
// than the frame (frame must stay inside the view) or narrower (view must stay inside the
// frame); taking min/max covers both without a branch, and at equality both pin the centre.
float clamp_axis(float c, float visible, float lo, float hi) {
  const float a = lo + visible / 2, b = hi - visible / 2;
  return std::clamp(c, std::min(a, b), std::max(a, b));
}

// Ease-out cubic: fast start so the response feels immediate, gentle landing.
double ease_out(double u) { return 1.0 - (1.0 - u) * (1.0 - u) * (1.0 - u); }
}  // namespace

void MapCamera::set_viewport(float width, float height) {
  width_ = std::isfinite(width) ? std::max(0.0f, width) : 0.0f;
  height_ = std::isfinite(height) ? std::max(0.0f, height) : 0.0f;
  view_ = clamp_view(view_);
  if (animating_) {
    from_ = clamp_view(from_);
    to_ = clamp_view(to_);
  }
}

void MapCamera::set_region(CamBox frame) {
  if (!finite(frame)) return;
  frame = ordered(frame);
  if (!(frame.x1 > frame.x0 && frame.y1 > frame.y0)) return;
  frame_ = frame;
  animating_ = false;
  pinching_ = false;
  view_ = home_view();
}

void MapCamera::set_zoom_limits(float min_zoom, float max_zoom) {
  if (!(std::isfinite(min_zoom) && std::isfinite(max_zoom))) return;
  if (!(min_zoom > 0 && min_zoom <= max_zoom)) return;
  min_zoom_ = min_zoom;
  max_zoom_ = max_zoom;
  view_ = clamp_view(view_);
  to_ = clamp_view(to_);
}

float MapCamera::base_scale() const {
  if (!(width_ > 0 && height_ > 0)) return 1.0f;  // no box yet: any positive scale avoids /0
  const float s = std::min(width_ / (frame_.x1 - frame_.x0), height_ / (frame_.y1 - frame_.y0));
  return std::isfinite(s) && s > 0 ? s : 1.0f;
}

float MapCamera::scale() const { return base_scale() * view_.zoom; }

CamBox MapCamera::visible_box() const {
  const CamPoint a = to_map({0, 0}), b = to_map({width_, height_});
  return {a.x, a.y, b.x, b.y};
}

CamPoint MapCamera::to_screen(CamPoint map) const {
  const float s = scale();
  return {(map.x - view_.center.x) * s + width_ / 2, (map.y - view_.center.y) * s + height_ / 2};
}

CamPoint MapCamera::to_map(CamPoint screen) const { return to_map_in(view_, screen); }

CamPoint MapCamera::to_map_in(const CamView& v, CamPoint screen) const {
  const float s = base_scale() * v.zoom;
  return {(screen.x - width_ / 2) / s + v.center.x, (screen.y - height_ / 2) / s + v.center.y};
}

CamView MapCamera::clamp_view(CamView v) const {
  if (!std::isfinite(v.zoom)) v.zoom = view_.zoom;
  if (!finite(v.center)) v.center = view_.center;
  v.zoom = std::clamp(v.zoom, min_zoom_, max_zoom_);
  const float s = base_scale() * v.zoom;
  v.center.x = clamp_axis(v.center.x, width_ / s, frame_.x0, frame_.x1);
  v.center.y = clamp_axis(v.center.y, height_ / s, frame_.y0, frame_.y1);
  return v;
}

CamView MapCamera::home_view() const {
  return clamp_view({{(frame_.x0 + frame_.x1) / 2, (frame_.y0 + frame_.y1) / 2}, 1.0f});
}

CamView MapCamera::view_zoomed_at(const CamView& from, float factor, CamPoint anchor) const {
  if (!(std::isfinite(factor) && factor > 0) || !finite(anchor)) return clamp_view(from);
  const CamPoint m = to_map_in(from, anchor);
  CamView v;
  v.zoom = std::clamp(from.zoom * factor, min_zoom_, max_zoom_);
  const float s = base_scale() * v.zoom;
  v.center = {m.x - (anchor.x - width_ / 2) / s, m.y - (anchor.y - height_ / 2) / s};
  return clamp_view(v);
}

CamView MapCamera::view_for_box(CamBox box, float padding) const {
  if (!finite(box)) return view_;
  box = ordered(box);
  const float pad = std::isfinite(padding) ? std::max(0.0f, padding) : 0.0f;
  // At least 1 px of room, so a padding wider than the box cannot produce 0/0.
  const float room_w = std::max(1.0f, width_ - 2 * pad), room_h = std::max(1.0f, height_ - 2 * pad);
  // A zero-size box (a point) divides to +inf, which the zoom limits turn into max zoom.
  const float s = std::min(room_w / (box.x1 - box.x0), room_h / (box.y1 - box.y0));
  const float z = s / base_scale();
  return clamp_view({{(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2}, std::isfinite(z) ? z : max_zoom_});
}

void MapCamera::pan_by(float dx, float dy) {
  if (!(std::isfinite(dx) && std::isfinite(dy))) return;
  animating_ = false;
  const float s = scale();
  CamView v = view_;
  v.center.x -= dx / s;
  v.center.y -= dy / s;
  view_ = clamp_view(v);
}

void MapCamera::zoom_at(float factor, CamPoint anchor) {
  if (!(std::isfinite(factor) && factor > 0) || !finite(anchor)) return;
  animating_ = false;
  view_ = view_zoomed_at(view_, factor, anchor);
}

void MapCamera::set_view(CamView v) {
  animating_ = false;
  view_ = clamp_view(v);
}

void MapCamera::begin_pinch(CamPoint a, CamPoint b) {
  if (!(finite(a) && finite(b))) return;
  animating_ = false;
  pinching_ = true;
  pinch_mid_ = {(a.x + b.x) / 2, (a.y + b.y) / 2};
  pinch_dist_ = std::hypot(b.x - a.x, b.y - a.y);
}

void MapCamera::update_pinch(CamPoint a, CamPoint b) {
  if (!pinching_ || !(finite(a) && finite(b))) return;
  const CamPoint mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
  const float dist = std::hypot(b.x - a.x, b.y - a.y);
  pan_by(mid.x - pinch_mid_.x, mid.y - pinch_mid_.y);
  // Fingers (almost) on top of each other give no usable ratio; wait for them to part.
  constexpr float kMinDist = 1.0f;
  if (pinch_dist_ >= kMinDist && dist >= kMinDist) zoom_at(dist / pinch_dist_, mid);
  // Incremental rather than relative to the start: past max zoom, pinching back out
  // responds at once instead of first "unwinding" the ignored part of the gesture.
  pinch_mid_ = mid;
  pinch_dist_ = dist;
}

void MapCamera::animate_to(CamView target, double now) {
  const CamView to = clamp_view(target);
  const bool same = std::fabs(to.zoom - view_.zoom) <= 1e-4f * view_.zoom &&
                    std::fabs(to.center.x - view_.center.x) * scale() < 0.01f &&
                    std::fabs(to.center.y - view_.center.y) * scale() < 0.01f;
  if (reduced_motion_ || !std::isfinite(now) || same) {
    animating_ = false;
    view_ = to;
    return;
  }
  from_ = view_;
  to_ = to;
  start_time_ = now;
  animating_ = true;
}

void MapCamera::zoom_by(float factor, CamPoint anchor, double now) {
  const CamView base = animating_ ? to_ : view_;
  animate_to(view_zoomed_at(base, factor, anchor), now);
}

void MapCamera::reset(double now) { animate_to(home_view(), now); }

void MapCamera::zoom_to_box(CamBox box, float padding, double now) {
  if (!finite(box)) return;
  animate_to(view_for_box(box, padding), now);
}

bool MapCamera::step(double now) {
  if (!animating_) return false;
  if (!std::isfinite(now)) return true;
  double u = (now - start_time_) / kAnimSeconds;
  if (!(u > 0)) u = 0;  // a clock that goes backwards holds the first frame
  if (u >= 1) {
    view_ = clamp_view(to_);
    animating_ = false;
    return false;
  }
  const double e = ease_out(u);
  // Zoom geometrically, so each frame zooms by the same perceived ratio.
  const double z0 = from_.zoom, z1 = to_.zoom;
  const double z = z0 * std::pow(z1 / z0, e);
  // Move the centre in step with 1/zoom: the visible rectangle's edges then travel linearly
  // and the point that ends where it started on screen (e.g. under a double-clicked cursor)
  // stays put all along, instead of swinging away and back.  Without a zoom change this
  // degenerates to 0/0, so fall back to the eased fraction.
  const double inv0 = 1 / z0, inv1 = 1 / z1;
  const double w = std::fabs(inv1 - inv0) > 1e-6 * inv0 ? (inv0 - 1 / z) / (inv0 - inv1) : e;
  CamView v;
  v.zoom = static_cast<float>(z);
  v.center.x = static_cast<float>(from_.center.x + (to_.center.x - from_.center.x) * w);
  v.center.y = static_cast<float>(from_.center.y + (to_.center.y - from_.center.y) * w);
  view_ = clamp_view(v);
  return true;
}

}  // namespace passerelle
