// unit-map-labels.cpp — label placement: no overlaps ever, priority first, avoid boxes,
// clustered anchors, determinism, and a seeded random stress test.
//
// Depends on: core/map/labels.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include "core/map/labels.hpp"

namespace passerelle {
namespace {

const LabelRect kScreen{0, 0, 800, 600};

LabelCandidate label(std::string id, float x, float y, int priority, float w = 60, float h = 16) {
  return {std::move(id), {x, y}, w, h, priority};
}

const PlacedLabel* find(const LabelLayout& l, const std::string& id) {
  for (const PlacedLabel& p : l.placed)
    if (p.id == id) return &p;
  return nullptr;
}

bool is_hidden(const LabelLayout& l, const std::string& id) {
  return std::find(l.hidden.begin(), l.hidden.end(), id) != l.hidden.end();
}

::testing::AssertionResult no_overlaps(const LabelLayout& l, float margin) {
  for (std::size_t i = 0; i < l.placed.size(); ++i)
    for (std::size_t j = i + 1; j < l.placed.size(); ++j)
      if (labels_overlap(l.placed[i].rect, l.placed[j].rect, margin))
        return ::testing::AssertionFailure() << l.placed[i].id << " overlaps " << l.placed[j].id;
  return ::testing::AssertionSuccess();
}

TEST(MapLabels, OverlapTestHonoursTheMargin) {
  EXPECT_FALSE(labels_overlap({0, 0, 10, 10}, {10, 0, 20, 10}));  // touching edges
  EXPECT_TRUE(labels_overlap({0, 0, 10, 10}, {10, 0, 20, 10}, 3));
  EXPECT_FALSE(labels_overlap({0, 0, 10, 10}, {13, 0, 20, 10}, 3));
  EXPECT_TRUE(labels_overlap({0, 0, 10, 10}, {5, 5, 6, 6}));  // containment
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(labels_overlap({nan, nan, nan, nan}, {50, 50, 60, 60}));  // never "free"
}

TEST(MapLabels, AnIsolatedLabelIsCentredOnItsAnchor) {
  const std::vector<LabelCandidate> c{label("ML", 400, 300, 1)};
  const LabelLayout l = place_labels(c, kScreen);
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_TRUE(l.hidden.empty());
  EXPECT_EQ(l.placed[0].spot, LabelSpot::center);
  EXPECT_FLOAT_EQ(l.placed[0].rect.x0, 370);
  EXPECT_FLOAT_EQ(l.placed[0].rect.y0, 292);
  EXPECT_FLOAT_EQ(l.placed[0].rect.x1, 430);
  EXPECT_FLOAT_EQ(l.placed[0].rect.y1, 308);
}

TEST(MapLabels, SpotsAreTriedInOrderAboveBelowRightLeft) {
  LabelOptions o;
  o.gap = 4;
  o.margin = 0;
  // Small avoid boxes knock out one spot each (40 x 10 label at 400,300); every time the
  // next spot in order wins.
  const std::vector<LabelCandidate> c{label("X", 400, 300, 1, 40, 10)};
  std::vector<LabelRect> avoid{{398, 298, 402, 302}};  // on the anchor: centre is out
  LabelLayout l = place_labels(c, kScreen, avoid, o);
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].spot, LabelSpot::above);
  EXPECT_FLOAT_EQ(l.placed[0].rect.y1, 296);
  avoid.push_back({397, 286, 403, 290});
  l = place_labels(c, kScreen, avoid, o);
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].spot, LabelSpot::below);
  EXPECT_FLOAT_EQ(l.placed[0].rect.y0, 304);
  avoid.push_back({397, 310, 403, 314});
  l = place_labels(c, kScreen, avoid, o);
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].spot, LabelSpot::right);
  EXPECT_FLOAT_EQ(l.placed[0].rect.x0, 404);
  avoid.push_back({430, 297, 440, 303});
  l = place_labels(c, kScreen, avoid, o);
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].spot, LabelSpot::left);
  EXPECT_FLOAT_EQ(l.placed[0].rect.x1, 396);
  avoid.push_back({360, 297, 370, 303});
  l = place_labels(c, kScreen, avoid, o);
  EXPECT_TRUE(l.placed.empty());
  EXPECT_EQ(l.hidden, std::vector<std::string>{"X"});
}

TEST(MapLabels, LabelsMustFitInsideTheViewport) {
  const std::vector<LabelCandidate> c{
      label("edge", 10, 300, 1),       // centred would poke out on the left: goes right
      label("corner", 799, 599, 1),    // only "left" or "above" could fit; neither does fully
      label("wide", 400, 300, 1, 900)  // wider than the screen
  };
  const LabelLayout l = place_labels(c, kScreen);
  ASSERT_NE(find(l, "edge"), nullptr);
  EXPECT_EQ(find(l, "edge")->spot, LabelSpot::right);
  EXPECT_TRUE(is_hidden(l, "corner"));
  EXPECT_TRUE(is_hidden(l, "wide"));
}

TEST(MapLabels, HigherPriorityIsPlacedFirst) {
  // Two anchors 10 px apart: whichever ranks higher sits on its anchor, whatever the input
  // order, and the other steps aside.
  std::vector<LabelCandidate> c{label("south", 400, 310, 1), label("north", 400, 300, 2)};
  LabelLayout l = place_labels(c, kScreen);
  ASSERT_EQ(l.placed.size(), 2u);
  EXPECT_EQ(l.placed[0].id, "north");
  EXPECT_EQ(l.placed[0].spot, LabelSpot::center);
  EXPECT_EQ(l.placed[1].id, "south");
  EXPECT_EQ(l.placed[1].spot, LabelSpot::below);
  c[0].priority = 3;
  l = place_labels(c, kScreen);
  ASSERT_EQ(l.placed.size(), 2u);
  EXPECT_EQ(l.placed[0].id, "south");
  EXPECT_EQ(l.placed[0].spot, LabelSpot::center);
  EXPECT_EQ(l.placed[1].id, "north");
  EXPECT_EQ(l.placed[1].spot, LabelSpot::above);
  EXPECT_TRUE(no_overlaps(l, 3));
}

