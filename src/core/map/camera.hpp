// map/camera.hpp — which part of the map shows in the map box, and how input moves it.
//
// The map is drawn inside a viewport rectangle measured in CSS pixels; map units are abstract
// projected coordinates with y growing down.  The view is a centre (the map point drawn at
// the middle of the viewport) and a zoom, where zoom 1 fits the region of interest (the
// "frame", e.g. West Africa to France and the Levant) inside the viewport like CSS
// object-fit: contain.  Zoom is relative to that fit, so resizing the box rescales the map
// and keeps the same part of it in view.
//
// Bounds — the region never leaves the box.  Per axis: when the visible span is at least the
// frame's span, the whole frame stays visible and the centre may only move within the slack;
// otherwise the visible span stays inside the frame, so no empty margin beyond the region of
// interest ever shows.  Every view, including each animation frame, obeys this.
//
// Direct manipulation (drag, wheel, pinch) moves at once and cancels any animation, like the
// page scroller.  Discrete commands (double click/tap, +/- buttons, reset, focusing a
// country) ease out over ~250 ms, and land at once with reduced motion.
//
// Time is passed in explicitly (seconds), so tests drive it deterministically.  Non-finite
// input is ignored, so the view can never become NaN.
//
// Depends on: the standard library only.
#pragma once

namespace passerelle {

struct CamPoint { float x = 0, y = 0; };
struct CamBox { float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };

struct CamView {
  CamPoint center;  // map point drawn at the middle of the viewport
  float zoom = 1;   // 1 = the frame fits the viewport
};

class MapCamera {
 public:
  // Size of the map box in CSS px.  Keeps the visible centre and the zoom, then re-applies
  // the bounds (a narrower box may have to slide to keep the region filling it).
  void set_viewport(float width, float height);
  // Region of interest; resets the view to show all of it.  Empty or non-finite boxes are
  // ignored.  Corners may be given in any order.
  void set_region(CamBox frame);
  // Defaults 1 and 12.  Ignored unless 0 < min <= max.
  void set_zoom_limits(float min_zoom, float max_zoom);
  void set_reduced_motion(bool on) { reduced_motion_ = on; }

  CamView view() const { return view_; }
  float zoom() const { return view_.zoom; }
  CamPoint center() const { return view_.center; }
  float scale() const;  // CSS px per map unit
  float min_zoom() const { return min_zoom_; }
  float max_zoom() const { return max_zoom_; }
  float viewport_width() const { return width_; }
  float viewport_height() const { return height_; }
  CamBox frame() const { return frame_; }
  CamBox visible_box() const;  // the map rectangle currently shown

  // Screen points are CSS px relative to the viewport's top-left.
  CamPoint to_screen(CamPoint map) const;
  CamPoint to_map(CamPoint screen) const;

  // Immediate moves; each cancels any animation.
  // The map follows the pointer: dragging right by dx shows what lies further left.
  void pan_by(float dx, float dy);
  // Wheel or trackpad zoom: the map point under `anchor` stays under it unless the bounds
  // forbid.  factor > 1 zooms in.
  void zoom_at(float factor, CamPoint anchor);
  void set_view(CamView v);  // clamped to zoom limits and bounds

  // Two-finger gesture, fingers in screen px: zooms by the change in finger distance about
  // their midpoint and pans by the midpoint's motion.
  void begin_pinch(CamPoint a, CamPoint b);
  void update_pinch(CamPoint a, CamPoint b);
  void end_pinch() { pinching_ = false; }
  bool pinching() const { return pinching_; }

  // Animated moves (immediate with reduced motion).  `now` is in seconds; nothing moves
  // before the first step().  Calls made while animating build on the animation's target,
  // so two quick double clicks zoom twice.
  void animate_to(CamView target, double now);
  // Double click/tap (anchor = pointer) and +/- buttons (anchor = viewport middle).
  void zoom_by(float factor, CamPoint anchor, double now);
  void reset(double now);  // back to the whole frame
  // Shows `box` (e.g. a country's bounds) with at least `padding` px around it, within the
  // zoom limits, so a tiny country does not fill the screen and a huge one is not cut
  // more than the minimum zoom requires.
  void zoom_to_box(CamBox box, float padding, double now);
  // Advances the animation to `now`.  Returns true while still animating (keep drawing).
  bool step(double now);
  bool is_animating() const { return animating_; }

  // The views those commands aim at, computed without moving (all already clamped).
  CamView home_view() const;
  CamView view_for_box(CamBox box, float padding) const;
  CamView view_zoomed_at(const CamView& from, float factor, CamPoint anchor) const;
  CamView clamp_view(CamView v) const;

  static constexpr double kAnimSeconds = 0.25;

 private:
  float base_scale() const;  // px per map unit at zoom 1
  CamPoint to_map_in(const CamView& v, CamPoint screen) const;

  float width_ = 0, height_ = 0;
  CamBox frame_{0, 0, 1, 1};
  float min_zoom_ = 1, max_zoom_ = 12;
  CamView view_{{0.5f, 0.5f}, 1};
  bool reduced_motion_ = false;

  bool animating_ = false;
  CamView from_, to_;
  double start_time_ = 0;

  bool pinching_ = false;
  CamPoint pinch_mid_;
  float pinch_dist_ = 0;
};

}  // namespace passerelle
