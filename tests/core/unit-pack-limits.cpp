// unit-pack-limits.cpp — the limits that bound the work on hostile input: size, UTF-8,
// nesting depth, string length, item count.  Each is refused fast and with its position.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <chrono>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

TEST(PackLimits, TooLargeInputIsRefusedBeforeParsing) {
  PackLimits limits;
  limits.max_bytes = 100;
  const PackResult r = parse_pack(std::string(101, ' '), "big.json", limits);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_large);
  EXPECT_EQ(r.errors[0].found, "101 bytes");
}

TEST(PackLimits, DefaultLimitRefusesMoreThanTwoMegabytes) {
  const PackResult r = parse_pack(std::string(2 * 1024 * 1024 + 1, ' '), "big.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_large);
}

TEST(PackLimits, InvalidUtf8IsReportedAtTheBadByte) {
  const std::string text = "{\n  \"format\": 1,\n  \"lang\": \"f\xFFr\"\n}";
  const PackResult r = parse_pack(text, "u.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::invalid_utf8);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].column, 13);
  EXPECT_EQ(r.errors[0].found, "the byte 0xFF");
}

TEST(PackLimits, HundredThousandOpenBracketsAreRefusedFast) {
  const auto start = std::chrono::steady_clock::now();
  const PackResult r = parse_pack(std::string(100000, '['), "deep.json");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_deep);
  EXPECT_EQ(r.errors[0].column, 33);  // the first bracket past the limit of 32
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(PackLimits, DeepObjectsAreRefusedToo) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "{\"a\":";
  const PackResult r = parse_pack(text, "deep.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_deep);
}

TEST(PackLimits, BracketsInsideStringsDoNotCountAsNesting) {
  const PackResult r = parse_pack(
      pack_with_body(R"({"type": "paragraph", "text": "\\[)" + std::string(1000, '{') + "\"}"),
      "f");
  EXPECT_EQ(find_error(r, ErrorCode::too_deep), nullptr) << format_all(r.errors);
}

TEST(PackLimits, DepthLimitIsConfigurable) {
  PackLimits limits;
  limits.max_depth = 3;  // root, page, body: a block would be the 4th level
  const PackResult r = parse_pack(pack_with_page(kMinimalPage), "f", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_deep);
}

TEST(PackLimits, TooLongStringIsReportedAtTheString) {
  PackLimits limits;
  limits.max_string_bytes = 10;
  const std::string text = pack_with_page(
      R"("id": "t", "title": "Un titre bien trop long", "body": [{"type": "paragraph", "text": "x"}])");
  const PackResult r = parse_pack(text, "f", limits);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::string_too_long);
  EXPECT_EQ(r.errors[0].pointer, "/page/title");
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find("\"Un titre") + 1);
  EXPECT_EQ(r.errors[0].found, "a text of 23 bytes");
}

TEST(PackLimits, TooManyItemsIsReportedAtTheArray) {
  PackLimits limits;
  limits.max_items = 2;
  const std::string block = R"({"type": "paragraph", "text": "x"})";
  const PackResult r = parse_pack(pack_with_body(block + "," + block + "," + block), "f", limits);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_many_items);
  EXPECT_EQ(r.errors[0].pointer, "/page/body");
}

TEST(PackLimits, ErrorCountIsBounded) {
  std::string blocks;
  for (int i = 0; i < 400; ++i) blocks += std::string(i ? "," : "") + R"({"type": "x"})";
  const PackResult r = parse_pack(pack_with_body(blocks), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_LE(r.errors.size(), 100u);
}

// The default limit on one array, with the real block shape: a page of 500 blocks reads, 501
// are refused at the body, with nothing of the body kept.
TEST(PackLimits, DefaultLimitRefusesMoreThanFiveHundredBlocks) {
  const std::string block = R"({"type": "paragraph", "text": "x"})";
  std::string blocks = block;
  for (int i = 1; i < 500; ++i) blocks += "," + block;
  EXPECT_TRUE(parse_pack(pack_with_body(blocks), "f").ok());
  const PackResult r = parse_pack(pack_with_body(blocks + "," + block), "f");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_many_items);
  EXPECT_EQ(r.errors[0].pointer, "/page/body");
}
