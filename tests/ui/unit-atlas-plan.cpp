// unit-atlas-plan.cpp — which sizes share a font atlas: the first spec alone (io.Fonts, whose
// slice also makes the GL shaders), neighbouring sizes together within the budget, few atlases
// at 1x and smaller groups when the pixel ratio makes every glyph bigger.
//
// Depends on: ui/atlas_plan.hpp, core/design/type_scale.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <set>

#include "core/design/type_scale.hpp"
#include "ui/atlas_plan.hpp"

namespace passerelle::ui {
namespace {

constexpr int kGlyphs = 245;  // Latin-1 and the page's punctuation

void expect_valid_plan(const std::vector<FontSpec>& specs, float dpr, const std::vector<std::vector<int>>& plan) {
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan[0], std::vector<int>{0}) << "the first spec (io.Fonts) is alone";
  std::multiset<int> seen;
  float last_size = 0;
  for (std::size_t g = 1; g < plan.size(); ++g) {
    ASSERT_FALSE(plan[g].empty());
    double cost = 0;
    for (int i : plan[g]) {
      seen.insert(i);
      EXPECT_GE(specs[i].size, last_size) << "groups hold neighbouring sizes, in increasing order";
      last_size = specs[i].size;
      cost += atlas_cost(specs[i], dpr, kGlyphs);
    }
    if (plan[g].size() > 1) EXPECT_LE(cost, kAtlasBudget) << "group " << g;
  }
  seen.insert(0);
  ASSERT_EQ(seen.size(), specs.size());
  for (int i = 0; i < static_cast<int>(specs.size()); ++i) EXPECT_EQ(seen.count(i), 1u) << "spec " << i;
}

TEST(AtlasPlan, CostIsGlyphsTimesDevicePixelAreaPlusAFixedCost) {
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 1, 100), 100 * (400 + kGlyphFixedCost));
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 3, 100), 100 * (3600 + kGlyphFixedCost));
  EXPECT_DOUBLE_EQ(atlas_cost({Face::serif_regular, 20}, 1, 200), 2 * atlas_cost({Face::serif_regular, 20}, 1, 100));
}

TEST(AtlasPlan, FewAtlasesAt1xEachWithinBudgetTheLargeSizesAlone) {
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  const auto plan = plan_atlases(specs, 1, kGlyphs);
  expect_valid_plan(specs, 1, plan);
  EXPECT_GE(plan.size(), 4u) << "a few slices: none too long";
  EXPECT_LE(plan.size(), 8u) << "not one per size (" << specs.size() << "): each is an upload and a yield";
  const std::vector<int>& last = plan.back();
  ASSERT_EQ(last.size(), 1u) << "the title, the largest size, alone";
  for (const FontSpec& s : specs) EXPECT_LE(s.size, specs[last[0]].size);
}

TEST(AtlasPlan, HigherPixelRatiosMakeSmallerGroups) {
  for (float width : {360.0f, 1280.0f, 1920.0f}) {
    const std::vector<FontSpec> specs = type_scale_for_width(width).all();
    const auto at1 = plan_atlases(specs, 1, kGlyphs), at3 = plan_atlases(specs, 3, kGlyphs);
    expect_valid_plan(specs, 1, at1);
    expect_valid_plan(specs, 3, at3);
    EXPECT_GT(at3.size(), at1.size()) << width;
  }
}

TEST(AtlasPlan, EdgeCases) {
  EXPECT_TRUE(plan_atlases({}, 1, kGlyphs).empty());
  const std::vector<FontSpec> one{{Face::sans_regular, 17}};
  EXPECT_EQ(plan_atlases(one, 1, kGlyphs), std::vector<std::vector<int>>{{0}});
  // With no budget, every size is alone: one atlas per spec, as before the grouping.
  const std::vector<FontSpec> specs = type_scale_for_width(1280).all();
  EXPECT_EQ(plan_atlases(specs, 1, kGlyphs, 0).size(), specs.size());
}

}  // namespace
}  // namespace passerelle::ui
