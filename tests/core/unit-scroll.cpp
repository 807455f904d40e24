// Scrolling maths: clamping, keys, animation, touch inertia, reduced motion.
#include <gtest/gtest.h>

#include <limits>

#include "core/page/scroll.hpp"

namespace passerelle {
namespace {

Scroller page(float content = 3000, float viewport = 800) {
  Scroller s;
  s.set_extent(content, viewport);
  return s;
}

void settle(Scroller& s, double& t) {
  for (int i = 0; i < 600 && s.step(t += 1.0 / 60); ++i) {}
}

TEST(Scroll, WheelMovesImmediatelyAndClampsAtBothEnds) {
  Scroller s = page();
  s.scroll_by(100);
  EXPECT_FLOAT_EQ(s.offset(), 100);
  s.scroll_by(-1000);
  EXPECT_FLOAT_EQ(s.offset(), 0);
  s.scroll_by(99999);
  EXPECT_FLOAT_EQ(s.offset(), 2200);
}

TEST(Scroll, ShortContentCannotScroll) {
  Scroller s = page(500, 800);
  s.scroll_by(100);
  EXPECT_FLOAT_EQ(s.offset(), 0);
  EXPECT_FLOAT_EQ(s.max_offset(), 0);
}

TEST(Scroll, CanScrollSaysWhetherAMoveWouldMoveAtAll) {
  Scroller s = page();
  EXPECT_TRUE(s.can_scroll(10));
  EXPECT_FALSE(s.can_scroll(-10)) << "at the top";
  EXPECT_FALSE(s.can_scroll(0));
  s.scroll_to(2200);
  EXPECT_TRUE(s.can_scroll(-10));
  EXPECT_FALSE(s.can_scroll(10)) << "at the bottom";
  EXPECT_FALSE(page(500, 800).can_scroll(10)) << "short content";
}

TEST(Scroll, ShrinkingTheContentReclampsTheOffset) {
  Scroller s = page();
  s.scroll_to(2200);
  s.set_extent(1000, 800);  // e.g. a wider window reflowed the text shorter
  EXPECT_FLOAT_EQ(s.offset(), 200);
}

// A new layout under a moving view: the offset and the animation's destination are placed
// again, and the animation goes on there (scroll_to would stop it).
TEST(Scroll, RelocatingKeepsAKeyAnimationGoing) {
  Scroller s = page();
  double t = 0;
  s.key(ScrollKey::page_down, t);
  s.step(t += 1.0 / 60);
  ASSERT_TRUE(s.moving());
  EXPECT_FLOAT_EQ(s.destination(), 700);
  s.relocate(s.offset() + 50, 750);
  EXPECT_TRUE(s.moving());
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), 750);
  s.relocate(5000, 9000);  // at rest: the offset only, clamped
  EXPECT_FALSE(s.moving());
  EXPECT_FLOAT_EQ(s.offset(), 2200);
  EXPECT_FLOAT_EQ(s.destination(), 2200);
}

// The same for a fling: a new layout under a coasting page moves it, and it coasts on from
// there (the same distance as without the relayout).
TEST(Scroll, RelocatingKeepsAFlingCoasting) {
  auto fling = [](Scroller& s, double& t) {
    s.touch_begin(600, t);
    for (int i = 1; i <= 6; ++i) s.touch_move(600 - i * 20.0f, t + i * 0.016);
    t += 6 * 0.016;
    s.touch_end(t);
  };
  Scroller plain = page(), moved = page();
  double t1 = 1.0, t2 = 1.0;
  fling(plain, t1);
  fling(moved, t2);
  moved.relocate(moved.offset() + 300, moved.destination() + 300);
  EXPECT_TRUE(moved.moving());
  settle(plain, t1);
  settle(moved, t2);
  EXPECT_NEAR(moved.offset(), plain.offset() + 300, 1.0f);
}

// moves() counts what was asked of the scroll, not where the offset is: a key's animation is
// counted before its first step, a new layout's placing is not counted at all.
TEST(Scroll, MovesCountsEveryAskedMoveEvenBeforeTheOffsetChanges) {
  Scroller s = page();
  double t = 0;
  unsigned n = s.moves();
  s.key(ScrollKey::page_down, t);
  EXPECT_EQ(s.moves(), ++n) << "a key, offset still " << s.offset();
  EXPECT_FLOAT_EQ(s.offset(), 0);
  s.animate_to(1200, t);
  EXPECT_EQ(s.moves(), ++n) << "a jump (a footnote, the focus brought into view)";
  s.scroll_by(30);
  EXPECT_EQ(s.moves(), ++n) << "the wheel";
  s.scroll_by(0);
  EXPECT_EQ(s.moves(), n) << "a horizontal wheel asks nothing";
  s.scroll_to(10);
  EXPECT_EQ(s.moves(), ++n) << "the scrollbar";
  s.touch_begin(500, t);
  EXPECT_EQ(s.moves(), n) << "a finger down only";
  s.touch_move(490, t + 0.016);
  EXPECT_EQ(s.moves(), ++n) << "the finger moved";
  s.touch_end(t + 0.032);
  s.set_extent(4000, 800);
  s.relocate(20, 20);
  s.step(t + 0.05);
  EXPECT_EQ(s.moves(), n) << "a new layout and the animation's steps are no asked moves";
}

