// The design tokens: every text/background pair legible in both schemes (WCAG AA 4.5:1, the
// map's roles 3:1 as graphics), and the stylesheet made from them says what the canvas uses.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "core/design/palette.hpp"
#include "core/design/stylesheet.hpp"
#include "core/design/type_scale.hpp"
#include "core/text/sfnt.hpp"
#include "test_support.hpp"

namespace passerelle {
namespace {

using design::Scheme;

class EveryScheme : public ::testing::TestWithParam<Scheme> {};

TEST_P(EveryScheme, EveryTextPairHasAtLeastAaContrast) {
  const auto pairs = design::text_pairs(design::palette(GetParam()));
  ASSERT_GE(pairs.size(), 18u);
  for (const auto& p : pairs)
    EXPECT_GE(contrast_ratio(p.fg, p.bg), p.minimum) << p.what << ": " << design::css_hex(p.fg)
                                                     << " on " << design::css_hex(p.bg);
}

TEST_P(EveryScheme, MapRolesStandOutFromLandAndSea) {
  for (const auto& p : design::graphic_pairs(design::palette(GetParam())))
    EXPECT_GE(contrast_ratio(p.fg, p.bg), p.minimum) << p.what;
}

INSTANTIATE_TEST_SUITE_P(Design, EveryScheme, ::testing::Values(Scheme::light, Scheme::dark),
                         [](const auto& info) { return info.param == Scheme::dark ? "dark" : "light"; });

TEST(DesignTokens, TheSchemesDifferWhereTheyMust) {
  const auto& l = design::palette(Scheme::light);
  const auto& d = design::palette(Scheme::dark);
  EXPECT_GT(relative_luminance(l.background), 0.9);
  EXPECT_LT(relative_luminance(d.background), 0.05);
  EXPECT_LT(relative_luminance(d.map_sea), relative_luminance(l.map_sea));
}

TEST(DesignTokens, ContrastRatioMatchesWcagReferenceValues) {
  EXPECT_NEAR(contrast_ratio(rgb_hex(0x000000), rgb_hex(0xFFFFFF)), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(rgb_hex(0x777777), rgb_hex(0xFFFFFF)), 4.48, 0.01);
}

TEST(DesignStylesheet, EveryColourOfBothSchemesIsACustomProperty) {
  const std::string css = design::token_stylesheet();
  for (Scheme s : {Scheme::light, Scheme::dark})
    for (const auto& c : design::palette_names())
      EXPECT_NE(css.find("--pl-" + std::string(c.name) + ":" + design::css_hex(design::palette(s).*c.member)),
                std::string::npos)
          << c.name;
  EXPECT_NE(css.find("@media (prefers-color-scheme:dark)"), std::string::npos);
}

TEST(DesignStylesheet, SizesOfEachTierAreThoseTheLayoutUses) {
  const std::string css = design::token_stylesheet();
  const TypeScale regular = type_scale_for_width(1280), compact = type_scale_for_width(375),
                  large = type_scale_for_width(1920);
  const auto root = css.find(":root{--pl-body:");
  const auto phone = css.find("@media (max-width:639.98px){:root{--pl-body:");
  const auto big = css.find("@media (min-width:1600px){:root{--pl-body:");
  ASSERT_NE(root, std::string::npos);
  ASSERT_NE(phone, std::string::npos);
  ASSERT_NE(big, std::string::npos);
  // A tier's block says only what differs from the regular tier.
  auto value = [&](std::size_t from, const std::string& name) {
    auto at = css.find("--pl-" + name + ":", from);
    if (at > css.find('}', from)) at = css.find("--pl-" + name + ":", root);
    at += name.size() + 6;
    return std::stof(css.substr(at, css.find("px", at) - at));
  };
  EXPECT_EQ(value(root, "body"), regular.body.size);
  EXPECT_EQ(value(root, "measure"), regular.measure);
  EXPECT_EQ(value(root, "header-h"), regular.header_h);
  EXPECT_EQ(value(phone, "body"), compact.body.size);
  EXPECT_EQ(value(phone, "margin"), compact.margin);
  EXPECT_EQ(value(phone, "body-line"), compact.body_line);
  EXPECT_EQ(value(big, "title"), large.title.size);
  EXPECT_EQ(value(big, "header-h"), large.header_h);  // the same as the regular tier's
}

TEST(DesignStylesheet, FontsAreTheSubsetsTheWasmUses) {
  const std::string css = design::token_stylesheet();
  for (int f = 0; f < kFaceCount; ++f)
    EXPECT_NE(css.find("url(fonts/" + std::string(design::face_file(static_cast<Face>(f))) + ".ttf)"),
              std::string::npos);
}

// ImGui's line of wrapped text is the font's ascent-to-descent box; the HTML banner sets the
// same line height from kNotoBoxEm.  Read from the fonts the build subsets.
TEST(DesignTokens, TheFontBoxIsTheFontsOwn) {
  for (const char* face : {"NotoSans-Regular", "NotoSans-Bold", "NotoSerif-Regular"}) {
    std::ifstream in(std::string("/usr/share/fonts/truetype/noto/") + face + ".ttf", std::ios::binary);
    ASSERT_TRUE(in) << face << " (Debian's fonts-noto-core)";
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto m = read_vertical_metrics(bytes);
    ASSERT_TRUE(m);
    EXPECT_NEAR(em_to_pixel_height(*m, 1.0f), kNotoBoxEm, 0.0005) << face;
  }
}

TEST(DesignStylesheet, CompactCssDropsCommentsAndSpaceButKeepsStrings) {
  EXPECT_EQ(design::compact_css("/* why */\na  b {\n  color: red;\n  content: \"\\a0›  \" ;\n}\n"),
            "a b{color: red;content: \"\\a0›  \";}\n");
  EXPECT_EQ(design::compact_css("@media (max-width: 1px) {\n :root { --x: 1px }\n}"),
            "@media (max-width: 1px){:root{--x: 1px}\n}\n");
}

// shell/passerelle.css (the hand-written rules) takes every colour and shared size from the
// tokens: each var(--pl-…) it reads is defined by the generated part, and it writes no colour
// of its own (a hex, rgb() or hsl() literal would be a second source).
TEST(DesignStylesheet, TheHandWrittenRulesUseOnlyTokensForColours) {
  const std::string rules = test::read_file(test::source_path("shell/passerelle.css"));
  ASSERT_GT(rules.size(), 1000u);
  std::string tokens = design::token_stylesheet();
  // Properties the rules define for themselves (from tokens) count as defined.
  const std::regex def("(--pl-[a-z0-9-]+):");
  for (std::sregex_iterator it(rules.begin(), rules.end(), def), end; it != end; ++it) tokens += (*it)[1].str() + ":";
  const std::regex use("var\\((--pl-[a-z0-9-]+)\\)");
  std::set<std::string> used;
  for (std::sregex_iterator it(rules.begin(), rules.end(), use), end; it != end; ++it) used.insert((*it)[1].str());
  EXPECT_GE(used.size(), 40u);
  for (const std::string& name : used) EXPECT_NE(tokens.find(name + ":"), std::string::npos) << name << " is not a token";
  const std::regex literal("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsla?\\(");
  std::smatch m;
  EXPECT_FALSE(std::regex_search(rules, m, literal)) << "a colour literal: " << m.str();
}

}  // namespace
}  // namespace passerelle
