// unit-mirror-focus.cpp — the keys of the semantic mirror's elements, its focus, and the
// versions that tell the platform when to copy its HTML.
//
// Depends on: ui/app/mirror_focus.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "ui/app/mirror_focus.hpp"

namespace passerelle::ui {
namespace {

using Kind = MirrorKey::Kind;

TEST(MirrorKey, NamesTargetsConsentWidgetsAndMapControls) {
  EXPECT_EQ(parse_mirror_key("t0").kind, Kind::target);
  EXPECT_EQ(parse_mirror_key("t12").index, 12);
  EXPECT_EQ(parse_mirror_key("t99999").index, 99999);  // a layout may not have it: checked there
  const MirrorKey c = parse_mirror_key("consent:refuse_all");
  EXPECT_EQ(c.kind, Kind::consent);
  EXPECT_EQ(c.widget, "refuse_all");
  EXPECT_EQ(parse_mirror_key("map:zoom_in").index, 0);
  EXPECT_EQ(parse_mirror_key("map:zoom_out").index, 1);
  EXPECT_EQ(parse_mirror_key("map:reset").kind, Kind::map_button);
  EXPECT_EQ(parse_mirror_key("map:reset").index, 2);
  EXPECT_EQ(parse_mirror_key("map:deselect").kind, Kind::map_deselect);
}

TEST(MirrorKey, AnythingElseIsNone) {
  for (const char* bad : {"", "t", "t-1", "tx", "t123456", "T1", "consent", "map:", "map:nothing", "x12"}) {
    EXPECT_EQ(parse_mirror_key(bad).kind, Kind::none) << bad;
    EXPECT_EQ(parse_mirror_key(bad).index, -1) << bad;
  }
}

TEST(MirrorFocus, AVersionPerChangeOfWhatTheMirrorShows) {
  MirrorFocus m;
  EXPECT_EQ(m.version(), 0);
  ASSERT_TRUE(m.begin_rebuild("page|fr"));
  m.set_html(MirrorFocus::page_part, "<h1>International</h1>");
  m.set_html(MirrorFocus::consent_part, "<div role=\"dialog\"></div>");
  EXPECT_EQ(m.version(), 1);
  EXPECT_FALSE(m.begin_rebuild("page|fr")) << "same signature: nothing to copy";
  EXPECT_EQ(m.version(), 1);
  EXPECT_EQ(m.html(MirrorFocus::page_part), "<h1>International</h1>");
  ASSERT_TRUE(m.begin_rebuild("page|en"));
  EXPECT_EQ(m.version(), 2);
  EXPECT_TRUE(m.html(0).empty()) << "a rebuild starts from empty parts";
  EXPECT_TRUE(m.html(1).empty());
}

TEST(MirrorFocus, FocusChangesOnlyWhenTheKeyDoes) {
  MirrorFocus m;
  EXPECT_FALSE(m.set_focus(""));
  EXPECT_TRUE(m.set_focus("t3"));
  EXPECT_FALSE(m.set_focus("t3"));
  EXPECT_EQ(m.focus(), "t3");
  EXPECT_TRUE(m.set_focus(""));
}

}  // namespace
}  // namespace passerelle::ui
