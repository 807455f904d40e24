// unit-triangulate.cpp — ear clipping fills exactly the polygon (outer minus holes): the
// triangles' areas add up to the polygon's, none is inverted, every index is in range, and
// degenerate or hostile rings terminate without a crash.
//
// Depends on: core/map/triangulate.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/map/triangulate.hpp"

using namespace passerelle;

namespace {

constexpr double kPi = 3.141592653589793;

struct Polygon {
  std::vector<TriPoint> points;
  std::vector<std::uint32_t> sizes;
  Polygon& ring(std::vector<TriPoint> r) {
    sizes.push_back(static_cast<std::uint32_t>(r.size()));
    points.insert(points.end(), r.begin(), r.end());
    return *this;
  }
};

std::vector<TriPoint> reversed(std::vector<TriPoint> r) {
  std::reverse(r.begin(), r.end());
  return r;
}

std::vector<TriPoint> rect(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

double area_of(const Polygon& p) {
  double total = 0;
  std::size_t offset = 0;
  for (std::size_t r = 0; r < p.sizes.size(); ++r) {
    const double a = std::fabs(signed_area(std::span(p.points).subspan(offset, p.sizes[r])));
    total += r == 0 ? a : -a;
    offset += p.sizes[r];
  }
  return total;
}

double tri_area(const TriPoint& a, const TriPoint& b, const TriPoint& c) {
  return ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) / 2;
}

// Triangulates and checks indices, orientation and the area balance; returns the triangles.
std::vector<std::uint32_t> check(const Polygon& p, const std::string& label,
                                 double rel = 1e-6, TriangulateStats* stats_out = nullptr) {
  TriangulateStats stats;
  const std::vector<std::uint32_t> t = triangulate(p.points, p.sizes, &stats);
  if (stats_out) *stats_out = stats;
  EXPECT_EQ(t.size() % 3, 0u) << label;
  EXPECT_EQ(static_cast<std::size_t>(stats.triangles) * 3, t.size()) << label;
  double sum = 0;
  for (std::size_t i = 0; i + 2 < t.size(); i += 3) {
    for (std::size_t k = 0; k < 3; ++k) EXPECT_LT(t[i + k], p.points.size()) << label;
    if (t[i] >= p.points.size() || t[i + 1] >= p.points.size() || t[i + 2] >= p.points.size())
      return t;
    const double a = tri_area(p.points[t[i]], p.points[t[i + 1]], p.points[t[i + 2]]);
    EXPECT_GT(a, 0) << label << ": triangle " << i / 3 << " is inverted or flat";
    sum += std::fabs(a);
  }
  const double expected = area_of(p);
  EXPECT_NEAR(sum, expected, rel * std::max(1e-300, std::fabs(expected))) << label;
  return t;
}

std::size_t expected_triangles(const Polygon& p) {
  return p.points.size() - 2 + 2 * (p.sizes.size() - 1);
}

}  // namespace

TEST(Triangulate, SquareEitherOrientation) {
  Polygon ccw;
  ccw.ring(rect(0, 0, 1, 1));
  EXPECT_EQ(check(ccw, "ccw").size(), 6u);
  Polygon cw;
  cw.ring(reversed(rect(0, 0, 1, 1)));
  EXPECT_EQ(check(cw, "cw").size(), 6u);
}

TEST(Triangulate, ConcaveLUAndComb) {
  Polygon l;
  l.ring({{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}});
  EXPECT_LE(check(l, "L").size() / 3, expected_triangles(l));  // 3: one diagonal is collinear

  Polygon u;
  u.ring({{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}});
  EXPECT_EQ(check(u, "U").size() / 3, expected_triangles(u));

  // A comb of 13 deep, thin teeth on a base (y-down screens see them hang).
  std::vector<TriPoint> comb = {{0, 0}, {25, 0}};
  for (int i = 12; i >= 0; --i) {
    comb.push_back({2.0 * i + 1, 10});
    comb.push_back({2.0 * i, 10});
    if (i > 0) comb.push_back({2.0 * i, 1}), comb.push_back({2.0 * i - 1, 1});
  }
  Polygon c;
  c.ring(comb);
  EXPECT_LE(check(c, "comb").size() / 3, expected_triangles(c));  // gaps line up on y = 1
  Polygon c_cw;
  c_cw.ring(reversed(comb));
  check(c_cw, "comb reversed");
}

TEST(Triangulate, SquareWithOneHole) {
  Polygon p;
  p.ring(rect(0, 0, 10, 10)).ring(rect(3, 3, 6, 6));
  EXPECT_EQ(check(p, "one hole").size() / 3, expected_triangles(p));
  Polygon same_orientation;  // holes given with the outer ring's orientation
  same_orientation.ring(rect(0, 0, 10, 10)).ring(reversed(rect(3, 3, 6, 6)));
  check(same_orientation, "hole reversed");
}

