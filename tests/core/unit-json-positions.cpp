// unit-json-positions.cpp — JSON pointer → line and column of values, keys and bytes inside
// strings; duplicate keys; no recursion on deep nesting.
//
// Depends on: core/json_positions.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/json/positions.hpp"

using namespace passerelle;

namespace {
void expect_at(TextPosition p, int line, int column) {
  EXPECT_EQ(p.line, line);
  EXPECT_EQ(p.column, column);
}
}  // namespace

TEST(JsonPositions, OffsetToLineAndColumnIsOneBased) {
  const std::string t = "ab\ncd\n";
  expect_at(position_of_offset(t, 0), 1, 1);
  expect_at(position_of_offset(t, 1), 1, 2);
  expect_at(position_of_offset(t, 3), 2, 1);
  expect_at(position_of_offset(t, 100), 3, 1);  // clamped to the end
}

TEST(JsonPositions, RecordsTheFirstByteOfEveryValue) {
  const std::string t =
      "{\n"
      "  \"page\": {\n"
      "    \"title\": 42,\n"
      "    \"body\": [ {\"type\": \"x\"}, [], \"s\" ]\n"
      "  }\n"
      "}\n";
  const JsonPositions p = JsonPositions::scan(t);
  expect_at(p.value(""), 1, 1);
  expect_at(p.value("/page"), 2, 11);
  expect_at(p.value("/page/title"), 3, 14);
  expect_at(p.value("/page/body"), 4, 13);
  expect_at(p.value("/page/body/0"), 4, 15);
  expect_at(p.value("/page/body/0/type"), 4, 24);
  expect_at(p.value("/page/body/1"), 4, 30);
  expect_at(p.value("/page/body/2"), 4, 34);
  EXPECT_FALSE(p.value("/page/missing").known());
}

TEST(JsonPositions, RecordsTheKeyOfObjectMembers) {
  const std::string t = R"({"a": {"bb": 1}})";
  const JsonPositions p = JsonPositions::scan(t);
  expect_at(p.key("/a"), 1, 2);
  expect_at(p.key("/a/bb"), 1, 8);
  EXPECT_FALSE(p.key("").known());
}

TEST(JsonPositions, ColumnsCountBytes) {
  const std::string t = "{\"\xC3\xA9t\xC3\xA9\": 1}";  // "été": 1
  expect_at(JsonPositions::scan(t).value("/\xC3\xA9t\xC3\xA9"), 1, 11);
}

TEST(JsonPositions, KeysAreDecodedAndEscapedInPointers) {
  const std::string t = R"({"a/b": 1, "m~n": 2, "\u0041": 3})";
  const JsonPositions p = JsonPositions::scan(t);
  EXPECT_TRUE(p.value("/a~1b").known());
  EXPECT_TRUE(p.value("/m~0n").known());
  EXPECT_TRUE(p.value("/A").known());
  EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
}

TEST(JsonPositions, InsideStringAccountsForEscapes) {
  //                      col: 1234567 8 9...
  const std::string t = R"({"t": "a\"b\u00e9c*"})";
  const JsonPositions p = JsonPositions::scan(t);
  expect_at(p.inside_string("/t", 0), 1, 8);   // 'a'
  expect_at(p.inside_string("/t", 1), 1, 9);   // '\"'
  expect_at(p.inside_string("/t", 2), 1, 11);  // 'b'
  expect_at(p.inside_string("/t", 3), 1, 12);  // \u00e9 (two bytes decoded)
  expect_at(p.inside_string("/t", 5), 1, 18);  // 'c'
  expect_at(p.inside_string("/t", 6), 1, 19);  // '*'
}

TEST(JsonPositions, ReportsDuplicateKeys) {
  const std::string t = "{\"a\": 1,\n \"a\": 2}";
  const JsonPositions p = JsonPositions::scan(t);
  ASSERT_EQ(p.duplicate_keys().size(), 1u);
  EXPECT_EQ(p.duplicate_keys()[0].pointer, "/a");
  expect_at(p.duplicate_keys()[0].key, 2, 2);
  expect_at(p.value("/a"), 2, 7);  // the JSON library keeps the last value; so do we
}

TEST(JsonPositions, SkipsAByteOrderMark) {
  const std::string t = "\xEF\xBB\xBF{\"a\": 1}";
  expect_at(JsonPositions::scan(t).value("/a"), 1, 10);
}

TEST(JsonPositions, DeepNestingIsScannedIteratively) {
  // Pointers grow with depth, so memory is depth × values: callers bound the depth first
  // (json_access refuses more than PackLimits::max_depth before the scan).
  const std::size_t n = 3000;
  const std::string t = std::string(n, '[') + std::string(n, ']');
  const JsonPositions p = JsonPositions::scan(t);
  expect_at(p.value("/0/0/0"), 1, 4);
}
