// unit-markup.cpp — the inline markup: styles, links, footnote references, escapes, errors
// with their byte offsets.
//
// Depends on: core/text/markup.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/text/markup.hpp"

using namespace passerelle;

namespace {

struct Parsed {
  bool ok = false;
  InlineText text;
  std::vector<MarkupError> errors;
};

Parsed parse(std::string_view src) {
  Parsed p;
  p.ok = parse_inline(src, p.text, p.errors);
  return p;
}

// "text" for plain runs, "<em>", "<strong>", "<a href>" style markers for the others.
std::string render(const InlineText& t) {
  std::string out;
  for (const Span& s : t.spans) {
    if (s.kind == Span::Kind::footnote_ref) {
      out += "{^" + s.text + "}";
      continue;
    }
    std::string piece = s.text;
    if (s.emphasis) piece = "<em>" + piece + "</em>";
    if (s.strong) piece = "<b>" + piece + "</b>";
    if (!s.href.empty()) piece = "<a " + s.href + ">" + piece + "</a>";
    out += piece;
  }
  return out;
}

}  // namespace

TEST(Markup, PlainTextIsOneSpan) {
  const Parsed p = parse("Nos actions");
  ASSERT_TRUE(p.ok);
  ASSERT_EQ(p.text.spans.size(), 1u);
  EXPECT_EQ(p.text.spans[0].text, "Nos actions");
  EXPECT_EQ(p.text.plain(), "Nos actions");
}

TEST(Markup, EmptyTextHasNoSpans) {
  const Parsed p = parse("");
  EXPECT_TRUE(p.ok);
  EXPECT_TRUE(p.text.empty());
}

TEST(Markup, StarsMakeEmphasisAndDoubleStarsStrong) {
  EXPECT_EQ(render(parse("la campagne *Frontexit* et **Boats 4 People**").text),
            "la campagne <em>Frontexit</em> et <b>Boats 4 People</b>");
}

TEST(Markup, StrongNestsInsideEmphasis) {
  const Parsed p = parse("*a **b** c*");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), "<em>a </em><b><em>b</em></b><em> c</em>");
}

TEST(Markup, TripleStarsAreBoth) {
  EXPECT_EQ(render(parse("***tout***").text), "<b><em>tout</em></b>");
}

TEST(Markup, EmphasisClosesBeforeANoBreakSpace) {
  const Parsed p = parse("*Made in illegality*\xC2\xA0ou");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), "<em>Made in illegality</em>\xC2\xA0ou");
}

TEST(Markup, LoneStarBetweenSpacesStaysText) {
  const Parsed p = parse("3 * 4 ** 5");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), "3 * 4 ** 5");
}

TEST(Markup, EscapesGiveTheCharacterItself) {
  const Parsed p = parse(R"(\*pas en italique\* \[1\] \\ \( \))");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), R"(*pas en italique* [1] \ ( ))");
}

TEST(Markup, BackslashBeforeAnOrdinaryCharacterIsKept) {
  const Parsed p = parse(R"(C:\dossier)");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.text.plain(), R"(C:\dossier)");
}

TEST(Markup, LinkSetsHrefOnItsText) {
  const Parsed p = parse("voir [la page](https://example.org/a) ici");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), "voir <a https://example.org/a>la page</a> ici");
}

TEST(Markup, LinkTextMayBeStyled) {
  const Parsed p = parse("[**a** b](https://example.org)");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(render(p.text), "<a https://example.org><b>a</b></a><a https://example.org> b</a>");
}

TEST(Markup, LinkAddressMayHoldBalancedParentheses) {
  const Parsed p = parse("[Cimade](https://fr.wikipedia.org/wiki/Cimade_(association)).");
  ASSERT_TRUE(p.ok);
  ASSERT_EQ(p.text.spans.size(), 2u);
  EXPECT_EQ(p.text.spans[0].href, "https://fr.wikipedia.org/wiki/Cimade_(association)");
  EXPECT_EQ(p.text.spans[1].text, ".");
}

TEST(Markup, FootnoteReferenceIsItsOwnSpan) {
  const Parsed p = parse("pays voisins[^1] notamment");
  ASSERT_TRUE(p.ok);
  ASSERT_EQ(p.text.spans.size(), 3u);
  EXPECT_EQ(p.text.spans[1].kind, Span::Kind::footnote_ref);
  EXPECT_EQ(p.text.spans[1].text, "1");
  EXPECT_EQ(p.text.plain(), "pays voisins notamment");
}

