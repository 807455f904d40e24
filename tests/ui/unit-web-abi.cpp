// The pl_* boundary's named numbers (src/platform/web/pl_abi.hpp) compiled natively: its
// static_asserts tie them to the ui/ and core/ enums here too, not only in the wasm build.
// The JS twin (web/loader/abi.js) is checked against it by tests/tools/abi.test.mjs.
#include <gtest/gtest.h>

#include "platform/web/pl_abi.hpp"

namespace passerelle::web::abi {
namespace {

TEST(WebAbi, EveryActionKindHasItsCode) {
  EXPECT_EQ(action_code(ui::Action::Kind::none), ActionCode::none);
  EXPECT_EQ(action_code(ui::Action::Kind::handled), ActionCode::handled);
  EXPECT_EQ(action_code(ui::Action::Kind::open_url), ActionCode::open_url);
  EXPECT_EQ(action_code(ui::Action::Kind::open_page), ActionCode::open_page);
}

TEST(WebAbi, FlagsAreZeroAndOneAndAnyOtherValueIsOn) {
  EXPECT_EQ(flag(false), 0);
  EXPECT_EQ(flag(true), 1);
  EXPECT_FALSE(is_on(code(Flag::off)));
  EXPECT_TRUE(is_on(code(Flag::on)));
  EXPECT_TRUE(is_on(-1));
}

}  // namespace
}  // namespace passerelle::web::abi
