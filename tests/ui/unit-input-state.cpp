// unit-input-state.cpp — input as ImGui 1.86 polls it: a quick click lasts a frame, widget
// keys replay one per two frames, keyups follow their keydowns, touch gestures start with
// their first finger.
//
// Depends on: ui/app/input_state.hpp, imgui.h (an ImGuiIO alone, no context), GoogleTest.
#include <gtest/gtest.h>

#include "ui/app/input_state.hpp"

namespace passerelle::ui {
namespace {

TEST(PointerState, AClickReleasedBeforeTheFrameStillLastsIt) {
  PointerState p;
  ImGuiIO io;
  p.press(ImVec2(10, 20));
  p.release();
  p.feed(io);
  EXPECT_TRUE(io.MouseDown[0]);
  EXPECT_EQ(io.MousePos.x, 10);
  EXPECT_EQ(io.MousePos.y, 20);
  p.feed(io);
  EXPECT_FALSE(io.MouseDown[0]) << "and only that frame";
}

// A finger lifted: one frame sees the release where it was (the tap presses its button),
// the next has no pointer (a touch screen has no hover), a quick tap included.
TEST(PointerState, ALiftedFingerIsReleasedInPlaceThenGone) {
  for (bool quick : {false, true}) {
    SCOPED_TRACE(quick ? "pressed and lifted between two frames" : "held over a frame");
    PointerState p;
    ImGuiIO io;
    p.press(ImVec2(10, 20));
    if (!quick) {
      p.feed(io);
      EXPECT_TRUE(io.MouseDown[0]);
    }
    p.lift();
    if (quick) {
      p.feed(io);
      EXPECT_TRUE(io.MouseDown[0]) << "the quick tap still lasts a frame";
    }
    p.feed(io);
    EXPECT_FALSE(io.MouseDown[0]);
    EXPECT_EQ(io.MousePos.x, 10) << "released where it was";
    p.feed(io);
    EXPECT_LT(io.MousePos.x, -1e30f) << "then no pointer";
  }
}

TEST(PointerState, LeavingKeepsAHeldButtonOnlyWhenAsked) {
  PointerState p;
  p.press(ImVec2(1, 1));
  p.leave(true);  // dragging the scrollbar's thumb off the canvas
  EXPECT_TRUE(p.down());
  EXPECT_LT(p.pos().x, -1e30f);
  p.leave(false);
  EXPECT_FALSE(p.down());
}

TEST(KeyReplay, PressesReplayOnePerTwoFramesInOrderWithTheirShift) {
  KeyReplay keys;
  ImGuiIO io;
  keys.push(UiKey::tab, false);
  keys.push(UiKey::tab, true);  // Shift+Tab, in the same frame
  keys.push(UiKey::activate, false);
  const int tab = static_cast<int>(UiKey::tab), space = static_cast<int>(UiKey::activate);
  struct Expect {
    int down;  // -1: nothing down
    bool shift;
  };
  const Expect frames[] = {{tab, false}, {-1, false}, {tab, true}, {-1, true}, {space, false}, {-1, false}};
  for (const Expect& e : frames) {
    EXPECT_TRUE(keys.pending());
    keys.feed(io);
    for (int i = 0; i < kUiKeyCount; ++i) EXPECT_EQ(io.KeysDown[i], i == e.down) << i;
    EXPECT_EQ(io.KeyShift, e.shift);
  }
  EXPECT_FALSE(keys.pending());
  EXPECT_EQ(io.KeyMap[ImGuiKey_Tab], tab);
  EXPECT_EQ(io.KeyMap[ImGuiKey_Escape], static_cast<int>(UiKey::escape));
}

TEST(KeyReplay, AKeyupIsOursWhenItsKeydownWas) {
  KeyReplay keys;
  keys.push(UiKey::escape, false);
  EXPECT_TRUE(keys.release(UiKey::escape));
  EXPECT_FALSE(keys.release(UiKey::escape)) << "forgotten after its keyup";
  keys.own(UiKey::left);
  keys.disown(UiKey::left);  // a new keydown nobody used
  EXPECT_FALSE(keys.release(UiKey::left));
}

TEST(TouchPoints, TheFirstFingerStartsAGestureAndLeadsIt) {
  TouchPoints t;
  EXPECT_EQ(t.add(7, ImVec2(10, 10)), 1u);
  t.set_on_map(true);
  t.set_hint_shown();
  EXPECT_EQ(t.add(3, ImVec2(50, 60)), 2u);
  EXPECT_EQ(t.start().x, 10) << "the second finger does not restart the gesture";
  EXPECT_TRUE(t.is_first(3)) << "fingers are ordered by id";
  EXPECT_TRUE(t.move(7, ImVec2(12, 14)));
  EXPECT_FALSE(t.move(99, ImVec2(0, 0)));
  ASSERT_EQ(t.points().size(), 2u);
  EXPECT_EQ(t.points()[1].y, 14);
  EXPECT_TRUE(t.remove(3));
  EXPECT_FALSE(t.remove(3));
  EXPECT_TRUE(t.remove(7));
  EXPECT_TRUE(t.empty());
  t.add(1, ImVec2(5, 5));  // a new gesture
  EXPECT_FALSE(t.on_map());
  EXPECT_FALSE(t.hint_shown());
  EXPECT_EQ(t.start().x, 5);
}

}  // namespace
}  // namespace passerelle::ui
