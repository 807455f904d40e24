// unit-atlas-plan.cpp — which sizes share a font atlas: the first spec alone (io.Fonts, whose
// slice also makes the GL shaders), neighbouring sizes together within the budget, few atlases
// at 1x and smaller groups when the pixel ratio makes every glyph bigger.
//
// Depends on: ui/atlas_plan.hpp, core/design/type_scale.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/design/type_scale.hpp"
#include "ui/atlas_plan.hpp"

namespace passerelle::ui {
namespace {

constexpr int kGlyphs = 245;  // Latin-1 and the page's punctuation

// The atlases' members, from the flat plan (atlas of each spec).
std::vector<std::vector<int>> groups_of(const std::vector<int>& atlas_of) {
  std::vector<std::vector<int>> g;
  for (int i = 0; i < static_cast<int>(atlas_of.size()); ++i) {
    if (atlas_of[i] >= static_cast<int>(g.size())) g.resize(atlas_of[i] + 1);
    g[atlas_of[i]].push_back(i);
  }
  return g;
}

void expect_valid_plan(const std::vector<FontSpec>& specs, float dpr, const std::vector<int>& atlas_of) {
  ASSERT_EQ(atlas_of.size(), specs.size()) << "every spec in one atlas";
  const std::vector<std::vector<int>> plan = groups_of(atlas_of);
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan[0], std::vector<int>{0}) << "the first spec (io.Fonts) is alone";
  float last_max = 0;
  for (std::size_t g = 1; g < plan.size(); ++g) {
    ASSERT_FALSE(plan[g].empty()) << "no empty atlas";
    double cost = 0;
    float lo = 1e9f, hi = 0;
    for (int i : plan[g]) {
      cost += atlas_cost(specs[i], dpr, kGlyphs);
      lo = std::min(lo, specs[i].size);
      hi = std::max(hi, specs[i].size);
    }
    EXPECT_GE(lo, last_max) << "groups hold neighbouring sizes, in increasing order";
    last_max = hi;
    if (plan[g].size() > 1) EXPECT_LE(cost, kAtlasBudget) << "group " << g;
  }
}

// The same without the order of sizes across groups (a first screen comes first).
void expect_valid_plan_members(const std::vector<FontSpec>& specs, float dpr, const std::vector<int>& atlas_of) {
  ASSERT_EQ(atlas_of.size(), specs.size()) << "every spec in one atlas";
  const std::vector<std::vector<int>> plan = groups_of(atlas_of);
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan[0][0], 0) << "the first spec is in io.Fonts";
  for (std::size_t g = 0; g < plan.size(); ++g) {
    ASSERT_FALSE(plan[g].empty()) << "no empty atlas";
    double cost = 0;
    for (int i : plan[g]) cost += atlas_cost(specs[i], dpr, kGlyphs);
    if (plan[g].size() > 1) EXPECT_LE(cost, kAtlasBudget) << "group " << g;
  }
}

int atlas_count(const std::vector<int>& atlas_of) { return static_cast<int>(groups_of(atlas_of).size()); }

TEST(AtlasPlan, CostIsGlyphsTimesDevicePixelAreaPlusAFixedCost) {
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 1, 100), 100 * (400 + kGlyphFixedCost));
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 3, 100), 100 * (3600 + kGlyphFixedCost));
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 1, 200), 2 * atlas_cost({Face::serif_regular, 20}, 1, 100));
}

TEST(AtlasPlan, FewAtlasesAt1xEachWithinBudgetTheLargeSizesAlone) {
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  const auto plan = plan_atlases(specs, 1, kGlyphs);
  expect_valid_plan(specs, 1, plan);
  const auto groups = groups_of(plan);
  EXPECT_GE(groups.size(), 4u) << "a few slices: none too long";
  EXPECT_LE(groups.size(), 8u) << "not one per size (" << specs.size() << "): each is an upload and a yield";
  const std::vector<int>& last = groups.back();
  ASSERT_EQ(last.size(), 1u) << "the title, the largest size, alone";
  for (const FontSpec& s : specs) EXPECT_LE(s.size, specs[last[0]].size);
}

TEST(AtlasPlan, HigherPixelRatiosMakeSmallerGroups) {
  for (float width : {360.0f, 1280.0f, 1920.0f}) {
    const std::vector<FontSpec> specs = type_scale_for_width(width).all();
    const auto at1 = plan_atlases(specs, 1, kGlyphs), at3 = plan_atlases(specs, 3, kGlyphs);
    expect_valid_plan(specs, 1, at1);
    expect_valid_plan(specs, 3, at3);
    EXPECT_GT(atlas_count(at3), atlas_count(at1)) << width;
  }
}

TEST(AtlasPlan, EdgeCases) {
  EXPECT_TRUE(plan_atlases({}, 1, kGlyphs).empty());
  const std::vector<FontSpec> one{{Face::sans_regular, 17}};
  EXPECT_EQ(plan_atlases(one, 1, kGlyphs), std::vector<int>{0});
  // With no budget, every size is alone: one atlas per spec, as before the grouping.
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  EXPECT_EQ(atlas_count(plan_atlases(specs, 1, kGlyphs, 0)), static_cast<int>(specs.size()));
}

// The first screen's sizes first: io.Fonts takes the smallest of them, the next atlases the
// others, grouped as tightly as the budget allows, with nothing else; the other sizes follow.
TEST(AtlasPlan, TheFirstScreensSizesComeFirstInAtlasesOfTheirOwn) {
  const TypeScale s = type_scale_for_width(1280);
  const std::vector<FontSpec> specs = s.all();
  std::vector<bool> first(specs.size(), false);
  for (std::size_t i = 0; i < specs.size(); ++i)
    first[i] = specs[i] == s.title || specs[i] == s.body || specs[i] == s.ui_small || specs[i] == s.breadcrumb;
  for (float dpr : {1.0f, 2.0f}) {
    const std::vector<int> atlas_of = plan_atlases(specs, dpr, kGlyphs, kAtlasBudget, first);
    expect_valid_plan_members(specs, dpr, atlas_of);
    int last_first = 0, first_other = 1 << 20;
    for (std::size_t i = 1; i < specs.size(); ++i) {
      if (first[i]) last_first = std::max(last_first, atlas_of[i]);
      else first_other = std::min(first_other, atlas_of[i]);
    }
    EXPECT_LT(last_first, first_other) << "every first-screen atlas before any other, dpr " << dpr;
    EXPECT_LT(last_first, 3) << "four sizes and io.Fonts's take at most three atlases, dpr " << dpr;
    if (dpr == 1.0f) {
      int with_ui = 0;
      for (std::size_t i = 0; i < specs.size(); ++i) with_ui += atlas_of[i] == 0 ? 1 : 0;
      EXPECT_GT(with_ui, 1) << "io.Fonts shares its atlas with the first screen's small sizes";
    }
    // The same specs with no first screen: the plan of before.
    EXPECT_EQ(plan_atlases(specs, dpr, kGlyphs, kAtlasBudget, {}), plan_atlases(specs, dpr, kGlyphs));
  }
}

}  // namespace
}  // namespace passerelle::ui
