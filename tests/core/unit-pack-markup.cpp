// unit-pack-markup.cpp — markup and link errors inside pack strings carry the position of
// the offending character, and unsafe URLs are refused in inline links and in page.links.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {
PackResult with_paragraph(std::string_view json_string_body, std::string* text_out = nullptr) {
  const std::string text =
      pack_with_body(R"({"type": "paragraph", "text": ")" + std::string(json_string_body) + "\"}");
  if (text_out) *text_out = text;
  return parse_pack(text, "f.json");
}

PackResult with_link(std::string_view url_json) {
  return parse_pack(pack_with_page(std::string(kMinimalPage) + R"(, "links": [{"text": "a", "url": )" +
                                   std::string(url_json) + "}]"),
                    "f.json");
}
}  // namespace

TEST(PackMarkup, UnclosedEmphasisPointsAtTheStar) {
  std::string text;
  const PackResult r = with_paragraph("une *campagne", &text);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::markup);
  EXPECT_EQ(r.errors[0].pointer, "/page/body/0/text");
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find('*') + 1);
}

TEST(PackMarkup, ColumnAccountsForJsonEscapesBeforeTheError) {
  std::string text;
  const PackResult r = with_paragraph(R"(\u00e9\"x\" [oups)", &text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find("[oups") + 1);
}

TEST(PackMarkup, UnclosedStrongAndBracketAreMarkupErrors) {
  for (const char* s : {"**gras", "[lien", "[](https://example.org)", "a ] b"}) {
    const PackResult r = with_paragraph(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.errors[0].code, ErrorCode::markup) << s;
  }
}

TEST(PackMarkup, MarkupInTheLeadAndFootnotesIsChecked) {
  const PackResult r = parse_pack(pack_with_page(std::string(kMinimalPage) + R"(, "lead": "*a")"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].pointer, "/page/lead");
}

TEST(PackMarkup, UnsafeInlineLinksAreRefused) {
  for (const char* url : {"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x",
                          "//evil.example", "relative.html", "https://a b"}) {
    std::string text;
    const PackResult r = with_paragraph(std::string("[clic](") + url + ")", &text);
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.errors[0].code, ErrorCode::unsafe_url) << url;
    EXPECT_EQ(r.errors[0].pointer, "/page/body/0/text");
  }
}

TEST(PackMarkup, UnsafeLinkFixturePointsAtTheAddress) {
  const std::string bytes = read_file(source_path("tests/fixtures/unsafe-link.json"));
  const PackResult r = parse_pack(bytes, "unsafe-link.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::unsafe_url);
  EXPECT_EQ(r.errors[0].line, 10);
  const std::size_t line_start = bytes.rfind('\n', bytes.find("javascript:")) + 1;
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), bytes.find("javascript:") - line_start + 1);
}

TEST(PackMarkup, SafeInlineLinksAreKept) {
  const PackResult r = with_paragraph("[a](https://example.org) et [b](mailto:x@example.org)");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
}

TEST(PackLinks, UnsafePageLinkUrlsAreRefused) {
  for (const char* url : {R"x("javascript:alert(1)")x", R"x("JAVASCRIPT:alert(1)")x", R"("data:x")",
                          R"("//evil")", R"("page.html")", R"("https://a b")",
                          R"("https://a\u0000b")", R"("https://a\u0001b")"}) {
    const PackResult r = with_link(url);
    ASSERT_FALSE(r.ok()) << url;
    const bool refused = find_error(r, ErrorCode::unsafe_url) || find_error(r, ErrorCode::bad_value);
    EXPECT_TRUE(refused) << url << "\n" << format_all(r.errors);
    EXPECT_EQ(r.errors[0].pointer, "/page/links/0/url") << url;
  }
}

TEST(PackLinks, UnsafePageLinkIsReportedAsUnsafeUrl) {
  const PackResult r = with_link(R"x("javascript:alert(1)")x");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::unsafe_url);
  EXPECT_EQ(r.errors[0].found, "\"javascript:alert(1)\"");
}

TEST(PackLinks, PageLinkWithoutUrlIsShownAsText) {
  const PackResult r = parse_pack(
      pack_with_page(std::string(kMinimalPage) + R"(, "links": [{"text": "a", "lang": "en"}])"), "f");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_TRUE(r.pack->page.links[0].url.empty());
  EXPECT_EQ(r.pack->page.links[0].lang, "en");
}

TEST(PackLinks, SafePageLinkIsKept) {
  const PackResult r = with_link(R"("https://www.lacimade.org/")");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(r.pack->page.links[0].url, "https://www.lacimade.org/");
}