TEST(Triangulate, SquareWithTwoHoles) {
  Polygon side_by_side;
  side_by_side.ring(rect(0, 0, 10, 10)).ring(rect(1, 1, 4, 4)).ring(rect(6, 6, 9, 9));
  EXPECT_EQ(check(side_by_side, "side by side").size() / 3, expected_triangles(side_by_side));
  // Same max x: the second hole's ray meets the first one's bridge region.
  Polygon stacked;
  stacked.ring(reversed(rect(0, 0, 10, 10))).ring(rect(2, 1, 8, 4)).ring(reversed(rect(2, 6, 8, 9)));
  EXPECT_LE(check(stacked, "stacked").size() / 3, expected_triangles(stacked));  // bridges line up
  // A hole in the shadow of another (its +x ray hits the first hole).
  Polygon shadow;
  shadow.ring(rect(0, 0, 20, 10)).ring(rect(12, 2, 18, 8)).ring(rect(2, 4, 6, 6));
  EXPECT_EQ(check(shadow, "shadow").size() / 3, expected_triangles(shadow));
}

TEST(Triangulate, CollinearPointsAreSkipped) {
  Polygon p;
  p.ring({{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}, {0, 3}, {0, 2}, {0, 1}});
  const auto t = check(p, "collinear");
  EXPECT_LE(t.size() / 3, expected_triangles(p));
  Polygon all_on_a_line;
  all_on_a_line.ring({{0, 0}, {1, 1}, {2, 2}, {3, 3}});
  EXPECT_TRUE(triangulate(all_on_a_line.points, all_on_a_line.sizes).empty());
}

TEST(Triangulate, DuplicatePointsAndClosingDuplicateAreSkipped) {
  Polygon p;
  p.ring({{0, 0}, {0, 0}, {4, 0}, {4, 0}, {4, 0}, {4, 4}, {2, 2}, {2, 2}, {0, 4}, {0, 0}});
  check(p, "duplicates");
  Polygon hole;
  hole.ring({{0, 0}, {9, 0}, {9, 9}, {0, 9}, {0, 0}}).ring({{3, 3}, {3, 3}, {6, 3}, {6, 6}, {3, 6}, {3, 3}});
  check(hole, "duplicates in a hole");
}

TEST(Triangulate, RandomStarShapedPolygons) {
  std::mt19937 rng(4242);
  std::uniform_real_distribution<double> radius(0.2, 1.0), jitter(0.0, 1.0);
  for (int iteration = 0; iteration < 300; ++iteration) {
    const int n = 3 + static_cast<int>(rng() % 150);
    std::vector<TriPoint> ring;
    for (int i = 0; i < n; ++i) {
      const double angle = 2 * kPi * (i + 0.9 * jitter(rng)) / n;  // strictly increasing
      const double r = radius(rng);
      ring.push_back({100 + r * std::cos(angle) * 50, -40 + r * std::sin(angle) * 50});
    }
    Polygon p;
    p.ring(iteration % 2 ? reversed(ring) : ring);
    if (iteration % 3 == 0) {  // a small hole inside the kernel (radius < 0.2 · 50)
      const double s = 2 + jitter(rng) * 3;
      p.ring(rect(100 - s, -40 - s, 100 + s * 0.5, -40 + s * 0.7));
    }
    const auto t = check(p, "star " + std::to_string(iteration));
    EXPECT_EQ(t.size() / 3, expected_triangles(p)) << iteration;
  }
}

TEST(Triangulate, LargeRingUsesTheSpatialIndexAndStaysFast) {
  // A 20,000-vertex "coastline" (a random walk around a circle) with 40 lakes.  Without the
  // z-order index every ear test would visit the whole ring: ~20,000 visits per vertex.
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 20000;
  std::vector<TriPoint> ring;
  double walk = 0;
  for (int i = 0; i < n; ++i) {
    const double angle = 2 * kPi * i / n;
    walk = (walk + (u(rng) - 0.5) * 0.01) * 0.999;
    const double r = 0.85 + walk + 0.05 * std::sin(23 * angle);
    ring.push_back({r * std::cos(angle), r * std::sin(angle)});
  }
  Polygon p;
  p.ring(ring);
  for (int h = 0; h < 40; ++h) {
    const double a = 2 * kPi * h / 40, x = 0.4 * std::cos(a), y = 0.4 * std::sin(a);
    p.ring(rect(x - 0.02, y - 0.02, x + 0.02, y + 0.02));
  }
  const auto start = std::chrono::steady_clock::now();
  TriangulateStats stats;
  const auto t = check(p, "large", 1e-6, &stats);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LE(t.size() / 3, expected_triangles(p));
  EXPECT_EQ(stats.fallback_cuts, 0);
  EXPECT_FALSE(stats.budget_exhausted);
  EXPECT_LT(stats.work, 200u * p.points.size());  // ~110: 40 bridge searches walk the ring
  std::printf("[ info ] 20,000 vertices + 40 holes: %.1f ms, %.1f visits per vertex\n", ms,
              static_cast<double>(stats.work) / static_cast<double>(p.points.size()));
}

