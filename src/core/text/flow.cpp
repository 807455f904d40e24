// text/flow.cpp — greedy line breaking of styled inline text (see text/flow.hpp).
//
// flow_text() resolves each span's look, flattens the spans to code points, cuts them into
// words at break spaces and hands the words to a LineFiller, which places them greedily and
// merges adjacent pieces of one style into runs (LineBuilder).
//
// Depends on: text/flow.hpp, base/utf8.hpp, the standard library.
#include "core/text/flow.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/utf8.hpp"

namespace passerelle {
namespace {

// One code point of the paragraph, with the span it came from.
struct Glyph {
  int span;
  std::size_t begin, end;  // byte range in that span's text (or label)
  char32_t cp;
};

bool is_break_space(char32_t c) { return c == U' ' || c == U'\n' || c == U'\t'; }
bool glues_after_space(char32_t c) {  // "mot ;" "mot »"
  return c == U';' || c == U':' || c == U'!' || c == U'?' || c == U'\u00BB';
}

struct SpanStyle {
  FontSpec font;
  Ink ink;
  int target;
  bool superscript;
  std::string text;  // what is drawn (the label for footnote references)
};

// A piece of a word in one style: the unit that is measured and emitted.
struct Piece {
  int span;
  std::string text;
  float width;
};

class LineBuilder {
 public:
  LineBuilder(const FlowStyle& style, const FontMetrics& m, std::vector<SpanStyle>& styles)
      : style_(style), metrics_(m), styles_(styles) {
    const float h = m.content_height(style.regular);
    baseline_in_line_ = (style.line_height - h) * 0.5f + m.ascent(style.regular);
  }

  void emit(int span, std::string_view text, float width, int line, float x) {
    const SpanStyle& s = styles_[span];
    if (!out.runs.empty()) {
      FlowRun& last = out.runs.back();
      if (last.line == line && last.font == s.font && last.ink == s.ink &&
          last.target == s.target && last.superscript == s.superscript &&
          std::abs(last.x + last.width - x) < 0.01f) {
        last.text.append(text);
        last.width += width;
        return;
      }
    }
    FlowRun r;
    r.line = line;
    r.x = x;
    r.width = width;
    r.font = s.font;
    r.ink = s.ink;
    r.target = s.target;
    r.superscript = s.superscript;
    r.baseline = line * style_.line_height + baseline_in_line_;
    r.y = r.baseline - metrics_.ascent(s.font);
    if (s.superscript) r.y -= style_.regular.size * 0.33f;
    r.text.assign(text);
    out.runs.push_back(std::move(r));
  }

  FlowResult out;

 private:
  const FlowStyle& style_;
  const FontMetrics& metrics_;
  std::vector<SpanStyle>& styles_;
  float baseline_in_line_ = 0;
};

// Places words greedily on lines of a given width, a piece at a time (a word's part in one
// style); a piece wider than a whole line is split between code points.
class LineFiller {
 public:
  LineFiller(const FlowStyle& style, float width, const FontMetrics& m,
             std::vector<SpanStyle>& styles)
      : width_(width), metrics_(m), styles_(styles), lb_(style, m, styles) {}

  // A break after a hyphen ("inter-|associatifs"): ends the word with no space after it.
  void add_hyphen_break() { place_word(); }

  // A break space: ends the word; drawn before the next word when both share a line.
  void add_break(int span) {
    place_word();
    if (!line_empty_) pending_space_span_ = span;
  }

  // The next bytes of the current word, from span.
  void add_to_word(int span, std::string_view text) {
    if (!word_.empty() && word_.back().span == span) {
      word_.back().text.append(text);
    } else {
      word_.push_back(Piece{span, std::string(text), 0});
    }
  }

  // The runs so far (the last word placed), and their number of lines: 0 when has_text is
  // false, however many the pieces took otherwise.
  FlowResult finish(bool has_text, float line_height) {
    place_word();
    FlowResult result = std::move(lb_.out);
    result.lines = has_text ? line_ + 1 : 0;
    result.height = result.lines * line_height;
    return result;
  }

 private:
  void new_line() {
    ++line_;
    x_ = 0;
    line_empty_ = true;
  }

  // The word, after the pending space, on this line if it fits, else on the next one.
  void place_word() {
    if (word_.empty()) return;
    float w = 0;
    for (Piece& p : word_) {
      p.width = metrics_.measure(styles_[p.span].font, p.text);
      w += p.width;
    }
    float space_w = 0;
    if (pending_space_span_ >= 0 && !line_empty_)
      space_w = metrics_.measure(styles_[pending_space_span_].font, " ");
    if (!line_empty_ && x_ + space_w + w > width_) {
      new_line();
      space_w = 0;
    }
    if (space_w > 0) {
      lb_.emit(pending_space_span_, " ", space_w, line_, x_);
      x_ += space_w;
    }
    pending_space_span_ = -1;
    for (const Piece& p : word_) {
      if (p.width <= width_ - x_) {
        lb_.emit(p.span, p.text, p.width, line_, x_);
        x_ += p.width;
        line_empty_ = false;
      } else {
        split_piece(p);
      }
    }
    word_.clear();
  }

