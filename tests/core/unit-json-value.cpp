// unit-json-value.cpp — json::load's own document (json::Value, issue 16) against the one it
// replaced, nlohmann's basic_json: for every fuzz corpus file, every shipped pack and a list of
// edge cases, the same values, number kinds, member order (keys sorted, the last of a repeated
// key kept), the same accepted and refused texts and the same syntax diagnostic; describe()
// writes numbers as nlohmann's dump() did.  Same document, so the readers over it (pack, map
// geometry) report exactly what they reported before.
//
// Depends on: core/json/document.hpp (json::Value, and json::Builder, nlohmann's document, the
// reference), test_support.hpp, GoogleTest, <filesystem>.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/json/document.hpp"
#include "test_support.hpp"

using namespace passerelle;
using json::Builder;
using json::Value;

namespace {

// Where a and b first differ ("" when they are the same document), as a JSON pointer.
std::string first_difference(const Value& a, const Builder& b, const std::string& at = "") {
  switch (a.type()) {
    case Value::Type::null: return b.is_null() ? "" : at + " (null)";
    case Value::Type::boolean:
      return b.is_boolean() && b.get<bool>() == *a.if_bool() ? "" : at + " (boolean)";
    case Value::Type::number_integer:
      return b.is_number_integer() && !b.is_number_unsigned() && b.get<std::int64_t>() == *a.if_integer()
                 ? "" : at + " (integer)";
    case Value::Type::number_unsigned:
      return b.is_number_unsigned() && b.get<std::uint64_t>() == *a.if_unsigned() ? "" : at + " (unsigned)";
    case Value::Type::number_float: {
      if (!b.is_number_float()) return at + " (float)";
      const double x = b.get<double>(), y = *a.if_float();
      return std::memcmp(&x, &y, sizeof x) == 0 ? "" : at + " (float value)";
    }
    case Value::Type::string:
      return b.is_string() && b.get_ref<const std::string&>() == *a.if_string() ? "" : at + " (string)";
    case Value::Type::array: {
      if (!b.is_array() || b.size() != a.if_array()->size()) return at + " (array)";
      for (std::size_t i = 0; i < b.size(); ++i)
        if (auto d = first_difference((*a.if_array())[i], b[i], at + "/" + std::to_string(i)); !d.empty())
          return d;
      return "";
    }
    case Value::Type::object: {
      if (!b.is_object() || b.size() != a.if_object()->size()) return at + " (object)";
      auto it = b.items().begin();
      for (const auto& [key, value] : *a.if_object()) {  // same order: nlohmann's std::map
        if (it.key() != key) return at + "/" + key + " (member order)";
        if (auto d = first_difference(value, it.value(), at + "/" + key); !d.empty()) return d;
        ++it;
      }
      return "";
    }
  }
  return at + " (kind)";
}

// json::load and nlohmann's DOM parse agree on text: both accept it and build the same
// document, or both refuse it.
void expect_same_document(const std::string& text, const std::string& label) {
  SCOPED_TRACE(label);
  Value mine;
  std::vector<Diagnostic> errors;
  const bool loaded = json::load(text, "t.json", json::Limits{}, mine, errors);
  const Builder reference = Builder::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!loaded) {
    ASSERT_EQ(errors.size(), 1u);
    // Refused before parsing (size, UTF-8, depth, memory) or by the same parser.
    if (errors[0].code == ErrorCode::syntax) EXPECT_TRUE(reference.is_discarded());
    return;
  }
  ASSERT_FALSE(reference.is_discarded());
  EXPECT_EQ(first_difference(mine, reference), "");
}

std::vector<std::string> files_under(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path().string());
  return out;
}

}  // namespace

TEST(JsonValue, EveryCorpusFileAndPackGivesNlohmannsDocument) {
  std::vector<std::string> files = files_under(test::source_path("fuzz/corpus"));
  for (const std::string& f : files_under(test::source_path("content"))) files.push_back(f);
  ASSERT_GT(files.size(), 20u);
  for (const std::string& f : files) expect_same_document(test::read_file(f), f);
}

