// unit-consent-bridge.cpp — the consent rules between the widget and the platform, without
// drawing: nothing before start(), decisions kept for the platform once, which keys the
// widget takes, and the mirror's signature following the choices.
//
// Depends on: ui/app/consent_bridge.hpp, core/pack, headless.hpp (files), GoogleTest.
#include <gtest/gtest.h>

#include "headless.hpp"
#include "ui/app/consent_bridge.hpp"

namespace passerelle::ui {
namespace {

using testing::read_text;
using testing::source_path;

struct Bridge : ::testing::Test {
  void SetUp() override {
    PackResult r = parse_pack(read_text(source_path("content/international.fr.json")), "p.json");
    ASSERT_TRUE(r.ok() && r.pack->consent);
    config = *r.pack->consent;
    bridge.set_wall_clock(1'800'000'000);
    bridge.set_id_source([] { return std::string(32, 'a'); });
  }
  void start() {
    ConsentStart s;
    s.now = 1'800'000'000;
    bridge.start(config, s);
  }
  ConsentConfig config;
  ConsentBridge bridge;
};

TEST_F(Bridge, InertUntilStarted) {
  EXPECT_FALSE(bridge.active());
  EXPECT_FALSE(bridge.open());
  EXPECT_FALSE(bridge.show());
  EXPECT_FALSE(bridge.grant(config.purposes.back().id));
  EXPECT_FALSE(bridge.press("refuse_all"));
  EXPECT_FALSE(bridge.wants_key(UiKey::tab, false));
  std::string sig = "page";
  bridge.add_mirror_signature(sig);
  EXPECT_EQ(sig, "page");
  EXPECT_EQ(bridge.content_height(false), 0);
  EXPECT_EQ(bridge.click(ImVec2(1, 1)).kind, Action::Kind::none);
}

TEST_F(Bridge, AFirstVisitOpensTheBannerWhichLeavesArrowsToThePage) {
  start();
  EXPECT_TRUE(bridge.open());
  EXPECT_EQ(bridge.content_width(), 0) << "only the closed widget is a small box";
  EXPECT_TRUE(bridge.wants_key(UiKey::tab, false));
  EXPECT_TRUE(bridge.wants_key(UiKey::tab, true));
  EXPECT_FALSE(bridge.wants_key(UiKey::down, false)) << "the banner does not block reading";
  EXPECT_FALSE(bridge.wants_key(UiKey::activate, false)) << "no button has the focus";
  ASSERT_TRUE(bridge.show());  // the panel is modal: it takes the arrows
  EXPECT_EQ(bridge.manager()->view(), ConsentView::panel);
  EXPECT_TRUE(bridge.wants_key(UiKey::down, false));
  EXPECT_GT(bridge.content_height(false), 700);
}

TEST_F(Bridge, AGrantIsADecisionTakenOnce) {
  start();
  std::string before;
  bridge.add_mirror_signature(before);
  const std::string& purpose = config.purposes.back().id;
  ASSERT_FALSE(config.purposes.back().required);
  const std::optional<ConsentOutcome> o = bridge.grant(purpose);
  ASSERT_TRUE(o.has_value());
  EXPECT_FALSE(o->cookie_value.empty());
  EXPECT_FALSE(bridge.open());
  std::string after;
  bridge.add_mirror_signature(after);
  EXPECT_NE(after, before);
  EXPECT_EQ(bridge.take_outcomes().size(), 1u);
  EXPECT_TRUE(bridge.take_outcomes().empty());
  EXPECT_FALSE(bridge.grant("no-such-purpose").has_value());
  EXPECT_NE(bridge.mirror_html("fr").find("Gérer mes cookies"), std::string::npos);
}

}  // namespace
}  // namespace passerelle::ui
