// unit-utf8.cpp — strict UTF-8 validation, decoding and encoding.
//
// Depends on: core/base/utf8.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/base/utf8.hpp"

using namespace passerelle;
constexpr auto npos = std::string_view::npos;

TEST(Utf8, AcceptsAsciiAndFrenchText) {
  EXPECT_EQ(find_invalid_utf8(""), npos);
  EXPECT_EQ(find_invalid_utf8("plain"), npos);
  EXPECT_EQ(find_invalid_utf8("\xC3\xA9t\xC3\xA9 \xE2\x80\x99 \xC2\xAB\xC2\xA0\xC2\xBB \xC5\x93"), npos);
  EXPECT_EQ(find_invalid_utf8("\xF0\x9F\x98\x80"), npos);  // U+1F600, four bytes
}

TEST(Utf8, ReportsTheOffsetOfTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(find_invalid_utf8("ab\x80"), 2u);              // lone continuation byte
  EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xC3"), 2u);         // truncated at the end
  EXPECT_EQ(find_invalid_utf8("x\xE2\x80y"), 1u);           // truncated in the middle
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);          // '/' in two bytes
  EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), 0u);      // '/' in three bytes
  EXPECT_EQ(find_invalid_utf8("\xF0\x80\x80\xAF"), 0u);  // '/' in four bytes
}

TEST(Utf8, RejectsSurrogatesAndCodePointsAboveTheLast) {
  EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);      // U+D800
  EXPECT_EQ(find_invalid_utf8("\xED\xBF\xBF"), 0u);      // U+DFFF
  EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(find_invalid_utf8("\xF5\x80\x80\x80"), 0u);
}

TEST(Utf8, DecodeAdvancesPastEachCodePoint) {
  const std::string s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80";
  std::size_t i = 0;
  EXPECT_EQ(decode_utf8(s, i), U'a');
  EXPECT_EQ(decode_utf8(s, i), U'\u00E9');
  EXPECT_EQ(decode_utf8(s, i), U'\u2019');
  EXPECT_EQ(decode_utf8(s, i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
}

TEST(Utf8, DecodeReturnsReplacementAndAdvancesOneByteOnBadInput) {
  const std::string s = "\xFF\xE2\x80";
  std::size_t i = 0;
  EXPECT_EQ(decode_utf8(s, i), U'\uFFFD');
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(decode_utf8(s, i), U'\uFFFD');
  EXPECT_EQ(i, 2u);
}

TEST(Utf8, AppendEncodesEveryLength) {
  std::string out;
  for (char32_t cp : {U'A', U'\u00E9', U'\u2019', U'\U0001F600'}) append_utf8(out, cp);
  EXPECT_EQ(out, "A\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80");
}

TEST(Utf8, AppendReplacesSurrogates) {
  std::string out;
  append_utf8(out, 0xD800);
  EXPECT_EQ(out, "\xEF\xBF\xBD");
}