TEST(Scroll, KeysAnimateToTheirDestination) {
  Scroller s = page();
  double t = 10;
  s.key(ScrollKey::line_down, t);
  EXPECT_TRUE(s.moving());
  EXPECT_FLOAT_EQ(s.offset(), 0);  // nothing jumps before the first frame
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), Scroller::kLine);
  s.key(ScrollKey::page_down, t);
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), Scroller::kLine + 700);
  s.key(ScrollKey::end, t);
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), 2200);
  s.key(ScrollKey::home, t);
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), 0);
  EXPECT_FALSE(s.moving());
}

TEST(Scroll, RepeatedKeysAccumulateFromTheTargetNotTheCurrentPosition) {
  Scroller s = page();
  double t = 0;
  s.key(ScrollKey::line_down, t);
  s.key(ScrollKey::line_down, t);
  s.key(ScrollKey::line_down, t);
  settle(s, t);
  EXPECT_FLOAT_EQ(s.offset(), 3 * Scroller::kLine);
}

TEST(Scroll, ReducedMotionJumpsAtOnce) {
  Scroller s = page();
  s.set_reduced_motion(true);
  s.key(ScrollKey::page_down, 0);
  EXPECT_FALSE(s.moving());
  EXPECT_FLOAT_EQ(s.offset(), 700);
}

TEST(Scroll, TouchDragFollowsTheFinger) {
  Scroller s = page();
  s.touch_begin(500, 0.0);
  s.touch_move(450, 0.5);
  s.touch_move(300, 1.0);
  EXPECT_FLOAT_EQ(s.offset(), 200);  // finger went up 200 px: content follows
  s.touch_end(1.5);                  // finger rested 0.5 s before lifting: no fling
  EXPECT_FALSE(s.moving());
}

TEST(Scroll, TouchDragReturnsWhatItCouldNotFollowPastAnEdge) {
  Scroller s = page();  // 3000 px of content in 800: 2200 to scroll
  s.touch_begin(500, 0.0);
  EXPECT_FLOAT_EQ(s.touch_move(600, 0.1), -100);  // at the top, nothing above
  EXPECT_FLOAT_EQ(s.touch_move(400, 0.2), 0);
  EXPECT_FLOAT_EQ(s.offset(), 200);
  EXPECT_FLOAT_EQ(s.touch_move(-1600, 0.3), 0);  // exactly to the bottom
  EXPECT_FLOAT_EQ(s.touch_move(-1750, 0.4), 150);
  EXPECT_FLOAT_EQ(s.offset(), 2200);
}

TEST(Scroll, FlingCoastsThenStopsWithoutOvershooting) {
  Scroller s = page();
  double t = 1.0;
  s.touch_begin(600, t);
  for (int i = 1; i <= 6; ++i) s.touch_move(600 - i * 20.0f, t + i * 0.016);  // 1250 px/s up
  t += 6 * 0.016;
  s.touch_end(t);
  const float released_at = s.offset();
  EXPECT_FLOAT_EQ(released_at, 120);
  EXPECT_TRUE(s.moving());
  settle(s, t);
  EXPECT_FALSE(s.moving());
  // v0 * tau = 1250 * 0.325 ≈ 406 px of coasting, minus the tail below the stop speed.
  EXPECT_GT(s.offset(), released_at + 300);
  EXPECT_LT(s.offset(), released_at + 450);
}

TEST(Scroll, FingerDownStopsCoasting) {
  Scroller s = page();
  double t = 0;
  s.touch_begin(600, t);
  for (int i = 1; i <= 5; ++i) s.touch_move(600 - i * 30.0f, t + i * 0.016);
  s.touch_end(t + 0.08);
  EXPECT_TRUE(s.moving());
  s.touch_begin(300, t + 0.1);
  EXPECT_FALSE(s.moving());
}

TEST(Scroll, ReducedMotionHasNoInertia) {
  Scroller s = page();
  s.set_reduced_motion(true);
  s.touch_begin(600, 0);
  for (int i = 1; i <= 5; ++i) s.touch_move(600 - i * 30.0f, i * 0.016);
  s.touch_end(0.08);
  EXPECT_FALSE(s.moving());
}

TEST(Scroll, NonFiniteInputIsIgnored) {
  Scroller s = page();
  s.scroll_by(100);
  s.scroll_by(std::numeric_limits<float>::quiet_NaN());
  EXPECT_FLOAT_EQ(s.offset(), 100);
  s.step(std::numeric_limits<double>::quiet_NaN());
  EXPECT_FLOAT_EQ(s.offset(), 100);
}

}  // namespace
}  // namespace passerelle