TEST(Markup, UnclosedEmphasisIsAnErrorAtTheOpeningStar) {
  const Parsed p = parse("une *campagne");
  ASSERT_FALSE(p.ok);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].code, ErrorCode::markup);
  EXPECT_EQ(p.errors[0].offset, 4u);
}

TEST(Markup, UnclosedStrongIsAnErrorAtTheOpeningStars) {
  const Parsed p = parse("ab **cd");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].code, ErrorCode::markup);
  EXPECT_EQ(p.errors[0].offset, 3u);
  EXPECT_NE(p.errors[0].expected.find("'**'"), std::string::npos);
}

TEST(Markup, StarThatClosesNothingIsAnError) {
  const Parsed p = parse("mot* suivant");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].offset, 3u);
}

TEST(Markup, OpenBracketWithoutCloseIsAnError) {
  const Parsed p = parse("voir [la page");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].code, ErrorCode::markup);
  EXPECT_EQ(p.errors[0].offset, 5u);
}

TEST(Markup, BracketsWithoutAnAddressAreAnError) {
  const Parsed p = parse("voir [1] ici");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].offset, 8u);  // where '(' should be
}

TEST(Markup, StrayClosingBracketIsAnError) {
  const Parsed p = parse("a ] b");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].offset, 2u);
}

TEST(Markup, LinkWithEmptyTextIsAnError) {
  const Parsed p = parse("x [](https://example.org)");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].code, ErrorCode::markup);
  EXPECT_EQ(p.errors[0].offset, 2u);
  EXPECT_EQ(parse("[ ](https://example.org)").ok, false);
}

TEST(Markup, LinkWithEmptyOrUnclosedAddressIsAnError) {
  EXPECT_FALSE(parse("[a]()").ok);
  EXPECT_FALSE(parse("[a](https://example.org").ok);
}

TEST(Markup, UnsafeLinkIsReportedAsUnsafeUrlAtTheAddress) {
  const Parsed p = parse("[clic](javascript:alert(1))");
  ASSERT_FALSE(p.ok);
  ASSERT_EQ(p.errors.size(), 1u);
  EXPECT_EQ(p.errors[0].code, ErrorCode::unsafe_url);
  EXPECT_EQ(p.errors[0].offset, 7u);
  EXPECT_EQ(p.errors[0].found, "\"javascript:alert(1)\"");
}

TEST(Markup, EveryUnsafeLinkInATextIsReported) {
  const Parsed p = parse("[a](data:x) et [b](//evil) et [c](relative.html) et [d](JAVASCRIPT:x)");
  ASSERT_FALSE(p.ok);
  ASSERT_EQ(p.errors.size(), 4u);
  for (const MarkupError& e : p.errors) EXPECT_EQ(e.code, ErrorCode::unsafe_url);
}

TEST(Markup, LinkAddressWithSpaceIsUnsafe) {
  const Parsed p = parse("[a](https://example.org/a b)");
  ASSERT_FALSE(p.ok);
  EXPECT_EQ(p.errors[0].code, ErrorCode::unsafe_url);
}

TEST(Markup, LinkInsideLinkIsAnError) {
  EXPECT_FALSE(parse("[a [b](https://x.org)](https://y.org)").ok);
  EXPECT_FALSE(parse("[a[^1]](https://y.org)").ok);
}

TEST(Markup, MalformedFootnoteReferenceIsAnError) {
  EXPECT_FALSE(parse("note[^]").ok);
  EXPECT_FALSE(parse("note[^1").ok);
  EXPECT_FALSE(parse("note[^a b]").ok);
}

TEST(Markup, ErrorFoundTextIsShort) {
  const std::string huge = "[" + std::string(100000, 'x');
  const Parsed p = parse(huge);
  ASSERT_FALSE(p.ok);
  EXPECT_LT(p.errors[0].found.size(), 100u);
}

TEST(Markup, LongRunsOfMarkupCharactersTerminate) {
  // Linear work whatever the input: a million stars or brackets parse in one pass.
  EXPECT_TRUE(parse(" " + std::string(1000000, '*') + " ").ok);
  EXPECT_FALSE(parse(std::string(100000, '[')).ok);
  EXPECT_FALSE(parse(std::string(100000, '*') + "x").ok);
}