  // Emergency: this piece alone does not fit the line; split it between code points.
  void split_piece(const Piece& p) {
    std::size_t i = 0;
    while (i < p.text.size()) {
      float best_w = 0;
      const std::size_t best = fitting_end(p, i, best_w);
      if (best == i) {  // nothing fits on this partly filled line: start a new one
        new_line();
        continue;
      }
      lb_.emit(p.span, std::string_view(p.text).substr(i, best - i), best_w, line_, x_);
      x_ += best_w;
      line_empty_ = false;
      i = best;
      if (i < p.text.size()) new_line();
    }
  }

  // The end of the longest run of p's code points from i that fits at x_ (at least one
  // code point on an empty line, even one wider than the line); its width in best_w.
  std::size_t fitting_end(const Piece& p, std::size_t i, float& best_w) const {
    std::size_t j = i, best = i;
    while (j < p.text.size()) {
      std::size_t k = j;
      decode_utf8(p.text, k);
      const float cw =
          metrics_.measure(styles_[p.span].font, std::string_view(p.text).substr(i, k - i));
      if (x_ + cw > width_ && best > i) break;
      best = k;
      best_w = cw;
      j = k;
      if (x_ + cw > width_) break;  // a single code point wider than the line: place it
    }
    return best;
  }

  float width_;
  const FontMetrics& metrics_;
  std::vector<SpanStyle>& styles_;
  LineBuilder lb_;
  int line_ = 0;
  float x_ = 0;
  bool line_empty_ = true;
  int pending_space_span_ = -1;  // the break space before the next word, if any
  std::vector<Piece> word_;
};

// 1. Each span's look, resolved once.
std::vector<SpanStyle> resolve_styles(const InlineText& text, const FlowStyle& style,
                                      FlowTargets* targets) {
  std::vector<SpanStyle> styles;
  styles.reserve(text.spans.size());
  for (const Span& sp : text.spans) {
    SpanStyle s;
    s.font = sp.strong ? style.bold : sp.emphasis ? style.italic : style.regular;
    s.ink = style.ink;
    s.target = targets ? targets->target_for(sp) : -1;
    s.superscript = sp.kind == Span::Kind::footnote_ref;
    if (s.superscript) {
      s.font = FontSpec{style.regular.face, style.regular.size * 0.72f};
      s.text = "[" + (targets ? targets->footnote_label(sp) : sp.text) + "]";
    } else {
      s.text = sp.text;
    }
    if (s.target >= 0) s.ink = Ink::link;
    styles.push_back(std::move(s));
  }
  return styles;
}

// 2. The code points of every span, in order, so the French rule can look across spans.
std::vector<Glyph> flatten(const std::vector<SpanStyle>& styles) {
  std::vector<Glyph> glyphs;
  for (int si = 0; si < static_cast<int>(styles.size()); ++si) {
    const std::string& t = styles[si].text;
    std::size_t i = 0;
    while (i < t.size()) {
      const std::size_t b = i;
      const char32_t cp = decode_utf8(t, i);
      glyphs.push_back({si, b, i, cp});
    }
  }
  return glyphs;
}

// Whether the line may break at glyph gi: a space, but in French not one glued to its
// punctuation ("« mot »", "mot ;").
bool breakable(const std::vector<Glyph>& glyphs, std::size_t gi, bool french_spacing) {
  if (!is_break_space(glyphs[gi].cp)) return false;
  if (!french_spacing) return true;
  if (gi > 0 && glyphs[gi - 1].cp == U'\u00AB') return false;
  if (gi + 1 < glyphs.size() && glues_after_space(glyphs[gi + 1].cp)) return false;
  return true;
}

bool is_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// Whether the line may break after glyph gi: a hyphen between two letters, as browsers do
// (Unicode line breaking, class HY), so the canvas and the HTML break "inter-associatifs"
// alike.
bool hyphen_break(const std::vector<Glyph>& glyphs, std::size_t gi) {
  return glyphs[gi].cp == U'-' && gi > 0 && gi + 1 < glyphs.size() && is_letter(glyphs[gi - 1].cp) &&
         is_letter(glyphs[gi + 1].cp);
}

}  // namespace

FlowResult flow_text(const InlineText& text, const FlowStyle& style, float width,
                     const FontMetrics& metrics, FlowTargets* targets) {
  width = std::max(width, 1.0f);
  std::vector<SpanStyle> styles = resolve_styles(text, style, targets);
  const std::vector<Glyph> glyphs = flatten(styles);

  // 3. Cut into words (pieces between break spaces), then place them greedily.
  LineFiller filler(style, width, metrics, styles);
  for (std::size_t gi = 0; gi < glyphs.size(); ++gi) {
    const Glyph& g = glyphs[gi];
    if (breakable(glyphs, gi, style.french_spacing)) {
      filler.add_break(g.span);
    } else if (is_break_space(g.cp)) {
      filler.add_to_word(g.span, " ");  // glued spaces are drawn as plain spaces
    } else {
      filler.add_to_word(g.span, std::string_view(styles[g.span].text).substr(g.begin, g.end - g.begin));
      if (hyphen_break(glyphs, gi)) filler.add_hyphen_break();
    }
  }
  return filler.finish(!glyphs.empty(), style.line_height);
}

}  // namespace passerelle
