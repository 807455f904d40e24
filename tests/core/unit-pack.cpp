// unit-pack.cpp — the content pack's shape: the real pack reads, and each kind of mistake
// an editor can make is reported with its code, pointer, line and column.
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

TEST(Pack, RealInternationalPackReadsWithoutError) {
  const std::string path = source_path("content/international.fr.json");
  const std::string bytes = read_file(path);
  ASSERT_FALSE(bytes.empty()) << path;
  const PackResult r = parse_pack(bytes, "international.fr.json");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  const Page& page = r.pack->page;
  EXPECT_EQ(r.pack->lang, "fr");
  EXPECT_EQ(r.pack->site.name, "La Cimade");
  EXPECT_EQ(page.id, "international");
  EXPECT_EQ(page.title, "International");
  ASSERT_EQ(page.breadcrumb.size(), 1u);
  EXPECT_EQ(page.breadcrumb[0], "Nos actions");
  ASSERT_EQ(page.footnotes.size(), 1u);
  EXPECT_EQ(footnote_number(page, "1"), 1);
  ASSERT_EQ(page.links.size(), 2u);
  EXPECT_EQ(page.links[0].lang, "en");
  EXPECT_TRUE(page.links[0].url.empty());  // no known URL: shown as text
  ASSERT_EQ(page.body.size(), 6u);
  EXPECT_EQ(page.body[1].kind, Block::Kind::map);
  EXPECT_EQ(page.body[2].kind, Block::Kind::heading);
  EXPECT_EQ(page.body[2].text.plain(), "Construction de la paix");
  EXPECT_EQ(page.body[4].text.plain(), "Migrations internationales");
}

TEST(Pack, RealPackShowsItsLeadOnlyOnce) {
  const PackResult r = parse_pack(read_file(source_path("content/international.fr.json")), "p");
  ASSERT_TRUE(r.ok());
  const std::string lead = r.pack->page.lead.plain();
  ASSERT_FALSE(lead.empty());
  for (const Block& b : r.pack->page.body)
    EXPECT_EQ(b.text.plain().find(lead), std::string::npos);
  EXPECT_EQ(r.pack->page.body[0].text.plain().rfind("Aujourd\xE2\x80\x99hui les missions", 0), 0u);
}

TEST(Pack, MinimalPackReads) {
  const PackResult r = parse_pack(pack_with_page(kMinimalPage), "min.json");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(r.pack->page.body.size(), 1u);
  EXPECT_TRUE(r.pack->page.footnotes.empty());
}

