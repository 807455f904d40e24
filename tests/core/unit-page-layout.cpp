// unit-page-layout.cpp — the map figure of page/layout.cpp, part by part: the legend (one
// swatch per role and one for every other country, a label too long for the width wrapped
// beside its swatch), the country chips (one per country with a role, wrapped within the
// map's width, each a country target), the details panel (beside the map from 860 px, below
// the chips on narrower screens; the selected country or the hint), and the figure alone.
//
// Depends on: core/page/layout.hpp, core/pack/pack.hpp, fake_metrics.hpp, test_support.hpp,
// GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/pack/pack.hpp"
#include "core/page/layout.hpp"
#include "fake_metrics.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

const std::string kLongLabel = "A role whose legend label is far too long to fit beside its swatch";

Pack map_pack() {
  const std::string section =
      R"({"geometry": "map-geometry.json", "labels": {"title": "Map", "list": "Countries",
          "zoom_in": "+", "zoom_out": "-", "reset": "r", "wheel_hint": "w", "touch_hint": "t",
          "empty": "Pick a country", "other": "Other countries"},
          "roles": [{"id": "migration", "label": "Migration", "countries": ["ML", "SN", "MA"]},
                    {"id": "peace", "label": ")" + kLongLabel + R"(", "countries": ["PS"]}],
          "countries": [{"id": "ML", "name": "Mali", "details": ["Mali's *details*."]},
                        {"id": "SN", "name": "Senegal"}, {"id": "MA", "name": "Morocco"},
                        {"id": "PS", "name": "Palestine"}]})";
  std::string p = pack_with_body(R"({"type": "paragraph", "text": "x"}, {"type": "map"})");
  p.pop_back();
  const PackResult r = parse_pack(p + R"(, "map": )" + section + "}", "t.json");
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : format(r.errors.front()));
  return r.ok() ? *r.pack : Pack{};
}

bool inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x - 0.01f && inner.y >= outer.y - 0.01f &&
         inner.x + inner.w <= outer.x + outer.w + 0.01f &&
         inner.y + inner.h <= outer.y + outer.h + 0.01f;
}

const PlacedRun* run_with(const PageLayout& l, std::string_view text) {
  for (const PlacedRun& r : l.runs)
    if (r.text.find(text) != std::string::npos) return &r;
  return nullptr;
}

}  // namespace

TEST(PageLayoutMap, LegendHasASwatchPerRoleAndOneForOtherCountries) {
  const Pack pack = map_pack();
  const passerelle::testing::FakeMetrics m;
  const PageLayout l = layout_page(pack, 1280, m, {});
  ASSERT_TRUE(l.map.has_value());
  const MapFigure& fig = *l.map;
  ASSERT_EQ(fig.legend.size(), 3u);
  EXPECT_EQ(fig.legend[0].role, 0);
  EXPECT_EQ(fig.legend[1].role, 1);
  EXPECT_EQ(fig.legend[2].role, -1);
  for (const MapLegendEntry& e : fig.legend) {
    EXPECT_GE(e.swatch.y, fig.map.y + fig.map.h);  // under the map, never over the land
    EXPECT_TRUE(inside(e.swatch, fig.box));
  }
  ASSERT_NE(run_with(l, "Other countries"), nullptr);
}

TEST(PageLayoutMap, ALegendLabelWiderThanTheMapWrapsBesideItsSwatch) {
  const Pack pack = map_pack();
  const passerelle::testing::FakeMetrics m;
  const PageLayout l = layout_page(pack, 320, m, {});
  ASSERT_TRUE(l.map.has_value());
  const MapFigure& fig = *l.map;
  ASSERT_EQ(fig.legend.size(), 3u);
  // The long label's words are on several lines, each right of its swatch, none past the map.
  int lines = 0;
  for (const PlacedRun& r : l.runs) {
    if (kLongLabel.find(r.text) == std::string::npos || r.text.size() < 3) continue;
    if (r.y < fig.legend[1].swatch.y - 1 || r.y > fig.legend[2].swatch.y) continue;
    ++lines;
    EXPECT_GT(r.x, fig.legend[1].swatch.x + fig.legend[1].swatch.w);
    EXPECT_LE(r.x + r.width, fig.map.x + fig.map.w + 0.01f);
  }
  EXPECT_GE(lines, 2);
  EXPECT_GT(fig.legend[2].swatch.y, fig.legend[1].swatch.y);  // "other" starts a new line
}

