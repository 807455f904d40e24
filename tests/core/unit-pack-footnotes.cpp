// unit-pack-footnotes.cpp — footnotes across the page: ids unique, every [^id] defined,
// every footnote referenced, numbering in order.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {
std::string page_with(std::string_view body_text, std::string_view footnotes) {
  return pack_with_page(R"("id": "t", "title": "T", "body": [{"type": "paragraph", "text": ")" +
                        std::string(body_text) + R"("}], "footnotes": [)" + std::string(footnotes) + "]");
}
}  // namespace

TEST(PackFootnotes, ReferencedFootnotesAreNumberedInOrder) {
  const PackResult r = parse_pack(
      page_with("a[^b] c[^a]", R"({"id": "a", "text": "A"}, {"id": "b", "text": "B"})"), "f");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(footnote_number(r.pack->page, "a"), 1);
  EXPECT_EQ(footnote_number(r.pack->page, "b"), 2);
  EXPECT_EQ(footnote_number(r.pack->page, "zz"), 0);
}

TEST(PackFootnotes, UnknownReferenceIsReportedAtTheReference) {
  const std::string text = page_with("voir[^2]", R"({"id": "1", "text": "n[^1]"})");
  const PackResult r = parse_pack(text, "f");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::unknown_footnote);
  EXPECT_EQ(r.errors[0].pointer, "/page/body/0/text");
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find("[^2]") + 1);
  EXPECT_EQ(r.errors[0].found, "\"[^2]\"");
}

TEST(PackFootnotes, ReferenceWithoutAnyFootnotesIsUnknown) {
  const PackResult r = parse_pack(pack_with_body(R"({"type": "paragraph", "text": "x[^1]"})"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::unknown_footnote);
}

TEST(PackFootnotes, UnusedFootnoteIsReported) {
  const std::string text = page_with("rien", R"({"id": "1", "text": "seule"})");
  const PackResult r = parse_pack(text, "f");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::unused_footnote);
  EXPECT_EQ(r.errors[0].pointer, "/page/footnotes/0");
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find("{\"id\": \"1\"") + 1);
}

TEST(PackFootnotes, DuplicateIdIsReportedAtTheSecondId) {
  const std::string text =
      page_with("a[^1]", R"({"id": "1", "text": "A"}, {"id": "1", "text": "B"})");
  const PackResult r = parse_pack(text, "f");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_error(r, ErrorCode::duplicate_id);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->pointer, "/page/footnotes/1/id");
  EXPECT_EQ(static_cast<std::size_t>(d->column), text.rfind("\"1\"") + 1);
}

TEST(PackFootnotes, FootnoteIdMustBeAReferenceableWord) {
  const PackResult r = parse_pack(page_with("a", R"({"id": "un deux", "text": "A"})"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::bad_value);
  EXPECT_EQ(r.errors[0].pointer, "/page/footnotes/0/id");
}

TEST(PackFootnotes, AMarkupTypoDoesNotAlsoMakeItsFootnoteUnused) {
  const PackResult r = parse_pack(page_with("*oups[^1]", R"({"id": "1", "text": "A"})"), "f");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::markup);
}