TEST(Pack, SyntaxErrorHasLineAndColumn) {
  const std::string text = "{\n  \"format\": 1,\n  \"lang\": tru\n}\n";
  const PackResult r = parse_pack(text, "s.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::syntax);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].column, 11);
  EXPECT_EQ(r.errors[0].file, "s.json");
}

TEST(Pack, SyntaxFixtureReportsItsTrailingComma) {
  const PackResult r = parse_pack(read_file(source_path("tests/fixtures/bad-syntax.json")), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::syntax);
  EXPECT_EQ(r.errors[0].line, 11);
}

TEST(Pack, EmptyInputIsASyntaxError) {
  const PackResult r = parse_pack("", "e.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::syntax);
}

TEST(Pack, WrongTypeNamesPointerPositionExpectedAndFound) {
  const std::string text = "{\"format\": 1, \"lang\": \"fr\", \"site\": {\"name\": \"S\"},\n"
                           "\"page\": {\"id\": \"t\", \"title\": 42,\n"
                           "\"body\": [{\"type\": \"paragraph\", \"text\": \"x\"}]}}";
  const PackResult r = parse_pack(text, "w.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  const Diagnostic& d = r.errors[0];
  EXPECT_EQ(d.code, ErrorCode::wrong_type);
  EXPECT_EQ(d.pointer, "/page/title");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 30);
  EXPECT_EQ(d.expected, "a string");
  EXPECT_EQ(d.found, "a number 42");
  EXPECT_EQ(format(d), "w.json:2:30: error P203 at /page/title: expected a string, found a number 42");
}

TEST(Pack, WrongTypeFixtureIsInvalid) {
  const PackResult r = parse_pack(read_file(source_path("tests/fixtures/bad-types.json")), "f");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_error(r, ErrorCode::wrong_type);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->pointer, "/page/title");
  EXPECT_EQ(d->line, 8);
}

TEST(Pack, WrongTypeOfAStringDoesNotDumpIt) {
  const PackResult r = parse_pack(
      pack_with_page(R"("id": "t", "title": "T", "body": ")" + std::string(100000, 'x') + "\""),
      "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::wrong_type);
  EXPECT_LT(r.errors[0].found.size(), 80u);
}

TEST(Pack, MissingFieldPointsAtItsParentObject) {
  const std::string text = "{\"format\": 1, \"lang\": \"fr\", \"site\": {\"name\": \"S\"},\n"
                           "\"page\": {\"id\": \"t\", \"body\": [{\"type\": \"paragraph\", \"text\": \"x\"}]}}";
  const PackResult r = parse_pack(text, "m.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::missing_field);
  EXPECT_EQ(r.errors[0].pointer, "/page/title");
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_EQ(r.errors[0].column, 9);
}

TEST(Pack, UnknownFieldPointsAtItsKey) {
  const std::string text = pack_with_page(std::string(kMinimalPage) + ", \"titel\": \"x\"");
  const PackResult r = parse_pack(text, "u.json");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::unknown_field);
  EXPECT_EQ(r.errors[0].pointer, "/page/titel");
  EXPECT_EQ(r.errors[0].line, 1);
  EXPECT_EQ(static_cast<std::size_t>(r.errors[0].column), text.find("\"titel\"") + 1);
  EXPECT_EQ(r.errors[0].found, "\"titel\"");
}

TEST(Pack, UnknownFieldInABlockIsReported) {
  const PackResult r = parse_pack(pack_with_body(R"({"type": "paragraph", "level": 2, "text": "x"})"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::unknown_field);
  EXPECT_EQ(r.errors[0].pointer, "/page/body/0/level");
}

TEST(Pack, UnknownBlockTypeIsABadValue) {
  const PackResult r = parse_pack(pack_with_body(R"({"type": "image", "text": "x"})"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::bad_value);
  EXPECT_EQ(r.errors[0].pointer, "/page/body/0/type");
  EXPECT_EQ(r.errors[0].expected, "one of: paragraph, heading, list, map");
  EXPECT_EQ(r.errors[0].found, "\"image\"");
}

TEST(Pack, HeadingLevelMustBeTwoOrThree) {
  for (const char* level : {"1", "4", "2.5"}) {
    const PackResult r = parse_pack(
        pack_with_body(std::string(R"({"type": "heading", "level": )") + level + R"(, "text": "x"})"), "f");
    ASSERT_FALSE(r.ok()) << level;
    EXPECT_EQ(r.errors[0].code, ErrorCode::bad_value) << level;
    EXPECT_EQ(r.errors[0].pointer, "/page/body/0/level");
  }
  const PackResult s = parse_pack(pack_with_body(R"({"type": "heading", "level": "2", "text": "x"})"), "f");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.errors[0].code, ErrorCode::wrong_type);
}

TEST(Pack, HeadingLevelWrittenAsTwoPointZeroIsTwo) {
  // JSON Schema counts 2.0 as the integer 2; the parser agrees with pack.schema.json.
  const PackResult r = parse_pack(pack_with_body(R"({"type": "heading", "level": 3.0, "text": "x"})"), "f");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(r.pack->page.body[0].level, 3);
}

TEST(Pack, HeadingLevelDefaultsToTwo) {
  const PackResult r = parse_pack(pack_with_body(R"({"type": "heading", "text": "x"})"), "f");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_EQ(r.pack->page.body[0].level, 2);
}

TEST(Pack, ListBlockReadsItsItems) {
  const PackResult r =
      parse_pack(pack_with_body(R"({"type": "list", "ordered": true, "items": ["*a*", "b"]})"), "f");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  const Block& b = r.pack->page.body[0];
  EXPECT_EQ(b.kind, Block::Kind::list);
  EXPECT_TRUE(b.ordered);
  ASSERT_EQ(b.items.size(), 2u);
  EXPECT_TRUE(b.items[0].spans[0].emphasis);
}

TEST(Pack, UnsupportedFormatStopsReading) {
  const PackResult r = parse_pack(R"({"format": 2, "whatever": true})", "f");
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_error(r, ErrorCode::unsupported_format);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->pointer, "/format");
  EXPECT_EQ(d->found, "a number 2");
}

TEST(Pack, EmptyTitleIsAnEmptyValue) {
  for (const char* title : {R"("")", R"("   ")", "\"\xC2\xA0\""}) {
    const PackResult r = parse_pack(
        pack_with_page(std::string(R"("id": "t", "title": )") + title +
                       R"(, "body": [{"type": "paragraph", "text": "x"}])"),
        "f");
    ASSERT_FALSE(r.ok()) << title;
    EXPECT_EQ(r.errors[0].code, ErrorCode::empty_value);
    EXPECT_EQ(r.errors[0].pointer, "/page/title");
  }
}

TEST(Pack, EmptyBodyIsAnEmptyValue) {
  const PackResult r = parse_pack(pack_with_page(R"("id": "t", "title": "T", "body": [])"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::empty_value);
  EXPECT_EQ(r.errors[0].pointer, "/page/body");
}

TEST(Pack, ControlCharactersInTextAreRefused) {
  const PackResult r = parse_pack(pack_with_body(R"({"type": "paragraph", "text": "a\tb"})"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::bad_value);
  EXPECT_EQ(r.errors[0].pointer, "/page/body/0/text");
}

TEST(Pack, BadLanguageTagIsABadValue) {
  const PackResult r = parse_pack(
      R"({"format": 1, "lang": "french", "site": {"name": "S"}, "page": {)" +
          std::string(kMinimalPage) + "}}",
      "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::bad_value);
  EXPECT_EQ(r.errors[0].pointer, "/lang");
}

TEST(Pack, DuplicateJsonKeyIsReported) {
  const PackResult r = parse_pack(
      pack_with_page(std::string(kMinimalPage) + R"(, "title": "Encore")"), "f");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].code, ErrorCode::duplicate_id);
  EXPECT_EQ(r.errors[0].pointer, "/page/title");
}

TEST(Pack, DiagnosticsComeInDocumentOrder) {
  const PackResult r = parse_pack(read_file(source_path("tests/fixtures/bad-types.json")), "f");
  ASSERT_GE(r.errors.size(), 2u);
  for (std::size_t i = 1; i < r.errors.size(); ++i)
    EXPECT_LE(r.errors[i - 1].line, r.errors[i].line);
}

TEST(Pack, LinksFixtureIsValidWithAnInlineLinkAndAFootnote) {
  const PackResult r = parse_pack(read_file(source_path("tests/fixtures/links.json")), "links.json");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  bool has_link = false, has_ref = false;
  for (const Span& s : r.pack->page.body[0].text.spans) {
    has_link |= s.href == "http://127.0.0.1:8080/fixtures/target.html";
    has_ref |= s.kind == Span::Kind::footnote_ref;
  }
  EXPECT_TRUE(has_link);
  EXPECT_TRUE(has_ref);
}
