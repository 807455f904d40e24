// page/scroll.hpp — the page's vertical scroll position and how input moves it.
//
// Behaves like a browser page: wheel and trackpad move it immediately by their pixel deltas;
// keys animate briefly to their destination (arrows by a line, PgUp/PgDn and Space by most of
// a screen, Home/End to the ends); a touch drag follows the finger and, when released while
// moving, coasts with exponential decay (inertia).  The offset is always clamped to
// [0, content - viewport].  With reduced motion, keys and jumps land at once and there is no
// coasting.
//
// Time is passed in explicitly (seconds), so tests drive it deterministically.
//
// Depends on: the standard library only.
#pragma once
#include <array>

namespace passerelle {

enum class ScrollKey { line_up, line_down, page_up, page_down, home, end };

class Scroller {
 public:
  void set_extent(float content_height, float viewport_height);
  void set_reduced_motion(bool on) { reduced_motion_ = on; }

  float offset() const { return offset_; }
  float max_offset() const;
  float content_height() const { return content_; }
  float viewport_height() const { return viewport_; }

  // Immediate moves (wheel, trackpad, scrollbar drag).  Positive dy scrolls down.
  void scroll_by(float dy);
  void scroll_to(float y);
  // Whether a move by dy would change the offset (false at the edge it heads for, or for
  // dy 0): an embedded page hands the wheel over to the host page there.
  bool can_scroll(float dy) const;
  // Animated move to y (keys, in-page jumps); immediate with reduced motion.
  void animate_to(float y, double now);
  // Where the view is headed: a key's animation's destination, else the offset.
  float destination() const { return animating_ ? anim_target_ : offset_; }
  // The content moved under the view (a new layout): the offset is placed at y and a key's
  // animation under way heads for destination instead (both clamped); the motion goes on,
  // an animation or a fling, where scroll_to() would stop it.
  void relocate(float y, float destination);
  void key(ScrollKey k, double now);

  // Touch: y is the finger's position in the viewport, t the event time in seconds.
  void touch_begin(float y, double t);
  // Returns the part of the finger's move the page could not follow (CSS px, positive
  // downwards): past an edge, what a host page around an embed scrolls instead.
  float touch_move(float y, double t);
  void touch_end(double t);
  // The gesture became something else (a pinch on the map): stop following, no coasting.
  void touch_cancel() { touching_ = false; coasting_ = false; }
  bool touching() const { return touching_; }

  // Advances animation and inertia to `now`.  Returns true while something still moves
  // (the caller keeps drawing frames); false when at rest.
  bool step(double now);
  bool moving() const { return animating_ || coasting_; }
  // How many moves input or the app has asked for so far (scroll_by, scroll_to, animate_to,
  // key, touch_move), whether or not the offset has changed yet: a key's animation asked
  // for in this frame has not moved the offset, but the visitor has scrolled.  A new
  // layout's set_extent() and relocate(), and step(), are not asked moves.
  unsigned moves() const { return moves_; }

  static constexpr float kLine = 40.0f;          // arrow keys, px
  static constexpr float kPageOverlap = 0.125f;  // PgDn keeps 1/8 of the screen for context

 private:
  float clamp(float y) const;

  float content_ = 0, viewport_ = 0, offset_ = 0;
  bool reduced_motion_ = false;
  unsigned moves_ = 0;

  bool animating_ = false;
  float anim_target_ = 0;
  double last_time_ = 0;

  bool touching_ = false;
  float touch_last_y_ = 0;
  // Recent finger samples for the release velocity.
  struct Sample { float y; double t; };
  std::array<Sample, 8> samples_{};
  int sample_count_ = 0, sample_head_ = 0;

  bool coasting_ = false;
  float velocity_ = 0;  // px/s, positive = content moving up (offset growing)
};

}  // namespace passerelle
