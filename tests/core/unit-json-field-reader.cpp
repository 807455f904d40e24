// unit-json-field-reader.cpp — json::FieldReader, the reader the pack and the map geometry
// share: where diagnostics point (value, key, byte inside a string, object of a missing
// field), shapes and limits, the plain-text rules (Unicode blanks), repeated keys, the bound
// on the number of diagnostics, and positions computed only once something is reported.
//
// Depends on: core/json/field_reader.hpp (and so nlohmann/json, compiled with
// JSON_NOEXCEPTION=1 like the core: see CMakeLists.txt), GoogleTest.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json/field_reader.hpp"

using namespace passerelle;
using namespace passerelle::json;

namespace {

// A document and a reader over it.
struct Doc {
  explicit Doc(std::string bytes, Limits l = {}) : text(std::move(bytes)), limits(l) {
    EXPECT_TRUE(load(text, "t.json", limits, root, errors)) << format_all(errors);
  }
  FieldReader reader() { return FieldReader(text, "t.json", limits, errors); }
  const Json& at(std::string_view key) const { return *member(root, key); }

  std::string text;
  Limits limits;
  Json root;
  std::vector<Diagnostic> errors;
};

void expect_at(const Diagnostic& d, ErrorCode code, std::string_view pointer, int line, int column) {
  EXPECT_EQ(d.code, code) << format(d);
  EXPECT_EQ(d.pointer, pointer) << format(d);
  EXPECT_EQ(d.line, line) << format(d);
  EXPECT_EQ(d.column, column) << format(d);
}

}  // namespace

TEST(JsonFieldReader, AValidDocumentIsNeverScannedForPositions) {
  Doc doc(R"({"a": "text", "b": [1, 2], "c": true})");
  FieldReader r = doc.reader();
  std::string a;
  bool c = false;
  EXPECT_TRUE(r.expect_object(doc.root, ""));
  r.check_fields(doc.root, "", {"a", "b", "c"});
  r.check_duplicate_keys();
  EXPECT_TRUE(r.read_plain(doc.at("a"), "/a", a));
  EXPECT_TRUE(r.read_array(doc.at("b"), "/b", false));
  EXPECT_TRUE(r.read_bool(doc.at("c"), "/c", c));
  EXPECT_EQ(a, "text");
  EXPECT_TRUE(c);
  EXPECT_TRUE(doc.errors.empty());
  EXPECT_FALSE(r.has_positions());
  r.report_value(ErrorCode::bad_value, "/c", "false", "true");
  EXPECT_TRUE(r.has_positions());
  expect_at(doc.errors.at(0), ErrorCode::bad_value, "/c", 1, 33);
}

TEST(JsonFieldReader, ShapesReportTheWrongTypeAtTheValue) {
  Doc doc("{\"o\": 1,\n \"s\": [],\n \"b\": \"yes\"}");
  FieldReader r = doc.reader();
  bool b = false;
  EXPECT_FALSE(r.expect_object(doc.at("o"), "/o"));
  EXPECT_FALSE(r.expect_string(doc.at("s"), "/s"));
  EXPECT_FALSE(r.read_bool(doc.at("b"), "/b", b));
  ASSERT_EQ(doc.errors.size(), 3u);
  expect_at(doc.errors[0], ErrorCode::wrong_type, "/o", 1, 7);
  EXPECT_EQ(doc.errors[0].expected, "an object");
  EXPECT_EQ(doc.errors[0].found, "a number 1");
  expect_at(doc.errors[1], ErrorCode::wrong_type, "/s", 2, 7);
  expect_at(doc.errors[2], ErrorCode::wrong_type, "/b", 3, 7);
  EXPECT_EQ(doc.errors[2].expected, "true or false");
}

TEST(JsonFieldReader, MissingFieldsPointAtTheirObjectUnknownOnesAtTheirKey) {
  Doc doc("{\"x\": {\n  \"keep\": 1,\n  \"odd/name\": 2}}");
  FieldReader r = doc.reader();
  EXPECT_EQ(r.required(doc.at("x"), "/x", "need", "a number"), nullptr);
  EXPECT_NE(r.required(doc.at("x"), "/x", "keep", "a number"), nullptr);
  EXPECT_EQ(r.optional(doc.at("x"), "absent"), nullptr);
  r.check_fields(doc.at("x"), "/x", {"keep", "need"});
  ASSERT_EQ(doc.errors.size(), 2u);
  expect_at(doc.errors[0], ErrorCode::missing_field, "/x/need", 1, 7);
  EXPECT_EQ(doc.errors[0].expected, "a field \"need\" (a number)");
  EXPECT_EQ(doc.errors[0].found, "no such field in /x");
  expect_at(doc.errors[1], ErrorCode::unknown_field, "/x/odd~1name", 3, 3);
  EXPECT_EQ(doc.errors[1].expected, "one of the fields: keep, need");
}

