// unit-json-positions.cpp — JSON pointer → line and column of values, keys and bytes inside
// strings; duplicate keys; no recursion on deep nesting.
//
// Depends on: core/json/positions.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json/positions.hpp"

using namespace passerelle::json;

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
  const PositionIndex p = PositionIndex::scan(t);
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
  const PositionIndex p = PositionIndex::scan(t);
  expect_at(p.key("/a"), 1, 2);
  expect_at(p.key("/a/bb"), 1, 8);
  EXPECT_FALSE(p.key("").known());
}

TEST(JsonPositions, ColumnsCountBytes) {
  const std::string t = "{\"\xC3\xA9t\xC3\xA9\": 1}";  // "été": 1
  expect_at(PositionIndex::scan(t).value("/\xC3\xA9t\xC3\xA9"), 1, 11);
}

TEST(JsonPositions, KeysAreDecodedAndEscapedInPointers) {
  const std::string t = R"({"a/b": 1, "m~n": 2, "\u0041": 3})";
  const PositionIndex p = PositionIndex::scan(t);
  EXPECT_TRUE(p.value("/a~1b").known());
  EXPECT_TRUE(p.value("/m~0n").known());
  EXPECT_TRUE(p.value("/A").known());
  EXPECT_EQ(escape_pointer_token("a/b~c"), "a~1b~0c");
}

TEST(JsonPositions, InsideStringAccountsForEscapes) {
  //                      col: 1234567 8 9...
  const std::string t = R"({"t": "a\"b\u00e9c*"})";
  const PositionIndex p = PositionIndex::scan(t);
  expect_at(p.inside_string("/t", 0), 1, 8);   // 'a'
  expect_at(p.inside_string("/t", 1), 1, 9);   // '\"'
  expect_at(p.inside_string("/t", 2), 1, 11);  // 'b'
  expect_at(p.inside_string("/t", 3), 1, 12);  // \u00e9 (two bytes decoded)
  expect_at(p.inside_string("/t", 5), 1, 18);  // 'c'
  expect_at(p.inside_string("/t", 6), 1, 19);  // '*'
}

TEST(JsonPositions, FindsDuplicateKeys) {
  const std::string t = "{\"a\": 1,\n \"a\": 2}";
  const std::vector<DuplicateKey> d = find_duplicate_keys(t);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].pointer, "/a");
  const PositionIndex p = PositionIndex::scan(t);
  expect_at(p.at(d[0].key_offset), 2, 2);
  expect_at(p.value("/a"), 2, 7);  // the JSON library keeps the last value; so do we
}

TEST(JsonPositions, DuplicateKeysAreFoundPerObject) {
  // The same key in two objects is no duplicate; members of a repeated object are not
  // repeated themselves; every later copy is reported, in document order.
  const std::string t =
      R"({"x": {"k": 1}, "y": {"k": 2}, "a": {"b": 1}, "a": {"b": 2},)"
      R"( "l": [{"q": 1, "q/~": 2, "q/~": 3}], "z": 1, "z": 2, "z": 3})";
  const std::vector<DuplicateKey> d = find_duplicate_keys(t);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].pointer, "/a");
  EXPECT_EQ(d[1].pointer, "/l/0/q~1~0");
  EXPECT_EQ(d[2].pointer, "/z");
  EXPECT_EQ(d[3].pointer, "/z");
  EXPECT_LT(d[2].key_offset, d[3].key_offset);
  EXPECT_EQ(t.substr(d[0].key_offset, 3), "\"a\"");
  EXPECT_EQ(find_duplicate_keys(t, 2).size(), 2u);
  EXPECT_TRUE(find_duplicate_keys(R"({"a": [], "b": {}, "c": [{}, []]})").empty());
}

TEST(JsonPositions, SkipsAByteOrderMark) {
  const std::string t = "\xEF\xBB\xBF{\"a\": 1}";
  expect_at(PositionIndex::scan(t).value("/a"), 1, 10);
}

TEST(JsonPositions, DeepNestingIsScannedIteratively) {
  // Pointers grow with depth, so memory is depth × values: callers bound the depth first
  // (json::load refuses more than Limits::max_depth before the scan).
  const std::size_t n = 3000;
  const std::string t = std::string(n, '[') + std::string(n, ']');
  const PositionIndex p = PositionIndex::scan(t);
  expect_at(p.value("/0/0/0"), 1, 4);
}
