// unit-json-dump.cpp — json::dump_for_script, the one writer of JSON inside an HTML <script>
// (the prerendered page's JSON-LD and inline data): no '<', '>', '&', U+2028 or U+2029 left
// in the text, and the text still parses to the same value (issue 13, item 1).
//
// Depends on: core/json/document.hpp (and so nlohmann/json, compiled with JSON_NOEXCEPTION=1
// like the core: see CMakeLists.txt), GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/json/document.hpp"

using passerelle::json::dump_for_script;
using Json = passerelle::json::Builder;  // what the writers build (nlohmann)

namespace {

const char* const kHostile[] = {
    "<!--<script>", "</script>", "</SCRIPT >", "<script", "]]>", "-->", "a & b", "&amp;", "\"quoted\" 'single'",
    "line\xE2\x80\xA8sep", "para\xE2\x80\xA9sep", "\\</script>", "\\\\<", "<\\/script>", "\xE2\x80\xA8\xE2\x80\xA9<>&",
    "\xE2\x80", "\xFF<"};

TEST(JsonDumpForScript, WritesNoCharacterThatMeansSomethingInScriptData) {
  for (const char* s : kHostile) {
    const std::string out = dump_for_script(Json{{"name", s}, {"list", {s, 1, true}}});
    SCOPED_TRACE(out);
    EXPECT_EQ(out.find_first_of("<>&"), std::string::npos);
    EXPECT_EQ(out.find("\xE2\x80\xA8"), std::string::npos);
    EXPECT_EQ(out.find("\xE2\x80\xA9"), std::string::npos);
  }
  EXPECT_EQ(dump_for_script(Json("</script>")), "\"\\u003c/script\\u003e\"");
  EXPECT_EQ(dump_for_script(Json("a&b\xE2\x80\xA8")), "\"a\\u0026b\\u2028\"");
}

TEST(JsonDumpForScript, ParsesBackToTheSameValue) {
  for (const char* s : kHostile) {
    const Json v = {{"name", s}, {"nested", {{"k<>&", s}}}, {"n", 3}};
    const Json back = Json::parse(dump_for_script(v), nullptr, false);
    ASSERT_FALSE(back.is_discarded()) << s;
    // Invalid UTF-8 is replaced by dump() in both: compare with what dump() keeps.
    EXPECT_EQ(back, Json::parse(passerelle::json::dump(v), nullptr, false)) << s;
  }
  EXPECT_EQ(Json::parse(dump_for_script(Json("<!--<script>")), nullptr, false), Json("<!--<script>"));
}

}  // namespace
