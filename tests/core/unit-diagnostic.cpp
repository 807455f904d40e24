// unit-diagnostic.cpp — error ids, summaries, the one-line message format, quoting.
//
// Depends on: core/base/diagnostic.hpp, GoogleTest.
#include <gtest/gtest.h>

#include "core/base/diagnostic.hpp"

using namespace passerelle;

TEST(Diagnostic, IdsAreThePrefixedNumbers) {
  EXPECT_EQ(error_id(ErrorCode::too_large), "P101");
  EXPECT_EQ(error_id(ErrorCode::wrong_type), "P203");
  EXPECT_EQ(error_id(ErrorCode::unused_footnote), "P307");
}

TEST(Diagnostic, EveryCodeHasASummary) {
#define CHECK_SUMMARY(num, name, summary) EXPECT_STREQ(error_summary(ErrorCode::name), summary);
  PASSERELLE_ERRORS(CHECK_SUMMARY)
#undef CHECK_SUMMARY
}

TEST(Diagnostic, FormatGivesFileLineColumnIdPointerExpectedFound) {
  Diagnostic d{ErrorCode::wrong_type, "international.fr.json", 12, 15, "/page/title", "a string",
               "a number 42"};
  EXPECT_EQ(format(d),
            "international.fr.json:12:15: error P203 at /page/title: expected a string, found a number 42");
}

TEST(Diagnostic, FormatLeavesOutWhatIsUnknown) {
  Diagnostic d{ErrorCode::too_large, "big.json", 0, 0, "", "at most 10 bytes", "11 bytes"};
  EXPECT_EQ(format(d), "big.json: error P101: expected at most 10 bytes, found 11 bytes");
}

TEST(Diagnostic, FormatFallsBackToTheSummaryWithoutDetails) {
  Diagnostic d{ErrorCode::syntax, "", 3, 0, "", "", ""};
  EXPECT_EQ(format(d), "<input>:3: error P103: the input is not valid JSON");
}

TEST(Diagnostic, FormatAllPutsOneDiagnosticPerLine) {
  Diagnostic a{ErrorCode::missing_field, "f", 1, 1, "/page/title", "a string", "nothing"};
  Diagnostic b{ErrorCode::unknown_field, "f", 2, 3, "/page/x", "one of: id", "\"x\""};
  EXPECT_EQ(format_all({a, b}), format(a) + "\n" + format(b) + "\n");
}

TEST(Diagnostic, QuoteEscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(quote_for_message("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST(Diagnostic, QuoteCutsLongTextsAtCodePointsWithAnEllipsis) {
  const std::string s(100000, 'x');
  const std::string q = quote_for_message(s, 40);
  EXPECT_EQ(q, "\"" + std::string(40, 'x') + "\xE2\x80\xA6\"");
  // Never in the middle of a multi-byte character.
  EXPECT_EQ(quote_for_message("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\"\xC3\xA9\xC3\xA9\xE2\x80\xA6\"");
}

TEST(Diagnostic, QuoteReplacesInvalidUtf8) {
  EXPECT_EQ(quote_for_message("a\xFF"), "\"a\xEF\xBF\xBD\"");
}