TEST(JsonValue, EdgeCasesGiveNlohmannsDocument) {
  const char* const texts[] = {
      "0", "-0", "2", "-2", "2.0", "-2.5e3", "1e400", "18446744073709551615", "18446744073709551616",
      "-9223372036854775808", "-9223372036854775809", "0.1", "5e-324", "1.7976931348623157e308",
      "\"\"", "\"\\u00e9\\n\\\"\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "true", "false", "null",
      "[]", "{}", "[[[]]]", R"({"b": 1, "a": 2, "c": {"z": [], "y": {}}})",
      R"({"k": 1, "k": 2, "j": 0, "k": 3})", R"({"": 0, "a": {"a": 1, "a": [1]}})",
      R"({"é": 1, "e": 2, "E": 3, "ee": 4, "e\u0000": 5})", "[1, 2", "{\"a\" 1}", "[1,]", "tru",
      "[01]", "[-]", "\"\\x\"", "[1] 2", "", " ", "{\"a\":1}}", "[\"a\tb\"]", "\xEF\xBB\xBF[1]"};
  for (const char* t : texts) expect_same_document(t, t);
}

TEST(JsonValue, ObjectsAreInKeyOrderAndARepeatedKeyKeepsItsLastValue) {
  Value v;
  std::vector<Diagnostic> errors;
  ASSERT_TRUE(json::load(R"({"b": 1, "a": 2, "b": 3, "c": 4, "a": 5})", "t.json", {}, v, errors));
  const Value::object_t& o = *v.if_object();
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].first, "a");
  EXPECT_EQ(*o[0].second.if_unsigned(), 5u);
  EXPECT_EQ(o[1].first, "b");
  EXPECT_EQ(*o[1].second.if_unsigned(), 3u);
  EXPECT_EQ(*json::member(v, "c")->if_unsigned(), 4u);
  EXPECT_EQ(json::member(v, "d"), nullptr);
  EXPECT_EQ(json::member(o[0].second, "a"), nullptr);  // not an object
}

TEST(JsonValue, DescribeWritesNumbersAsNlohmannsDumpDid) {
  const char* const numbers[] = {"2.0", "-0.0", "0.1", "1.5", "1e100", "1e21", "1e-7", "123456789012345680000",
                                 "5e-324", "1.7976931348623157e308", "-2.5e3", "3.14159", "100000000000000000000000"};
  for (const char* n : numbers) {
    Value v;
    std::vector<Diagnostic> errors;
    ASSERT_TRUE(json::load(n, "t.json", {}, v, errors)) << n;
    EXPECT_EQ(json::describe(v), "a number " + Builder::parse(n).dump()) << n;
  }
  Value v;
  std::vector<Diagnostic> errors;
  ASSERT_TRUE(json::load("[-3, 18446744073709551615]", "t.json", {}, v, errors));
  EXPECT_EQ(json::describe((*v.if_array())[0]), "a number -3");
  EXPECT_EQ(json::describe((*v.if_array())[1]), "a number 18446744073709551615");
}

TEST(JsonValue, SyntaxErrorsAreReportedWhereAndAsBefore) {
  Value v;
  std::vector<Diagnostic> errors;
  EXPECT_FALSE(json::load("{\n  \"a\": tru\n}", "t.json", {}, v, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, ErrorCode::syntax);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].column, 8);
  EXPECT_EQ(errors[0].found, "invalid literal \"tru\"");
  EXPECT_TRUE(v.is_null());  // nothing half-built is left
  errors.clear();
  EXPECT_FALSE(json::load("{\"a\": 1,}", "t.json", {}, v, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].column, 9);
  EXPECT_EQ(errors[0].expected, "string literal");
  EXPECT_EQ(errors[0].found, "'}'");
}