TEST(PageLayoutMap, ChipsAreCountryTargetsInRoleOrderWrappedWithinTheMap) {
  const Pack pack = map_pack();
  const passerelle::testing::FakeMetrics m;
  for (float width : {320.0f, 800.0f, 1280.0f}) {
    const PageLayout l = layout_page(pack, width, m, {});
    ASSERT_TRUE(l.map.has_value());
    const MapFigure& fig = *l.map;
    ASSERT_EQ(fig.chips.size(), 4u) << width;
    const char* ids[] = {"ML", "SN", "MA", "PS"};
    for (std::size_t i = 0; i < 4; ++i) {
      const MapChip& c = fig.chips[i];
      EXPECT_EQ(c.id, ids[i]);
      EXPECT_EQ(c.role, i < 3 ? 0 : 1);
      ASSERT_GE(c.target, 0);
      const Target& t = l.targets[static_cast<std::size_t>(c.target)];
      EXPECT_EQ(t.kind, Target::Kind::country);
      EXPECT_EQ(t.url, c.id);
      ASSERT_EQ(t.rects.size(), 1u);
      EXPECT_EQ(t.rects[0].x, c.rect.x);
      EXPECT_LE(c.rect.x + c.rect.w, fig.map.x + fig.map.w + 0.01f) << width << " " << c.id;
      const PlacedRun* name = run_with(l, i == 0 ? "Mali" : i == 1 ? "Senegal" : i == 2 ? "Morocco" : "Palestine");
      ASSERT_NE(name, nullptr);
      EXPECT_TRUE(inside(Rect{name->x, name->y, name->width, 1}, c.rect)) << c.id;
    }
  }
}

TEST(PageLayoutMap, DetailsSitBesideTheMapOnWideScreensAndBelowOnNarrowOnes) {
  const Pack pack = map_pack();
  const passerelle::testing::FakeMetrics m;
  LayoutState selected;
  selected.map_selected = "ML";
  const PageLayout wide = layout_page(pack, 1280, m, selected);
  ASSERT_TRUE(wide.map.has_value());
  EXPECT_TRUE(wide.map->side_by_side);
  EXPECT_GE(wide.map->details.x, wide.map->map.x + wide.map->map.w);
  EXPECT_EQ(wide.map->details.y, wide.map->map.y);
  EXPECT_EQ(wide.map->selected, "ML");
  const PlacedRun* details = run_with(wide, "details");
  ASSERT_NE(details, nullptr);
  EXPECT_TRUE(inside(Rect{details->x, details->y, details->width, 1}, wide.map->details));
  EXPECT_NE(run_with(wide, "Migration"), nullptr);

  const PageLayout narrow = layout_page(pack, 500, m, {});
  ASSERT_TRUE(narrow.map.has_value());
  EXPECT_FALSE(narrow.map->side_by_side);
  for (const MapChip& c : narrow.map->chips) EXPECT_LE(c.rect.y + c.rect.h, narrow.map->details.y);
  EXPECT_EQ(narrow.map->selected, "");
  const PlacedRun* hint = run_with(narrow, "Pick a country");
  ASSERT_NE(hint, nullptr);
  EXPECT_TRUE(inside(Rect{hint->x, hint->y, hint->width, 1}, narrow.map->details));
  EXPECT_EQ(narrow.map->box.y + narrow.map->box.h, narrow.map->details.y + narrow.map->details.h);
}

TEST(PageLayoutMap, TheFigureAloneHasNoArticleAround) {
  const Pack pack = map_pack();
  const passerelle::testing::FakeMetrics m;
  const PageLayout alone = layout_map_figure(pack, 600, m, {});
  ASSERT_TRUE(alone.map.has_value());
  ASSERT_NE(run_with(alone, "Map"), nullptr);
  for (const PlacedRun& r : alone.runs) {
    EXPECT_NE(r.text, "S");  // the site's name (header bar)
    EXPECT_NE(r.text, "T");  // the page's title
  }
  EXPECT_EQ(alone.rules.size(), 0u);  // no header bar
  EXPECT_GT(alone.height, alone.map->box.y + alone.map->box.h);
  const PageLayout none = layout_map_figure(Pack{}, 600, m, {});
  EXPECT_FALSE(none.map.has_value());
  EXPECT_EQ(none.height, 0);
}
