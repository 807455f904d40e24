// atlas_plan.cpp — grouping font sizes into atlases by rasterisation cost (see atlas_plan.hpp).
//
// Depends on: ui/atlas_plan.hpp.
#include "ui/atlas_plan.hpp"

namespace passerelle::ui {

double atlas_cost(FontSpec spec, float dpr, int glyphs) {
  const double px = static_cast<double>(spec.size) * dpr;
  return static_cast<double>(glyphs) * (px * px + kGlyphFixedCost);
}

std::vector<int> plan_atlases(const std::vector<FontSpec>& specs, float dpr, int glyphs, double budget) {
  std::vector<int> atlas_of(specs.size(), 0);
  // The other specs by size (stable), so that a group holds neighbours and only the large
  // sizes end up alone.  An insertion sort: some twenty specs, and std::stable_sort cost the
  // wasm 0.2 KB brotli (the page is on a 300 KB budget).
  std::vector<int> rest;
  for (int k = 1; k < static_cast<int>(specs.size()); ++k) {
    std::size_t j = rest.size();
    rest.push_back(k);
    for (; j > 0 && specs[rest[j - 1]].size > specs[k].size; --j) rest[j] = rest[j - 1];
    rest[j] = k;
  }
  int atlas = 0;
  double group_cost = 0;
  for (int i : rest) {
    const double c = atlas_cost(specs[i], dpr, glyphs);
    if (atlas == 0 || group_cost + c > budget) {
      ++atlas;
      group_cost = 0;
    }
    atlas_of[i] = atlas;
    group_cost += c;
  }
  return atlas_of;
}

}  // namespace passerelle::ui