TEST(JsonFieldReader, ArraysHaveAnItemLimitAndMayHaveToBeNonEmpty) {
  Limits limits;
  limits.max_items = 3;
  Doc doc(R"({"four": [1, 2, 3, 4], "two": [1, 2], "none": []})", limits);
  FieldReader r = doc.reader();
  EXPECT_EQ(r.read_array(doc.at("four"), "/four", true), nullptr);      // the document's limit
  EXPECT_EQ(r.read_array(doc.at("two"), "/two", true, 1), nullptr);     // the caller's, smaller
  EXPECT_NE(r.read_array(doc.at("two"), "/two", true, 100), nullptr);   // … but never larger
  EXPECT_NE(r.read_array(doc.at("none"), "/none", true), nullptr);
  EXPECT_EQ(r.read_array(doc.at("none"), "/none", false), nullptr);
  EXPECT_EQ(r.read_array(doc.at("two"), "/two", true), r.read_array(doc.at("two"), "/two", true));
  ASSERT_EQ(doc.errors.size(), 3u);
  EXPECT_EQ(doc.errors[0].code, ErrorCode::too_many_items);
  EXPECT_EQ(doc.errors[0].expected, "at most 3 items");
  EXPECT_EQ(doc.errors[1].expected, "at most 1 items");
  EXPECT_EQ(doc.errors[2].code, ErrorCode::empty_value);
}

TEST(JsonFieldReader, PlainTextsHaveASizeLimitAndNoControlCharacters) {
  Limits limits;
  limits.max_string_bytes = 5;
  Doc doc(R"({"long": "abcdef", "tab": "a\u00e9\tb", "ok": "abcde"})", limits);
  FieldReader r = doc.reader();
  std::string out;
  EXPECT_FALSE(r.read_plain(doc.at("long"), "/long", out));
  EXPECT_FALSE(r.read_plain(doc.at("tab"), "/tab", out));
  EXPECT_TRUE(r.read_plain(doc.at("ok"), "/ok", out));
  EXPECT_EQ(out, "abcde");
  ASSERT_EQ(doc.errors.size(), 2u);
  EXPECT_EQ(doc.errors[0].code, ErrorCode::string_too_long);
  EXPECT_EQ(doc.errors[0].expected, "at most 5 bytes of text");
  // The tab is reported where it is written, inside the string ("\t" after "\u00e9").
  expect_at(doc.errors[1], ErrorCode::bad_value, "/tab", 1, 35);
  EXPECT_EQ(doc.errors[1].found, "the control character U+0009");
}

TEST(JsonFieldReader, BlankTextsAreRefusedUnicodeSpacesIncluded) {
  Doc doc(R"(["", " ", "\u00a0\u00a0", "\u202f", "\u3000 \u2009", "\ufeff", "a\u00a0"])");
  FieldReader r = doc.reader();
  const Json::array_t& items = *as_array(doc.root);
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    std::string out;
    EXPECT_FALSE(r.read_plain(items[i], child("", i), out)) << i;
    EXPECT_EQ(doc.errors.back().code, ErrorCode::empty_value) << i;
  }
  std::string out;
  EXPECT_TRUE(r.read_plain(items.back(), "/6", out));
  EXPECT_EQ(out, "a\xC2\xA0");
}

TEST(JsonFieldReader, RepeatedKeysAreReportedAtTheSecondKey) {
  Doc doc("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}");
  FieldReader r = doc.reader();
  r.check_duplicate_keys();
  ASSERT_EQ(doc.errors.size(), 2u);
  expect_at(doc.errors[0], ErrorCode::duplicate_id, "/b/c", 2, 16);
  expect_at(doc.errors[1], ErrorCode::duplicate_id, "/a", 3, 2);
}

TEST(JsonFieldReader, DiagnosticsAreBoundedAndStopCostingOnceSaturated) {
  std::string text = "[";
  for (int i = 0; i < 150; ++i) text += i ? ",1" : "1";
  Doc doc(text + "]");
  FieldReader r = doc.reader();
  const Json::array_t& items = *as_array(doc.root);
  for (std::size_t i = 0; i < items.size(); ++i) r.expect_string(items[i], child("", i));
  EXPECT_EQ(doc.errors.size(), kMaxErrors);
  EXPECT_TRUE(r.saturated());
  EXPECT_EQ(doc.errors.back().pointer, "/99");
}

TEST(JsonFieldReader, LargeDocumentsAreReportedByPointerOnly) {
  Limits limits;
  limits.max_located_bytes = 10;
  Doc doc(R"({"a": 1, "b": 2})", limits);
  FieldReader r = doc.reader();
  r.expect_string(doc.at("b"), "/b");
  ASSERT_EQ(doc.errors.size(), 1u);
  expect_at(doc.errors[0], ErrorCode::wrong_type, "/b", 0, 0);
  EXPECT_FALSE(r.has_positions());
}

TEST(JsonFieldReader, JoinListsWords) {
  EXPECT_EQ(join({"a", "b", "c"}), "a, b, c");
  EXPECT_EQ(join(std::vector<std::string_view>{}), "");
}
