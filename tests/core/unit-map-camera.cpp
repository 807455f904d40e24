// unit-map-camera.cpp — the map view: fitting, bounds, zoom about a point, pinch, animation,
// reduced motion, and a seeded random walk that must never break the bounds or go NaN.
//
// Depends on: core/map/camera.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/map/camera.hpp"

namespace passerelle {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// A 2:1 frame in a 2:1 box: zoom 1 maps it exactly onto the box at 5 px per unit.
MapCamera wide(float w = 1000, float h = 500) {
  MapCamera c;
  c.set_viewport(w, h);
  c.set_region({0, 0, 200, 100});
  return c;
}

// The bounds rule, per axis, with a tolerance for float rounding.
::testing::AssertionResult in_bounds(const MapCamera& c) {
  const CamBox v = c.visible_box(), f = c.frame();
  const CamView view = c.view();
  if (!std::isfinite(view.zoom) || !std::isfinite(view.center.x) || !std::isfinite(view.center.y))
    return ::testing::AssertionFailure() << "non-finite view";
  if (view.zoom < c.min_zoom() || view.zoom > c.max_zoom())
    return ::testing::AssertionFailure() << "zoom " << view.zoom << " outside the limits";
  auto axis = [](float v0, float v1, float f0, float f1, const char* name) {
    const float tol = 1e-3f * (f1 - f0);
    const bool ok = (v1 - v0 >= f1 - f0 - tol) ? (v0 <= f0 + tol && v1 >= f1 - tol)
                                               : (v0 >= f0 - tol && v1 <= f1 + tol);
    if (ok) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << name << ": visible [" << v0 << ", " << v1
                                         << "] vs frame [" << f0 << ", " << f1 << "]";
  };
  auto x = axis(v.x0, v.x1, f.x0, f.x1, "x");
  if (!x) return x;
  return axis(v.y0, v.y1, f.y0, f.y1, "y");
}

void settle(MapCamera& c, double& t) {
  for (int i = 0; i < 600 && c.step(t += 1.0 / 60); ++i) {}
}

TEST(MapCamera, ZoomOneFitsTheFrame) {
  MapCamera c = wide();
  EXPECT_FLOAT_EQ(c.zoom(), 1);
  EXPECT_FLOAT_EQ(c.scale(), 5);
  const CamPoint tl = c.to_screen({0, 0}), br = c.to_screen({200, 100});
  EXPECT_FLOAT_EQ(tl.x, 0);
  EXPECT_FLOAT_EQ(tl.y, 0);
  EXPECT_FLOAT_EQ(br.x, 1000);
  EXPECT_FLOAT_EQ(br.y, 500);
}

TEST(MapCamera, ToMapInvertsToScreen) {
  MapCamera c = wide();
  c.zoom_at(3.7f, {123, 456});
  c.pan_by(-40, 17);
  for (CamPoint p : {CamPoint{0, 0}, CamPoint{500, 250}, CamPoint{999, 3}}) {
    const CamPoint back = c.to_screen(c.to_map(p));
    EXPECT_NEAR(back.x, p.x, 1e-3);
    EXPECT_NEAR(back.y, p.y, 1e-3);
  }
}

TEST(MapCamera, ContainLeavesSlackWhereTheFrameStaysEntirelyVisible) {
  MapCamera c;
  c.set_viewport(1000, 500);
  c.set_region({0, 0, 100, 100});  // square frame in a wide box: 500 px wide, centred
  EXPECT_FLOAT_EQ(c.to_screen({0, 0}).x, 250);
  c.pan_by(10000, 0);  // drag far right: the frame's right edge stops at the box's edge
  EXPECT_FLOAT_EQ(c.to_screen({100, 0}).x, 1000);
  EXPECT_FLOAT_EQ(c.to_screen({0, 0}).x, 500);
  c.pan_by(-10000, 0);
  EXPECT_FLOAT_EQ(c.to_screen({0, 0}).x, 0);
  c.pan_by(0, 300);  // vertically the frame exactly fills the box: no slack at all
  EXPECT_FLOAT_EQ(c.to_screen({0, 0}).y, 0);
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, ZoomedInTheViewStaysInsideTheFrame) {
  MapCamera c;
  c.set_viewport(1000, 500);
  c.set_region({0, 0, 100, 100});
  c.zoom_at(4, {500, 250});  // 50 x 25 units visible
  c.pan_by(1e6f, 1e6f);
  CamBox v = c.visible_box();
  EXPECT_NEAR(v.x0, 0, 1e-4);
  EXPECT_NEAR(v.y0, 0, 1e-4);
  c.pan_by(-1e6f, -1e6f);
  v = c.visible_box();
  EXPECT_NEAR(v.x1, 100, 1e-4);
  EXPECT_NEAR(v.y1, 100, 1e-4);
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, PanFollowsThePointer) {
  MapCamera c = wide();
  c.zoom_at(4, {500, 250});
  const CamPoint m = c.to_map({400, 300});
  c.pan_by(30, -20);
  const CamPoint s = c.to_screen(m);
  EXPECT_NEAR(s.x, 430, 1e-3);
  EXPECT_NEAR(s.y, 280, 1e-3);
}

TEST(MapCamera, ZoomAtKeepsThePointUnderTheAnchor) {
  MapCamera c = wide();
  const CamPoint anchor{300, 200};
  const CamPoint m = c.to_map(anchor);
  c.zoom_at(2.5f, anchor);
  EXPECT_FLOAT_EQ(c.zoom(), 2.5f);
  const CamPoint s = c.to_screen(m);
  EXPECT_NEAR(s.x, anchor.x, 1e-3);
  EXPECT_NEAR(s.y, anchor.y, 1e-3);
  c.zoom_at(0.8f, anchor);  // zooming back out about the same point also keeps it
  EXPECT_NEAR(c.to_screen(m).x, anchor.x, 1e-3);
}

TEST(MapCamera, ZoomingOutNearAnEdgeYieldsToTheBounds) {
  MapCamera c = wide();
  c.zoom_at(4, {0, 0});  // the frame's corner stays at the box's corner
  EXPECT_NEAR(c.to_screen({0, 0}).x, 0, 1e-3);
  c.zoom_at(0.5f, {1000, 500});  // pinning the far corner would show outside the frame
  EXPECT_FLOAT_EQ(c.zoom(), 2);
  EXPECT_TRUE(in_bounds(c));
  EXPECT_NEAR(c.visible_box().x0, 0, 1e-4);
}

TEST(MapCamera, ZoomIsClampedToTheLimits) {
  MapCamera c = wide();
  c.zoom_at(0.2f, {500, 250});
  EXPECT_FLOAT_EQ(c.zoom(), 1);
  c.zoom_at(1000, {500, 250});
  EXPECT_FLOAT_EQ(c.zoom(), 12);
  c.set_zoom_limits(1, 20);
  c.zoom_at(1000, {500, 250});
  EXPECT_FLOAT_EQ(c.zoom(), 20);
  c.set_zoom_limits(1, 6);  // lowering the maximum pulls the view back
  EXPECT_FLOAT_EQ(c.zoom(), 6);
  c.set_zoom_limits(5, 2);  // nonsense is ignored
  c.set_zoom_limits(0, 2);
  EXPECT_FLOAT_EQ(c.min_zoom(), 1);
  EXPECT_FLOAT_EQ(c.max_zoom(), 6);
}

TEST(MapCamera, ResizingKeepsTheVisibleCentreAndZoom) {
  MapCamera c = wide();
  c.zoom_at(3, {600, 200});
  const CamView before = c.view();
  c.set_viewport(800, 450);  // e.g. the phone rotated or the window narrowed
  EXPECT_FLOAT_EQ(c.zoom(), before.zoom);
  EXPECT_FLOAT_EQ(c.center().x, before.center.x);
  EXPECT_FLOAT_EQ(c.center().y, before.center.y);
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, ResizingReappliesTheBounds) {
  MapCamera c = wide();
  c.zoom_at(2, {0, 250});
  c.pan_by(1e6f, 0);  // at the left edge
  c.set_viewport(1000, 1000);  // taller box at the same zoom
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, InvalidRegionsAreIgnoredAndCornersMayComeInAnyOrder) {
  MapCamera c = wide();
  c.set_region({10, 10, 10, 50});
  c.set_region({kNaN, 0, 1, 1});
  EXPECT_FLOAT_EQ(c.frame().x1, 200);
  c.set_region({200, 100, 0, 0});
  EXPECT_FLOAT_EQ(c.frame().x0, 0);
  EXPECT_FLOAT_EQ(c.frame().x1, 200);
}

TEST(MapCamera, NothingIsNaNBeforeTheViewportIsKnown) {
  MapCamera c;
  c.set_region({-20, 5, 45, 40});
  c.zoom_at(3, {0, 0});
  c.pan_by(10, 10);
  c.zoom_to_box({0, 0, 1, 1}, 10, 0);
  const CamPoint s = c.to_screen({0, 0}), m = c.to_map({5, 5});
  EXPECT_TRUE(std::isfinite(s.x) && std::isfinite(s.y) && std::isfinite(m.x) && std::isfinite(m.y));
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, NonFiniteInputIsIgnored) {
  MapCamera c = wide();
  c.zoom_at(2, {500, 250});
  const CamView before = c.view();
  c.pan_by(kNaN, 1);
  c.zoom_at(kNaN, {1, 1});
  c.zoom_at(2, {kNaN, 1});
  c.zoom_at(-2, {1, 1});
  c.zoom_at(0, {1, 1});
  c.set_view({{kNaN, kNaN}, kNaN});
  c.zoom_to_box({kNaN, 0, 1, 1}, 0, 0);
  c.begin_pinch({kNaN, 0}, {1, 1});
  c.update_pinch({kNaN, 0}, {1, 1});
  c.set_viewport(kNaN, 500);
  c.set_viewport(1000, 500);
  EXPECT_FLOAT_EQ(c.zoom(), before.zoom);
  EXPECT_FLOAT_EQ(c.center().x, before.center.x);
  EXPECT_FLOAT_EQ(c.center().y, before.center.y);
}

TEST(MapCamera, DoubleClickZoomAnimatesAboutThePointer) {
  MapCamera c = wide();
  const CamPoint anchor{700, 150};
  const CamPoint m = c.to_map(anchor);
  double t = 5;
  c.zoom_by(2, anchor, t);
  EXPECT_TRUE(c.is_animating());
  EXPECT_FLOAT_EQ(c.zoom(), 1);  // nothing jumps before the first frame
  int frames = 0;
  while (c.step(t += 1.0 / 60)) {
    ++frames;
    const CamPoint s = c.to_screen(m);  // the clicked place never swings away
    EXPECT_NEAR(s.x, anchor.x, 0.05);
    EXPECT_NEAR(s.y, anchor.y, 0.05);
  }
  EXPECT_GE(frames, 12);  // ~0.25 s at 60 fps
  EXPECT_LE(frames, 16);
  EXPECT_FALSE(c.is_animating());
  EXPECT_FLOAT_EQ(c.zoom(), 2);
  EXPECT_NEAR(c.to_screen(m).x, anchor.x, 1e-3);
}

TEST(MapCamera, AnimationEasesOut) {
  MapCamera c = wide();
  c.zoom_by(8, {500, 250}, 0);
  c.step(MapCamera::kAnimSeconds / 2);
  // Half the time covers well over half the (logarithmic) way.
  EXPECT_GT(std::log(c.zoom()) / std::log(8.0f), 0.8f);
  EXPECT_TRUE(c.step(MapCamera::kAnimSeconds * 0.99));
  EXPECT_FALSE(c.step(MapCamera::kAnimSeconds));
  EXPECT_FLOAT_EQ(c.zoom(), 8);
}

TEST(MapCamera, QuickRepeatedZoomsCompoundFromTheTarget) {
  MapCamera c = wide();
  double t = 0;
  c.zoom_by(2, {500, 250}, t);
  c.step(t += 0.05);
  c.zoom_by(2, {500, 250}, t);  // "+" pressed twice quickly
  settle(c, t);
  EXPECT_FLOAT_EQ(c.zoom(), 4);
}

TEST(MapCamera, ReducedMotionLandsAtOnce) {
  MapCamera c = wide();
  c.set_reduced_motion(true);
  c.zoom_by(2, {500, 250}, 0);
  EXPECT_FALSE(c.is_animating());
  EXPECT_FLOAT_EQ(c.zoom(), 2);
  c.zoom_to_box({10, 10, 30, 20}, 0, 0);
  EXPECT_FALSE(c.is_animating());
  c.reset(0);
  EXPECT_FALSE(c.is_animating());
  EXPECT_FLOAT_EQ(c.zoom(), 1);
}

TEST(MapCamera, DirectManipulationCancelsTheAnimation) {
  MapCamera c = wide();
  double t = 0;
  c.zoom_by(4, {500, 250}, t);
  c.step(t += 0.05);
  const float mid_zoom = c.zoom();
  c.pan_by(5, 0);  // the user grabs the map mid-flight: it stays where it is
  EXPECT_FALSE(c.is_animating());
  EXPECT_FALSE(c.step(t += 0.05));
  EXPECT_FLOAT_EQ(c.zoom(), mid_zoom);

  c.zoom_by(2, {500, 250}, t);
  c.zoom_at(1.1f, {500, 250});  // a wheel notch
  EXPECT_FALSE(c.is_animating());
  c.reset(t);
  c.begin_pinch({400, 250}, {600, 250});
  EXPECT_FALSE(c.is_animating());
}

TEST(MapCamera, ResetAnimatesBackToTheWholeFrame) {
  MapCamera c = wide();
  c.zoom_at(5, {100, 100});
  double t = 0;
  c.reset(t);
  EXPECT_TRUE(c.is_animating());
  settle(c, t);
  EXPECT_FLOAT_EQ(c.zoom(), 1);
  EXPECT_FLOAT_EQ(c.center().x, 100);
  EXPECT_FLOAT_EQ(c.center().y, 50);
}

TEST(MapCamera, ZoomToBoxShowsTheCountryWithPadding) {
  MapCamera c = wide();
  double t = 0;
  c.zoom_to_box({40, 45, 60, 55}, 20, t);
  settle(c, t);
  // 960 x 460 px of room for 20 x 10 units: 46 px per unit, limited by the height.
  EXPECT_NEAR(c.scale(), 46, 1e-3);
  const CamPoint a = c.to_screen({40, 45}), b = c.to_screen({60, 55});
  EXPECT_GE(a.x, 20 - 1e-3);
  EXPECT_NEAR(a.y, 20, 1e-3);
  EXPECT_LE(b.x, 980 + 1e-3);
  EXPECT_NEAR(b.y, 480, 1e-3);
}

TEST(MapCamera, ZoomToBoxRespectsTheLimitsAndTheBounds) {
  MapCamera c = wide();
  c.zoom_to_box({199, 99, 199.01f, 99.01f}, 10, 0);  // tiny island in a corner
  c.step(1);
  EXPECT_FLOAT_EQ(c.zoom(), 12);
  EXPECT_TRUE(in_bounds(c));
  c.zoom_to_box({150, 50, 150, 50}, 10, 1);  // a single point
  c.step(2);
  EXPECT_FLOAT_EQ(c.zoom(), 12);
  c.zoom_to_box({-500, -500, 500, 500}, 10, 2);  // bigger than the frame
  c.step(3);
  EXPECT_FLOAT_EQ(c.zoom(), 1);
  c.zoom_to_box({0, 0, 10, 10}, 5000, 3);  // padding wider than the box
  c.step(4);
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, PinchZoomsAboutTheMidpointAndPansWithIt) {
  MapCamera c = wide();
  const CamPoint m = c.to_map({500, 250});
  c.begin_pinch({450, 250}, {550, 250});
  c.update_pinch({400, 250}, {600, 250});  // fingers twice as far apart
  EXPECT_FLOAT_EQ(c.zoom(), 2);
  EXPECT_NEAR(c.to_screen(m).x, 500, 1e-3);
  c.update_pinch({420, 230}, {620, 230});  // both fingers move together
  EXPECT_FLOAT_EQ(c.zoom(), 2);
  EXPECT_NEAR(c.to_screen(m).x, 520, 1e-3);
  EXPECT_NEAR(c.to_screen(m).y, 230, 1e-3);
  c.end_pinch();
  EXPECT_FALSE(c.pinching());
  c.update_pinch({0, 0}, {1000, 0});  // ignored once ended
  EXPECT_FLOAT_EQ(c.zoom(), 2);
}

TEST(MapCamera, PinchWithTouchingFingersDoesNotBlowUp) {
  MapCamera c = wide();
  c.begin_pinch({500, 250}, {500, 250});
  c.update_pinch({500, 250}, {600, 250});
  c.update_pinch({550, 250}, {550, 250});
  c.update_pinch({500, 250}, {500.5f, 250});
  EXPECT_TRUE(in_bounds(c));
}

TEST(MapCamera, RandomInputNeverBreaksTheBounds) {
  std::mt19937 rng(20240611);
  auto uni = [&](float a, float b) { return std::uniform_real_distribution<float>(a, b)(rng); };
  MapCamera c;
  c.set_viewport(1000, 600);
  c.set_region({-17.5f, -51.0f, 45.0f, -5.0f});  // roughly Dakar to Damascus, y down
  double t = 0;
  for (int i = 0; i < 10000; ++i) {
    const int op = static_cast<int>(rng() % 12);
    const CamPoint p{uni(-300, 1500), uni(-300, 900)}, q{uni(-300, 1500), uni(-300, 900)};
    switch (op) {
      case 0: c.pan_by(uni(-3000, 3000), uni(-3000, 3000)); break;
      case 1: c.pan_by(uni(-5, 5), uni(-5, 5)); break;
      case 2: c.zoom_at(std::exp(uni(-4, 4)), p); break;
      case 3: c.zoom_by(std::exp(uni(-2, 2)), p, t); break;
      case 4: c.zoom_to_box({uni(-40, 60), uni(-60, 0), uni(-40, 60), uni(-60, 0)}, uni(-10, 600), t); break;
      case 5: c.reset(t); break;
      case 6: c.begin_pinch(p, q); break;
      case 7: c.update_pinch(p, q); break;
      case 8: c.end_pinch(); break;
      case 9: c.set_viewport(uni(0, 2000), uni(0, 1200)); break;
      case 10: c.set_reduced_motion(rng() % 4 == 0); break;
      default: c.step(t += uni(0, 0.1f)); break;
    }
    c.step(t += 1.0 / 60);
    ASSERT_TRUE(in_bounds(c)) << "after step " << i << " (op " << op << ")";
    const CamPoint s = c.to_screen({0, -20});
    ASSERT_TRUE(std::isfinite(s.x) && std::isfinite(s.y)) << "step " << i;
  }
}

}  // namespace
}  // namespace passerelle
