// map/labels.hpp — where country labels go on the map so that none overlap.
//
// A greedy placement, most important label first: each tries a few spots around its anchor
// (centred on it, then above, below, right, left) and takes the first that lies wholly inside
// the viewport and keeps a margin from every label already placed and from every box to
// avoid (the legend, the zoom buttons).  A label with no free spot is hidden rather than
// drawn over another: an unreadable pile of names helps nobody, and the hidden ones appear
// as the user zooms in and the anchors spread apart.
//
// Deterministic: equal priorities keep their input order, so labels do not flicker between
// frames.  Cost is O(n² × 5) rectangle tests — fine for the few hundred labels of a map.
//
// Depends on: the standard library only.
#pragma once
#include <span>
#include <string>
#include <vector>

namespace passerelle {

struct LabelPoint { float x = 0, y = 0; };
struct LabelRect { float x0 = 0, y0 = 0, x1 = 0, y1 = 0; };  // screen px, y down

struct LabelCandidate {
  std::string id;      // e.g. ISO code
  LabelPoint anchor;   // screen point the label names (a country's centroid)
  float width = 0, height = 0;  // of the rendered text, px
  int priority = 0;    // higher is placed first
};

enum class LabelSpot { center, above, below, right, left };

struct PlacedLabel {
  std::string id;
  LabelRect rect;
  LabelSpot spot;
};

struct LabelLayout {
  std::vector<PlacedLabel> placed;   // in placement order (priority, then input order)
  std::vector<std::string> hidden;   // same order; includes candidates with invalid geometry
};

struct LabelOptions {
  float gap = 4;     // px between the anchor and a label placed beside it
  float margin = 3;  // px kept clear between a label and other labels or avoid boxes
};

LabelLayout place_labels(std::span<const LabelCandidate> candidates, LabelRect viewport,
                         std::span<const LabelRect> avoid = {}, const LabelOptions& options = {});

// True when the rectangles come closer than `margin` (touching edges count as clear at 0).
bool labels_overlap(const LabelRect& a, const LabelRect& b, float margin = 0);

}  // namespace passerelle