TEST(Triangulate, SpikyStarStaysWithinTheBudget) {
  // Random radii on every vertex: the worst shape for the z-order index short of garbage.
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const int n = 5000;
  std::vector<TriPoint> ring;
  for (int i = 0; i < n; ++i) {
    const double angle = 2 * kPi * i / n, r = 0.7 + 0.3 * u(rng);
    ring.push_back({r * std::cos(angle), r * std::sin(angle)});
  }
  Polygon p;
  p.ring(ring);
  TriangulateStats stats;
  EXPECT_EQ(check(p, "spiky", 1e-6, &stats).size() / 3, expected_triangles(p));
  EXPECT_FALSE(stats.budget_exhausted);
}

TEST(Triangulate, SelfTouchingRingsStillFillTheirArea) {
  // Two squares meeting at one corner, walked as one ring (a figure of eight).
  Polygon eight;
  eight.ring({{0, 0}, {1, 0}, {1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}, {0, 1}});
  check(eight, "figure eight");
  // A hole whose corner touches the outer ring.
  Polygon touching;
  touching.ring(rect(0, 0, 10, 10)).ring({{5, 0}, {7, 3}, {3, 3}});
  check(touching, "hole touching the outer ring");
  // A hole touching the outer ring at its rightmost vertex (the bridge has zero length).
  Polygon rightmost;
  rightmost.ring(rect(0, 0, 10, 10)).ring({{10, 5}, {6, 7}, {6, 3}});
  check(rightmost, "hole touching at its rightmost vertex");
  // A zero-width spike (simplification can fold an edge back on itself).
  Polygon spike;
  spike.ring({{0, 0}, {4, 0}, {4, 2}, {6, 2}, {4, 2}, {4, 4}, {0, 4}});
  check(spike, "spike");
  // A pinched notch: the ring comes back to a vertex it already visited.
  Polygon pinch;
  pinch.ring({{0, 0}, {6, 0}, {6, 6}, {3, 6}, {4, 3}, {2, 3}, {3, 6}, {0, 6}});
  check(pinch, "pinched notch");
}

TEST(Triangulate, DegenerateInputsGiveNothingAndNeverCrash) {
  EXPECT_TRUE(triangulate({}, {}).empty());
  const std::vector<TriPoint> two = {{0, 0}, {1, 1}};
  const std::vector<std::uint32_t> size2 = {2};
  EXPECT_TRUE(triangulate(two, size2).empty());
  const std::vector<std::uint32_t> too_long = {50};  // more than there are points
  EXPECT_TRUE(triangulate(two, too_long).empty());
  const std::vector<TriPoint> nan = {{0, 0}, {1, 0}, {std::nan(""), 1}, {0, 1}};
  const std::vector<std::uint32_t> size4 = {4};
  for (std::uint32_t i : triangulate(nan, size4)) EXPECT_LT(i, 4u);
  // Holes outside the outer ring, of zero area, or empty.
  Polygon odd;
  odd.ring(rect(0, 0, 1, 1)).ring(rect(5, 5, 6, 6)).ring({{0.5, 0.5}, {0.6, 0.6}, {0.7, 0.7}});
  odd.sizes.push_back(0);
  for (std::uint32_t i : triangulate(odd.points, odd.sizes)) EXPECT_LT(i, odd.points.size());
}

TEST(Triangulate, RandomGarbageAlwaysTerminatesWithValidIndices) {
  // Self-intersecting rings have no right answer; the contract is: terminate, stay in range,
  // never emit an inverted triangle, never more than n − 2 + 2·holes triangles.
  std::mt19937 rng(77);
  std::uniform_int_distribution<int> coord(0, 20);
  for (int iteration = 0; iteration < 500; ++iteration) {
    Polygon p;
    const int rings = 1 + static_cast<int>(rng() % 3);
    for (int r = 0; r < rings; ++r) {
      std::vector<TriPoint> ring(3 + rng() % 40);
      for (TriPoint& q : ring) q = {static_cast<double>(coord(rng)), static_cast<double>(coord(rng))};
      p.ring(ring);
    }
    TriangulateStats stats;
    const auto t = triangulate(p.points, p.sizes, &stats);
    ASSERT_LE(t.size() / 3, expected_triangles(p)) << iteration;
    for (std::size_t i = 0; i + 2 < t.size(); i += 3) {
      ASSERT_LT(std::max({t[i], t[i + 1], t[i + 2]}), p.points.size()) << iteration;
      EXPECT_GT(tri_area(p.points[t[i]], p.points[t[i + 1]], p.points[t[i + 2]]), 0) << iteration;
    }
  }
}

TEST(Triangulate, SignedAreaIsPositiveCounterClockwise) {
  const auto square = rect(0, 0, 2, 3);
  EXPECT_DOUBLE_EQ(signed_area(square), 6);
  EXPECT_DOUBLE_EQ(signed_area(reversed(square)), -6);
  auto closed = square;
  closed.push_back(square.front());
  EXPECT_DOUBLE_EQ(signed_area(closed), 6);
}
