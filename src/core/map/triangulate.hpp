// map/triangulate.hpp — fills a polygon with holes by ear clipping, because ImGui 1.86 can only
// fill convex polygons and the map's countries are anything but.
//
// The polygon comes as rings laid end to end in one point array: the outer ring first, then
// its holes.  Orientation does not matter (each ring is normalised: outer counter-clockwise,
// holes clockwise, in a y-up frame — "positive shoelace area"); a closing duplicate, repeated
// consecutive points and collinear runs are tolerated and simply skipped.  Holes are joined to
// the outer ring by a bridge from their rightmost vertex to a vertex visible along the +x ray
// (holes taken by decreasing max x, so each bridge sees the holes already joined), then the
// single weakly simple ring is clipped ear by ear.
//
// Robustness before beauty: rings produced by simplification may touch themselves or each
// other.  When a full turn of the ring finds no clean ear, the clipper first drops degenerate
// vertices, then cuts the "least bad" convex ear (the one whose triangle holds the fewest
// other vertices) and goes on — so it always terminates, with at most n − 2 + 2·holes
// triangles, every one of positive area (counter-clockwise in a y-up frame, like the outer
// ring).  A work budget (8,000,000 + 500·n vertex visits; real map polygons use about 30·n)
// bounds hostile inputs: once spent, ears are cut on convexity alone and holes not yet joined
// are left out, so the result may overlap but the time stays bounded.
//
// Depends on: the standard library only.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace passerelle {

struct TriPoint {
  double x = 0, y = 0;
};

struct TriangulateStats {
  int triangles = 0;
  int fallback_cuts = 0;      // ears cut although another vertex blocked them
  int dropped_vertices = 0;   // removed without a triangle: duplicates, collinear, inverted
  int dropped_holes = 0;      // holes of zero area (or too degenerate to join)
  bool budget_exhausted = false;
  std::uint64_t work = 0;     // vertices visited by ear tests and bridge searches
  std::uint64_t budget = 0;   // the visits allowed before ears are cut on convexity alone
};

// points: the rings one after another; ring_sizes[r] points for ring r (ring 0 = outer).
// Returns indices into points, three per triangle, each triangle with positive signed area
// (cross((b − a), (c − a)) > 0).  Rings past the end of points are cut short.
std::vector<std::uint32_t> triangulate(std::span<const TriPoint> points,
                                       std::span<const std::uint32_t> ring_sizes,
                                       TriangulateStats* stats = nullptr);

// The shoelace area of a ring (a closing duplicate changes nothing): positive when the ring
// turns counter-clockwise in a y-up frame (clockwise on a y-down screen).
double signed_area(std::span<const TriPoint> ring);

}  // namespace passerelle
