// atlas_plan.cpp — grouping font sizes into atlases by rasterisation cost (see atlas_plan.hpp).
//
// Depends on: ui/atlas_plan.hpp.
#include "ui/atlas_plan.hpp"

#include <algorithm>
#include <numeric>

namespace passerelle::ui {

double atlas_cost(FontSpec spec, float dpr, int glyphs) {
  const double px = static_cast<double>(spec.size) * dpr;
  return static_cast<double>(glyphs) * (px * px + kGlyphFixedCost);
}

std::vector<std::vector<int>> plan_atlases(const std::vector<FontSpec>& specs, float dpr, int glyphs,
                                           double budget) {
  std::vector<std::vector<int>> plan;
  if (specs.empty()) return plan;
  plan.push_back({0});
  std::vector<int> rest(specs.size() - 1);
  std::iota(rest.begin(), rest.end(), 1);
  // By size, so that a group holds neighbours and only the large sizes end up alone.
  std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) { return specs[a].size < specs[b].size; });
  double group_cost = 0;
  for (int i : rest) {
    const double c = atlas_cost(specs[i], dpr, glyphs);
    if (plan.size() == 1 || group_cost + c > budget) {
      plan.push_back({});
      group_cost = 0;
    }
    plan.back().push_back(i);
    group_cost += c;
  }
  return plan;
}

}  // namespace passerelle::ui
