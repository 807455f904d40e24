// map/triangulate.cpp — hole bridging and ear clipping over a linked ring (see map/triangulate.hpp).
//
// The ring is a doubly linked list of nodes in one vector (indices, no pointers).  Large rings
// also get a second list sorted by a Morton (z-order) key, so that "is any vertex inside this
// ear?" only walks the vertices whose key lies between the keys of the ear's bounding-box
// corners instead of the whole ring.
//
// Depends on: map/triangulate.hpp, the standard library.
#include "core/map/triangulate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace passerelle {
namespace {

constexpr std::int32_t kNone = -1;
constexpr std::size_t kZOrderFrom = 64;  // smaller rings are scanned linearly

struct Node {
  double x = 0, y = 0;
  std::uint32_t index = 0;  // into the caller's points
  std::int32_t prev = kNone, next = kNone;
  std::int32_t prev_z = kNone, next_z = kNone;
  std::uint32_t z = 0;
  bool removed = false;
};

double cross(const Node& a, const Node& b, const Node& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

bool same_place(const Node& a, const Node& b) { return a.x == b.x && a.y == b.y; }

std::uint32_t spread_bits(std::uint32_t v) {  // 16 bits → every other bit of 32
  v = (v | (v << 8)) & 0x00FF00FFu;
  v = (v | (v << 4)) & 0x0F0F0F0Fu;
  v = (v | (v << 2)) & 0x33333333u;
  v = (v | (v << 1)) & 0x55555555u;
  return v;
}

class Triangulator {
 public:
  Triangulator(std::vector<std::uint32_t>& out, TriangulateStats& stats) : out_(out), st_(stats) {}

  // Links ring points [begin, end) with the requested orientation; returns a node or kNone
  // when fewer than three distinct points or zero area remain.
  std::int32_t add_ring(std::span<const TriPoint> pts, std::uint32_t first_index,
                        bool counter_clockwise);
  void add_hole(std::int32_t hole) { holes_.push_back(hole); }
  void run(std::int32_t outer, std::size_t input_points);

 private:
  Node& at(std::int32_t i) { return nodes_[static_cast<std::size_t>(i)]; }
  std::int32_t link_after(std::int32_t prev, double x, double y, std::uint32_t index);
  void remove(std::int32_t i);
  std::int32_t filter(std::int32_t start);
  std::int32_t drop_degenerate(std::int32_t a, std::int32_t b);
  std::int32_t join_holes(std::int32_t outer);
  std::int32_t find_bridge(std::int32_t hole, std::int32_t outer);
  std::int32_t ray_hit(const Node& m, std::int32_t outer, double& hit_x);
  std::int32_t nearest_vertex(const Node& m, std::int32_t outer);
  std::int32_t best_visible(const Node& m, std::int32_t outer, std::int32_t candidate,
                            double hit_x);
  std::int32_t split(std::int32_t a, std::int32_t b);
  bool locally_inside(std::int32_t a, const Node& b);
  void index_z(std::int32_t start);
  std::uint32_t z_of(double x, double y) const;
  // Number of vertices blocking the ear at i, stopping once it reaches limit.
  int blockers(std::int32_t i, int limit);
  bool blocks(std::int32_t p, const Node& a, const Node& b, const Node& c);
  void clip(std::int32_t ear);
  std::int32_t cut_least_bad(std::int32_t start);
  void emit(std::int32_t a, std::int32_t b, std::int32_t c);

  std::vector<Node> nodes_;
  std::vector<std::int32_t> holes_;
  std::vector<std::int32_t> scratch_;
  std::vector<std::uint32_t>& out_;
  TriangulateStats& st_;
  bool z_indexed_ = false;
  double min_x_ = 0, min_y_ = 0, inv_size_ = 0;
  std::uint64_t work_ = 0, budget_ = 0;
};

std::int32_t Triangulator::link_after(std::int32_t prev, double x, double y, std::uint32_t index) {
  const auto i = static_cast<std::int32_t>(nodes_.size());
  Node n;
  n.x = x;
  n.y = y;
  n.index = index;
  nodes_.push_back(n);
  if (prev == kNone) {
    at(i).prev = at(i).next = i;
  } else {
    at(i).next = at(prev).next;
    at(i).prev = prev;
    at(at(prev).next).prev = i;
    at(prev).next = i;
  }
  return i;
}

void Triangulator::remove(std::int32_t i) {
  Node& n = at(i);
  at(n.next).prev = n.prev;
  at(n.prev).next = n.next;
  if (n.prev_z != kNone) at(n.prev_z).next_z = n.next_z;
  if (n.next_z != kNone) at(n.next_z).prev_z = n.prev_z;
  n.prev_z = n.next_z = kNone;
  n.removed = true;
}

// After a cut, its two neighbours may have become degenerate (collinear, or back on a vertex
// at the same place, as when the two halves of a pinched ring are done): drop them, and
// their neighbours in turn.  Leaving them would let a later "ear" span a zero-area spike and
// cover ground outside the polygon.  Returns a surviving node.
std::int32_t Triangulator::drop_degenerate(std::int32_t a, std::int32_t b) {
  std::vector<std::int32_t>& stack = scratch_;
  stack.assign({a, b});
  std::int32_t alive = a;
  while (!stack.empty()) {
    const std::int32_t v = stack.back();
    stack.pop_back();
    const Node& n = at(v);
    if (n.removed) continue;
    alive = v;
    if (n.next == v || at(n.next).next == v) return v;  // two nodes or fewer: clip() stops
    if (same_place(n, at(n.next)) || cross(at(n.prev), n, at(n.next)) == 0) {
      const std::int32_t prev = n.prev, next = n.next;
      remove(v);
      ++st_.dropped_vertices;
      stack.push_back(prev);
      stack.push_back(next);
      alive = next;
    }
  }
  return alive;
}

std::int32_t Triangulator::add_ring(std::span<const TriPoint> pts, std::uint32_t first_index,
                                    bool counter_clockwise) {
  const double area = signed_area(pts);
  if (!std::isfinite(area) || area == 0) return kNone;
  const bool reverse = (area > 0) != counter_clockwise;
  std::int32_t last = kNone;
  std::size_t count = 0;
  for (std::size_t k = 0; k < pts.size(); ++k) {
    const std::size_t j = reverse ? pts.size() - 1 - k : k;
    const TriPoint& p = pts[j];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    if (last != kNone && at(last).x == p.x && at(last).y == p.y) continue;
    last = link_after(last, p.x, p.y, first_index + static_cast<std::uint32_t>(j));
    ++count;
  }
  if (last != kNone && count > 1 && same_place(at(last), at(at(last).next))) {
    remove(last);  // the closing duplicate
    last = at(last).prev;
    --count;
  }
  if (count < 3) return kNone;
  return at(last).next;
}

// Drops vertices that equal their successor or lie on the line through their neighbours
// (zero-width spikes included: their area is nil).  Returns a surviving node, or kNone when
// fewer than three remain.
std::int32_t Triangulator::filter(std::int32_t start) {
  std::int32_t p = start, end = start;
  for (;;) {
    const Node& n = at(p);
    if (n.next == p || at(n.next).next == p) return kNone;  // one or two nodes left
    if (same_place(n, at(n.next)) || cross(at(n.prev), n, at(n.next)) == 0) {
      const std::int32_t prev = n.prev;
      remove(p);
      ++st_.dropped_vertices;
      p = end = prev;
      continue;
    }
    p = n.next;
    if (p == end) return end;
  }
}

// Is the segment a → b inside the polygon right at a (between a's two edges)?
bool Triangulator::locally_inside(std::int32_t ai, const Node& b) {
  const Node& a = at(ai);
  const Node& p = at(a.prev);
  const Node& n = at(a.next);
  if (cross(p, a, n) > 0)                          // convex corner: inside the cone
    return cross(a, n, b) >= 0 && cross(a, b, p) >= 0;
  return cross(a, p, b) <= 0 || cross(a, b, n) <= 0;  // reflex: not in the exterior cone
}

// The outer vertex a hole's rightmost vertex can see: cast a ray to +x, take the nearest
// edge it meets, then among that edge's far end and the vertices inside the triangle
// (M, hit, far end) the one at the smallest angle to the ray (nearest on ties).
std::int32_t Triangulator::find_bridge(std::int32_t hole, std::int32_t outer) {
  const Node m = at(hole);
  double hit_x = std::numeric_limits<double>::infinity();
  const std::int32_t candidate = ray_hit(m, outer, hit_x);
  // The hole is not inside the ring (bad data): join it to the nearest vertex instead.
  if (candidate == kNone) return nearest_vertex(m, outer);
  return best_visible(m, outer, candidate, hit_x);
}

// The ray from m to +x: the end of the nearest edge it meets with the larger x (kNone when it
// meets none); hit_x where it meets it.
std::int32_t Triangulator::ray_hit(const Node& m, std::int32_t outer, double& hit_x) {
  std::int32_t candidate = kNone;
  std::int32_t p = outer;
  do {
    const Node& a = at(p);
    const Node& b = at(a.next);
    ++work_;
    const bool straddles = (a.y <= m.y && b.y >= m.y) || (a.y >= m.y && b.y <= m.y);
    if (a.y != b.y && straddles) {
      const double x = a.x + (m.y - a.y) * (b.x - a.x) / (b.y - a.y);
      if (x >= m.x && x < hit_x) {
        hit_x = x;
        candidate = a.x >= b.x ? p : a.next;
      }
    }
    p = a.next;
  } while (p != outer);
  return candidate;
}

std::int32_t Triangulator::nearest_vertex(const Node& m, std::int32_t outer) {
  double best = std::numeric_limits<double>::infinity();
  std::int32_t candidate = kNone;
  std::int32_t p = outer;
  do {
    const Node& a = at(p);
    const double d = (a.x - m.x) * (a.x - m.x) + (a.y - m.y) * (a.y - m.y);
    if (d < best) best = d, candidate = p;
    p = a.next;
  } while (p != outer);
  return candidate;
}

// Vertices inside triangle (M, I, P) may hide P; the one closest in angle to the ray is
// visible.  Equal places (earlier bridges duplicate vertices) prefer a locally inside one.
std::int32_t Triangulator::best_visible(const Node& m, std::int32_t outer, std::int32_t candidate,
                                        double hit_x) {
  Node hit;
  hit.x = hit_x;
  hit.y = m.y;
  const Node cp = at(candidate);
  const Node& t0 = m;
  const Node& t1 = cp.y >= m.y ? hit : cp;  // ordered counter-clockwise for the test below
  const Node& t2 = cp.y >= m.y ? cp : hit;
  std::int32_t best = candidate;
  double best_tan = std::numeric_limits<double>::infinity();
  double best_dx = std::numeric_limits<double>::infinity();
  bool best_inside = false;
  std::int32_t p = outer;
  do {
    const Node& r = at(p);
    ++work_;
    const bool in_triangle = p == candidate || (r.x >= m.x && cross(t0, t1, r) >= 0 &&
                                                cross(t1, t2, r) >= 0 && cross(t2, t0, r) >= 0);
    if (in_triangle) {
      const double dx = r.x - m.x, dy = std::fabs(r.y - m.y);
      const double tan =
          dx > 0 ? dy / dx : (dy == 0 ? 0.0 : std::numeric_limits<double>::infinity());
      const bool inside = locally_inside(p, m);
      const bool better = tan < best_tan || (tan == best_tan && dx < best_dx) ||
                          (tan == best_tan && dx == best_dx && inside && !best_inside);
      if (better) {
        best = p, best_tan = tan, best_dx = dx, best_inside = inside;
      }
    }
    p = r.next;
  } while (p != outer);
  return best;
}

// Links a → b with a pair of duplicated vertices: a → b … (b's ring) … b' → a' → a.next.
std::int32_t Triangulator::split(std::int32_t a, std::int32_t b) {
  const Node na = at(a), nb = at(b);
  const auto a2 = static_cast<std::int32_t>(nodes_.size());
  nodes_.push_back(na);
  const auto b2 = static_cast<std::int32_t>(nodes_.size());
  nodes_.push_back(nb);
  const std::int32_t an = na.next, bp = nb.prev;
  at(a).next = b;
  at(b).prev = a;
  at(a2).next = an;
  at(an).prev = a2;
  at(b2).next = a2;
  at(a2).prev = b2;
  at(bp).next = b2;
  at(b2).prev = bp;
  return b2;
}

std::int32_t Triangulator::join_holes(std::int32_t outer) {
  // Each hole by its rightmost vertex, rightmost first.
  std::vector<std::int32_t> starts;
  for (std::int32_t h : holes_) {
    std::int32_t best = h, p = h;
    do {
      if (at(p).x > at(best).x || (at(p).x == at(best).x && at(p).y < at(best).y)) best = p;
      p = at(p).next;
    } while (p != h);
    starts.push_back(best);
  }
  std::sort(starts.begin(), starts.end(), [&](std::int32_t a, std::int32_t b) {
    return at(a).x > at(b).x || (at(a).x == at(b).x && a < b);
  });
  for (std::int32_t m : starts) {
    // Each search walks the whole ring: thousands of holes could take minutes.  Past the
    // budget the remaining holes are left out (filled), which only hostile input reaches.
    if (work_ > budget_) st_.budget_exhausted = true;
    const std::int32_t bridge = st_.budget_exhausted ? kNone : find_bridge(m, outer);
    if (bridge == kNone) {
      ++st_.dropped_holes;
      continue;
    }
    split(bridge, m);
  }
  return outer;
}

std::uint32_t Triangulator::z_of(double x, double y) const {
  const double fx = std::clamp((x - min_x_) * inv_size_, 0.0, 32767.0);
  const double fy = std::clamp((y - min_y_) * inv_size_, 0.0, 32767.0);
  return spread_bits(static_cast<std::uint32_t>(fx)) |
         (spread_bits(static_cast<std::uint32_t>(fy)) << 1);
}

void Triangulator::index_z(std::int32_t start) {
  std::vector<std::int32_t> ring;
  double max_x = at(start).x, max_y = at(start).y;
  min_x_ = max_x, min_y_ = max_y;
  std::int32_t p = start;
  do {
    ring.push_back(p);
    min_x_ = std::min(min_x_, at(p).x), min_y_ = std::min(min_y_, at(p).y);
    max_x = std::max(max_x, at(p).x), max_y = std::max(max_y, at(p).y);
    p = at(p).next;
  } while (p != start);
  if (ring.size() < kZOrderFrom) return;
  const double size = std::max(max_x - min_x_, max_y - min_y_);
  if (!(size > 0) || !std::isfinite(size)) return;
  inv_size_ = 32767.0 / size;
  for (std::int32_t i : ring) at(i).z = z_of(at(i).x, at(i).y);
  std::sort(ring.begin(), ring.end(), [&](std::int32_t a, std::int32_t b) {
    return at(a).z < at(b).z || (at(a).z == at(b).z && a < b);
  });
  for (std::size_t k = 0; k < ring.size(); ++k) {
    at(ring[k]).prev_z = k > 0 ? ring[k - 1] : kNone;
    at(ring[k]).next_z = k + 1 < ring.size() ? ring[k + 1] : kNone;
  }
  z_indexed_ = true;
}

// Does vertex p make the ear (a, b, c) unsafe to cut?  Strictly inside: yes.  On the
// triangle's boundary (rings touching themselves): only if one of its edges enters the
// triangle — at a corner, if a neighbour lies strictly within that corner's angle.
bool Triangulator::blocks(std::int32_t pi, const Node& a, const Node& b, const Node& c) {
  const Node& p = at(pi);
  const double s1 = cross(a, b, p), s2 = cross(b, c, p), s3 = cross(c, a, p);
  if (s1 < 0 || s2 < 0 || s3 < 0) return false;
  if (s1 > 0 && s2 > 0 && s3 > 0) return true;
  const Node& q1 = at(p.prev);
  const Node& q2 = at(p.next);
  auto in_corner = [&](const Node& v, const Node& u, const Node& w, const Node& q) {
    return cross(v, u, q) > 0 && cross(v, w, q) < 0;  // between v→u and v→w
  };
  auto enters_at = [&](const Node& v, const Node& u, const Node& w) {
    return in_corner(v, u, w, q1) || in_corner(v, u, w, q2);
  };
  if (same_place(p, a)) return enters_at(a, b, c);
  if (same_place(p, b)) return enters_at(b, c, a);
  if (same_place(p, c)) return enters_at(c, a, b);
  // On one side: entering means a neighbour strictly on the triangle's side of that line.
  if (s1 == 0) return cross(a, b, q1) > 0 || cross(a, b, q2) > 0;
  if (s2 == 0) return cross(b, c, q1) > 0 || cross(b, c, q2) > 0;
  return cross(c, a, q1) > 0 || cross(c, a, q2) > 0;
}

int Triangulator::blockers(std::int32_t ei, int limit) {
  const Node& b = at(ei);
  const Node& a = at(b.prev);
  const Node& c = at(b.next);
  const double x0 = std::min({a.x, b.x, c.x}), x1 = std::max({a.x, b.x, c.x});
  const double y0 = std::min({a.y, b.y, c.y}), y1 = std::max({a.y, b.y, c.y});
  int count = 0;
  auto check = [&](std::int32_t p) {
    ++work_;
    const Node& n = at(p);
    if (p == ei || p == b.prev || p == b.next) return;
    if (n.x < x0 || n.x > x1 || n.y < y0 || n.y > y1) return;
    if (blocks(p, a, b, c)) ++count;
  };
  if (z_indexed_) {
    const std::uint32_t z0 = z_of(x0, y0), z1 = z_of(x1, y1);
    for (std::int32_t p = b.next_z; p != kNone && at(p).z <= z1 && count < limit; p = at(p).next_z)
      check(p);
    for (std::int32_t p = b.prev_z; p != kNone && at(p).z >= z0 && count < limit; p = at(p).prev_z)
      check(p);
  } else {
    for (std::int32_t p = c.next; p != b.prev && count < limit; p = at(p).next) check(p);
  }
  return count;
}

void Triangulator::emit(std::int32_t a, std::int32_t b, std::int32_t c) {
  out_.push_back(at(a).index);
  out_.push_back(at(b).index);
  out_.push_back(at(c).index);
  ++st_.triangles;
}

// No clean ear in a whole turn: cut the convex corner whose triangle holds the fewest other
// vertices (the first convex one once the budget is spent).  kNone when there is no convex
// corner at all: the clipping is over.
std::int32_t Triangulator::cut_least_bad(std::int32_t start) {
  std::int32_t best = kNone;
  int best_count = std::numeric_limits<int>::max();
  std::int32_t p = start;
  do {
    const Node& n = at(p);
    if (cross(at(n.prev), n, at(n.next)) > 0) {
      if (work_ > budget_) {
        st_.budget_exhausted = true;
        best = p;
        break;
      }
      const int count = blockers(p, best_count);
      if (count < best_count) best = p, best_count = count;
      if (count == 0) break;
    }
    p = n.next;
  } while (p != start);
  if (best == kNone) {
    // No convex corner anywhere: what is left turns the wrong way as a whole (only a
    // self-crossing ring gets here; a simple ring always keeps three convex corners), and no
    // positive triangle can be cut from it.  Give it up in one go rather than vertex by vertex.
    std::int32_t p2 = start;
    do {
      ++st_.dropped_vertices;
      p2 = at(p2).next;
    } while (p2 != start);
    return kNone;
  }
  const Node& n = at(best);
  const std::int32_t next = n.next;
  emit(n.prev, best, n.next);
  remove(best);
  ++st_.fallback_cuts;
  return next;
}

void Triangulator::clip(std::int32_t ear) {
  std::int32_t stop = ear;
  while (at(ear).prev != at(ear).next) {  // three vertices or more
    const Node& n = at(ear);
    const std::int32_t prev = n.prev, next = n.next;
    bool is_ear = cross(at(prev), n, at(next)) > 0;
    if (is_ear) {
      if (work_ > budget_) st_.budget_exhausted = true;
      else is_ear = blockers(ear, 1) == 0;
    }
    if (is_ear) {
      emit(prev, ear, next);
      remove(ear);
      ear = drop_degenerate(prev, next);
      if (!at(ear).removed && at(ear).next != ear) ear = at(at(ear).next).next;  // fewer slivers
      stop = ear;
      continue;
    }
    ear = next;
    if (ear != stop) continue;
    // A whole turn without an ear.
    const std::size_t before = static_cast<std::size_t>(st_.dropped_vertices);
    const std::int32_t kept = filter(ear);
    if (kept == kNone) return;
    if (static_cast<std::size_t>(st_.dropped_vertices) == before) ear = cut_least_bad(kept);
    else ear = kept;
    if (ear == kNone) return;
    stop = ear;
  }
}

void Triangulator::run(std::int32_t outer, std::size_t input_points) {
  budget_ = 8'000'000 + 500 * static_cast<std::uint64_t>(input_points);
  if (!holes_.empty()) outer = join_holes(outer);
  outer = filter(outer);
  if (outer != kNone) {
    index_z(outer);
    clip(outer);
  }
  st_.work = work_;
  st_.budget = budget_;
}

}  // namespace

double signed_area(std::span<const TriPoint> ring) {
  if (ring.size() < 3) return 0;
  double sum = 0;
  const TriPoint o = ring[0];  // relative to the first point: less cancellation
  for (std::size_t i = 1; i + 1 < ring.size(); ++i)
    sum += (ring[i].x - o.x) * (ring[i + 1].y - o.y) - (ring[i + 1].x - o.x) * (ring[i].y - o.y);
  return sum / 2;
}

std::vector<std::uint32_t> triangulate(std::span<const TriPoint> points,
                                       std::span<const std::uint32_t> ring_sizes,
                                       TriangulateStats* stats) {
  std::vector<std::uint32_t> out;
  TriangulateStats local;
  TriangulateStats& st = stats ? *stats : local;
  st = {};
  if (ring_sizes.empty() || points.size() > 0x7FFFFFF0u / 2) return out;
  Triangulator t(out, st);
  std::int32_t outer = kNone;
  std::size_t offset = 0;
  for (std::size_t r = 0; r < ring_sizes.size() && offset < points.size(); ++r) {
    const std::size_t size = std::min<std::size_t>(ring_sizes[r], points.size() - offset);
    const auto ring = points.subspan(offset, size);
    const std::int32_t head = t.add_ring(ring, static_cast<std::uint32_t>(offset), r == 0);
    offset += size;
    if (r == 0) {
      if (head == kNone) return out;
      outer = head;
    } else if (head == kNone) {
      ++st.dropped_holes;
    } else {
      t.add_hole(head);
    }
  }
  out.reserve(3 * points.size());
  t.run(outer, points.size());
  return out;
}

}  // namespace passerelle
