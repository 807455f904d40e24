// Line breaking with a fake font where every character is 10 px wide at size 10.
#include <gtest/gtest.h>

#include "core/text/flow.hpp"
#include "fake_metrics.hpp"

namespace passerelle {
namespace {

using testing::FakeMetrics;

InlineText plain(std::string s) {
  InlineText t;
  Span sp;
  sp.text = std::move(s);
  t.spans.push_back(sp);
  return t;
}

FlowStyle style10() {
  FlowStyle st;
  st.regular = {Face::serif_regular, 10};
  st.italic = {Face::serif_italic, 10};
  st.bold = {Face::serif_bold, 10};
  st.line_height = 20;
  return st;
}

std::vector<std::string> lines_of(const FlowResult& r) {
  std::vector<std::string> lines(r.lines);
  for (const FlowRun& run : r.runs) lines[run.line] += run.text;
  return lines;
}

TEST(TextFlow, BreaksGreedilyAtSpacesAndDropsTheBreakingSpace) {
  FakeMetrics m;
  // "aaa bbb ccc" — 11 chars = 110 px; a 75 px line holds "aaa bbb" (70 px).
  const FlowResult r = flow_text(plain("aaa bbb ccc"), style10(), 75, m);
  EXPECT_EQ(r.lines, 2);
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_FLOAT_EQ(r.height, 40);
}

// As browsers do (Unicode line breaking: after HY), so the HTML and the canvas agree.
TEST(TextFlow, BreaksAfterAHyphenBetweenLetters) {
  FakeMetrics m;
  // "les inter-associatifs" = 21 chars; 130 px holds "les inter-" (100 px), not the word.
  const FlowResult r = flow_text(plain("les inter-associatifs"), style10(), 130, m);
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{"les inter-", "associatifs"}));
  ASSERT_EQ(r.runs.size(), 2u);  // the hyphen stays on its line, no space is drawn
  EXPECT_FLOAT_EQ(r.runs[0].width, 100);
}

TEST(TextFlow, NoBreakAfterAHyphenBeforeADigitOrAtAWordsStart) {
  FakeMetrics m;
  EXPECT_EQ(lines_of(flow_text(plain("aaaa page-12"), style10(), 100, m)),
            (std::vector<std::string>{"aaaa", "page-12"}));
  EXPECT_EQ(lines_of(flow_text(plain("aaaa -bbbbb"), style10(), 100, m)),
            (std::vector<std::string>{"aaaa", "-bbbbb"}));
}

TEST(TextFlow, EverythingOnOneLineWhenItFits) {
  FakeMetrics m;
  const FlowResult r = flow_text(plain("aaa bbb ccc"), style10(), 500, m);
  EXPECT_EQ(r.lines, 1);
  ASSERT_EQ(r.runs.size(), 1u);  // one style, one line: one run
  EXPECT_FLOAT_EQ(r.runs[0].width, 110);
}

TEST(TextFlow, NoBreakSpaceGluesWords) {
  FakeMetrics m;
  // "aa\u00A0bb cc": the only break opportunity is before "cc".
  const FlowResult r = flow_text(plain("aa\u00A0bb cc"), style10(), 55, m);
  EXPECT_EQ(lines_of(r), (std::vector<std::string>{"aa\u00A0bb", "cc"}));
}

TEST(TextFlow, FrenchSpacingKeepsGuillemetsAndColonsWithTheirWords) {
  FakeMetrics m;
  // An editor typed ordinary spaces; the closing » and the ":" must not start a line.
  const FlowResult r = flow_text(plain("dit « oui » : non"), style10(), 95, m);
  for (const std::string& line : lines_of(r)) {
    EXPECT_NE(line.rfind("\u00BB", 0), 0u) << "line starts with »: " << line;
    EXPECT_NE(line.rfind(":", 0), 0u) << "line starts with a colon: " << line;
  }
  FlowStyle en = style10();
  en.french_spacing = false;
  const FlowResult r2 = flow_text(plain("a : b"), en, 15, m);
  EXPECT_EQ(r2.lines, 3);  // English rules: the colon may wrap
}

TEST(TextFlow, OverlongWordIsSplitInsteadOfOverflowing) {
  FakeMetrics m;
  const FlowResult r = flow_text(plain("xx abcdefghijkl yy"), style10(), 50, m);
  for (const FlowRun& run : r.runs) EXPECT_LE(run.x + run.width, 50.0f + 0.01f) << run.text;
  std::string joined;
  for (const auto& l : lines_of(r)) joined += l;
  EXPECT_NE(joined.find("abcde"), std::string::npos);
  EXPECT_NE(joined.find("l"), std::string::npos);
}

TEST(TextFlow, StylesChangeFontsAndSplitRuns) {
  FakeMetrics m;
  InlineText t;
  Span a;
  a.text = "un ";
  Span b;
  b.text = "deux";
  b.strong = true;
  Span c;
  c.text = " trois";
  c.emphasis = true;
  t.spans = {a, b, c};
  const FlowResult r = flow_text(t, style10(), 500, m);
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(r.runs[0].font.face, Face::serif_regular);
  EXPECT_EQ(r.runs[1].font.face, Face::serif_bold);
  EXPECT_EQ(r.runs[2].font.face, Face::serif_italic);
  EXPECT_FLOAT_EQ(r.runs[1].x, 30);  // after "un "
  // All runs of a line share a baseline.
  EXPECT_FLOAT_EQ(r.runs[0].baseline, r.runs[2].baseline);
}

TEST(TextFlow, FootnoteReferenceIsRaisedSmallerAndLabelled) {
  FakeMetrics m;
  struct Targets : FlowTargets {
    int target_for(const Span& s) override { return s.kind == Span::Kind::footnote_ref ? 7 : -1; }
    std::string footnote_label(const Span&) override { return "1"; }
  } targets;
  InlineText t;
  Span a;
  a.text = "voisins";
  Span ref;
  ref.kind = Span::Kind::footnote_ref;
  ref.text = "note-a";
  t.spans = {a, ref};
  const FlowResult r = flow_text(t, style10(), 500, m, &targets);
  ASSERT_EQ(r.runs.size(), 2u);
  EXPECT_EQ(r.runs[1].text, "[1]");
  EXPECT_EQ(r.runs[1].target, 7);
  EXPECT_EQ(r.runs[1].ink, Ink::link);
  EXPECT_LT(r.runs[1].font.size, r.runs[0].font.size);
  EXPECT_LT(r.runs[1].y, r.runs[0].y + (r.runs[0].font.size - r.runs[1].font.size));  // raised
}

TEST(TextFlow, EmptyTextHasNoLines) {
  FakeMetrics m;
  const FlowResult r = flow_text(InlineText{}, style10(), 100, m);
  EXPECT_EQ(r.lines, 0);
  EXPECT_TRUE(r.runs.empty());
}

TEST(TextFlow, TinyOrZeroWidthStillTerminatesAndPlacesEveryCharacter) {
  FakeMetrics m;
  const FlowResult r = flow_text(plain("été à Noël"), style10(), 0, m);
  std::string joined;
  for (const auto& l : lines_of(r)) joined += l;
  EXPECT_EQ(joined, "étéàNoël");  // one character a line, breaking spaces dropped
}

}  // namespace
}  // namespace passerelle