TEST(MapLabels, TiesKeepTheInputOrder) {
  std::vector<LabelCandidate> c;
  for (int i = 0; i < 6; ++i) c.push_back(label("L" + std::to_string(i), 400, 300, 2));
  c.push_back(label("top", 400, 300, 5));
  const LabelLayout l = place_labels(c, kScreen);
  // One anchor: every other spot touches the centred label, so only one name shows.
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].id, "top");
  EXPECT_EQ(l.hidden, (std::vector<std::string>{"L0", "L1", "L2", "L3", "L4", "L5"}));
  c.pop_back();
  const LabelLayout tie = place_labels(c, kScreen);
  ASSERT_EQ(tie.placed.size(), 1u);
  EXPECT_EQ(tie.placed[0].id, "L0");
}

TEST(MapLabels, AvoidBoxesAreRespectedWithTheMargin) {
  const std::vector<LabelRect> legend{{0, 500, 200, 600}};
  const std::vector<LabelCandidate> c{label("SN", 100, 498, 3), label("GN", 100, 440, 3)};
  const LabelLayout l = place_labels(c, kScreen, legend);
  for (const PlacedLabel& p : l.placed) EXPECT_FALSE(labels_overlap(p.rect, legend[0], 3)) << p.id;
  ASSERT_NE(find(l, "GN"), nullptr);
  EXPECT_EQ(find(l, "GN")->spot, LabelSpot::center);
  ASSERT_NE(find(l, "SN"), nullptr);  // the legend pushes it above its anchor
  EXPECT_EQ(find(l, "SN")->spot, LabelSpot::above);
  EXPECT_LE(find(l, "SN")->rect.y1 + 3, 500);
}

TEST(MapLabels, ClusteredAnchorsIsraelAndPalestine) {
  // 10 px apart at a low zoom: the two names cannot both sit on their anchors.
  const std::vector<LabelCandidate> c{label("PS", 700, 310, 2, 70, 14),
                                      label("IL", 700, 300, 3, 50, 14)};
  const LabelLayout l = place_labels(c, kScreen);
  ASSERT_NE(find(l, "IL"), nullptr);
  EXPECT_EQ(find(l, "IL")->spot, LabelSpot::center);
  if (const PlacedLabel* ps = find(l, "PS")) {
    EXPECT_NE(ps->spot, LabelSpot::center);
  } else {
    EXPECT_TRUE(is_hidden(l, "PS"));
  }
  EXPECT_TRUE(no_overlaps(l, 3));
  EXPECT_EQ(l.placed.size() + l.hidden.size(), 2u);
}

TEST(MapLabels, InvalidGeometryIsHidden) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<LabelCandidate> c{label("a", nan, 300, 1), label("b", 400, 300, 1, -5),
                                      label("c", 400, 300, 1, 10, inf), label("ok", 400, 300, 0)};
  const LabelLayout l = place_labels(c, kScreen);
  EXPECT_EQ(l.hidden, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(l.placed.size(), 1u);
  EXPECT_EQ(l.placed[0].id, "ok");
  EXPECT_TRUE(place_labels({}, kScreen).placed.empty());
}

TEST(MapLabels, RandomCrowdsNeverOverlapAndAreDeterministic) {
  std::mt19937 rng(7);
  auto uni = [&](float a, float b) { return std::uniform_real_distribution<float>(a, b)(rng); };
  for (int round = 0; round < 20; ++round) {
    std::vector<LabelCandidate> c;
    const int n = 100 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i)
      c.push_back(label("c" + std::to_string(i), uni(-50, 850), uni(-50, 650),
                        static_cast<int>(rng() % 10), uni(0, 120), uni(8, 24)));
    const std::vector<LabelRect> avoid{{600, 520, 800, 600}, {760, 10, 790, 70}};
    const LabelLayout l = place_labels(c, kScreen, avoid);
    ASSERT_EQ(l.placed.size() + l.hidden.size(), c.size());
    ASSERT_TRUE(no_overlaps(l, 3)) << "round " << round;
    int last_priority = 1000;
    std::vector<int> prio_of_placed;
    for (const PlacedLabel& p : l.placed) {
      const int idx = std::stoi(p.id.substr(1));
      EXPECT_LE(c[idx].priority, last_priority);  // placement order is priority order
      last_priority = c[idx].priority;
      EXPECT_TRUE(p.rect.x0 >= 0 && p.rect.y0 >= 0 && p.rect.x1 <= 800 && p.rect.y1 <= 600);
      for (const LabelRect& a : avoid) EXPECT_FALSE(labels_overlap(p.rect, a, 3));
    }
    const LabelLayout again = place_labels(c, kScreen, avoid);
    ASSERT_EQ(again.placed.size(), l.placed.size());
    for (std::size_t i = 0; i < l.placed.size(); ++i) {
      EXPECT_EQ(again.placed[i].id, l.placed[i].id);
      EXPECT_EQ(again.placed[i].spot, l.placed[i].spot);
    }
    EXPECT_EQ(again.hidden, l.hidden);
  }
}

}  // namespace
}  // namespace passerelle
