// map/labels.cpp — greedy label placement (see map/labels.hpp).
//
// Depends on: map/labels.hpp, the standard library.
#include "core/map/labels.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace passerelle {
namespace {
bool valid(const LabelCandidate& c) {
  return std::isfinite(c.anchor.x) && std::isfinite(c.anchor.y) && std::isfinite(c.width) &&
         std::isfinite(c.height) && c.width >= 0 && c.height >= 0;
}

bool inside(const LabelRect& r, const LabelRect& vp) {
  return r.x0 >= vp.x0 && r.y0 >= vp.y0 && r.x1 <= vp.x1 && r.y1 <= vp.y1;
}

LabelRect rect_at(const LabelCandidate& c, LabelSpot spot, float gap) {
  const float ax = c.anchor.x, ay = c.anchor.y, w = c.width, h = c.height;
  float x0 = ax - w / 2, y0 = ay - h / 2;  // centred
  switch (spot) {
    case LabelSpot::center: break;
    case LabelSpot::above: y0 = ay - gap - h; break;
    case LabelSpot::below: y0 = ay + gap; break;
    case LabelSpot::right: x0 = ax + gap; break;
    case LabelSpot::left: x0 = ax - gap - w; break;
  }
  return {x0, y0, x0 + w, y0 + h};
}
}  // namespace

bool labels_overlap(const LabelRect& a, const LabelRect& b, float margin) {
  // Written as "not clearly apart": a comparison with NaN is false, so it can only make
  // rectangles count as overlapping, never as free.
  const bool apart = a.x1 + margin <= b.x0 || b.x1 + margin <= a.x0 ||
                     a.y1 + margin <= b.y0 || b.y1 + margin <= a.y0;
  return !apart;
}

LabelLayout place_labels(std::span<const LabelCandidate> candidates, LabelRect viewport,
                         std::span<const LabelRect> avoid, const LabelOptions& options) {
  const float gap = std::isfinite(options.gap) ? std::max(0.0f, options.gap) : 0.0f;
  const float margin = std::isfinite(options.margin) ? std::max(0.0f, options.margin) : 0.0f;

  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].priority > candidates[b].priority;
  });

  constexpr std::array<LabelSpot, 5> kSpots{LabelSpot::center, LabelSpot::above, LabelSpot::below,
                                            LabelSpot::right, LabelSpot::left};
  LabelLayout out;
  out.placed.reserve(candidates.size());
  for (std::size_t i : order) {
    const LabelCandidate& c = candidates[i];
    bool placed = false;
    if (valid(c)) {
      for (LabelSpot spot : kSpots) {
        const LabelRect r = rect_at(c, spot, gap);
        if (!inside(r, viewport)) continue;
        auto hits = [&](const LabelRect& o) { return labels_overlap(r, o, margin); };
        if (std::any_of(avoid.begin(), avoid.end(), hits)) continue;
        if (std::any_of(out.placed.begin(), out.placed.end(),
                        [&](const PlacedLabel& p) { return hits(p.rect); }))
          continue;
        out.placed.push_back({c.id, r, spot});
        placed = true;
        break;
      }
    }
    if (!placed) out.hidden.push_back(c.id);
  }
  return out;
}

}  // namespace passerelle
