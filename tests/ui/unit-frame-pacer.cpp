// unit-frame-pacer.cpp — render on demand: frames wanted after a wake, while busy, and the
// frame clock handed to ImGui.
//
// Depends on: ui/app/frame_pacer.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "ui/app/frame_pacer.hpp"

namespace passerelle::ui {
namespace {

// Runs frames until the pacer wants no more; returns how many.
int frames_until_rest(FramePacer& p, double& t) {
  int n = 0;
  do {
    p.begin(t += 1.0 / 60);
    ++n;
  } while (p.end(false) && n < 100);
  return n;
}

TEST(FramePacer, ANewViewSettlesInThreeFramesThenRests) {
  FramePacer p;
  double t = 10;
  EXPECT_EQ(frames_until_rest(p, t), 3);
  EXPECT_EQ(p.frames(), 3);
  p.begin(t += 1);
  EXPECT_FALSE(p.end(false)) << "at rest, no frame is asked for";
}

TEST(FramePacer, AWakeAsksForFramesAndALongerWakeWins) {
  FramePacer p;
  double t = 10;
  frames_until_rest(p, t);
  p.wake();
  EXPECT_EQ(frames_until_rest(p, t), 3);
  p.wake(4);
  p.wake(2);  // does not shorten the 4
  EXPECT_EQ(frames_until_rest(p, t), 4);
}

TEST(FramePacer, ABusyFrameAlwaysAsksForAnother) {
  FramePacer p;
  double t = 10;
  frames_until_rest(p, t);
  for (int i = 0; i < 10; ++i) {
    p.begin(t += 1.0 / 60);
    EXPECT_TRUE(p.end(true));
  }
  EXPECT_EQ(p.frames_left(), 0);
}

TEST(FramePacer, TheFrameClockIsClampedForImGui) {
  FramePacer p;
  EXPECT_EQ(p.last_time_or_zero(), 0);
  EXPECT_FLOAT_EQ(p.begin(5.0), 1.0f / 60);  // the first frame
  EXPECT_EQ(p.last_time_or_zero(), 5.0);
  EXPECT_FLOAT_EQ(p.begin(5.02), 0.02f);
  EXPECT_FLOAT_EQ(p.begin(5.02), 1e-4f) << "ImGui asserts on a zero delta";
  EXPECT_FLOAT_EQ(p.begin(4.0), 1e-4f) << "nor a negative one";
  EXPECT_FLOAT_EQ(p.begin(60.0), 0.25f) << "a long pause is not one animation step";
}

}  // namespace
}  // namespace passerelle::ui
