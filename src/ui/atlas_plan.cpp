// atlas_plan.cpp — grouping font sizes into atlases by rasterisation cost (see atlas_plan.hpp).
//
// Depends on: ui/atlas_plan.hpp.
#include "ui/atlas_plan.hpp"

namespace passerelle::ui {

double atlas_cost(FontSpec spec, float dpr, int glyphs) {
  const double px = static_cast<double>(spec.size) * dpr;
  return static_cast<double>(glyphs) * (px * px + kGlyphFixedCost);
}

std::vector<int> plan_atlases(const std::vector<FontSpec>& specs, float dpr, int glyphs, double budget,
                              const std::vector<bool>& first_screen) {
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
  auto soon = [&](int i) { return i < static_cast<int>(first_screen.size()) && first_screen[i]; };
  // With a first screen, io.Fonts (spec 0) is its first atlas and takes its smallest sizes
  // too: one slice fewer before the first frame.  Without one, spec 0 is alone, as before.
  const bool shared_first = !first_screen.empty();
  int atlas = 0;
  double group_cost = shared_first ? atlas_cost(specs[0], dpr, glyphs) : 0;
  bool fresh = !shared_first;  // the next spec starts an atlas
  // Two passes: the first screen's sizes, then the others, which start an atlas of their own.
  for (int pass = 0; pass < 2; ++pass) {
    for (int i : rest) {
      if (soon(i) != (pass == 0)) continue;
      const double c = atlas_cost(specs[i], dpr, glyphs);
      if (fresh || group_cost + c > budget) {
        ++atlas;
        group_cost = 0;
      }
      fresh = false;
      atlas_of[i] = atlas;
      group_cost += c;
    }
    fresh = true;
  }
  return atlas_of;
}

}  // namespace passerelle::ui
