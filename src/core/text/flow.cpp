// text/flow.cpp — greedy line breaking of styled inline text (see text/flow.hpp).
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

}  // namespace

FlowResult flow_text(const InlineText& text, const FlowStyle& style, float width,
                     const FontMetrics& metrics, FlowTargets* targets) {
  width = std::max(width, 1.0f);

  // 1. Resolve each span's look once.
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

  // 2. Flatten to code points so the French rule can look across span boundaries.
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

  auto breakable = [&](std::size_t gi) {
    if (!is_break_space(glyphs[gi].cp)) return false;
    if (!style.french_spacing) return true;
    if (gi > 0 && glyphs[gi - 1].cp == U'\u00AB') return false;
    if (gi + 1 < glyphs.size() && glues_after_space(glyphs[gi + 1].cp)) return false;
    return true;
  };

  // 3. Cut into words (pieces between break spaces), then place them greedily.
  LineBuilder lb(style, metrics, styles);
  int line = 0;
  float x = 0;
  bool line_empty = true;
  int pending_space_span = -1;  // the break space before the next word, if any

  std::vector<Piece> word;
  auto piece_text = [&](const Glyph& g) -> std::string_view {
    const std::string& t = styles[g.span].text;
    if (is_break_space(g.cp)) return " ";  // glued spaces are drawn as plain spaces
    return std::string_view(t).substr(g.begin, g.end - g.begin);
  };

  auto place_word = [&]() {
    if (word.empty()) return;
    float w = 0;
    for (Piece& p : word) {
      p.width = metrics.measure(styles[p.span].font, p.text);
      w += p.width;
    }
    float space_w = 0;
    if (pending_space_span >= 0 && !line_empty)
      space_w = metrics.measure(styles[pending_space_span].font, " ");
    if (!line_empty && x + space_w + w > width) {
      ++line;
      x = 0;
      line_empty = true;
      space_w = 0;
    }
    if (space_w > 0) {
      lb.emit(pending_space_span, " ", space_w, line, x);
      x += space_w;
    }
    pending_space_span = -1;
    for (const Piece& p : word) {
      if (p.width <= width - x) {
        lb.emit(p.span, p.text, p.width, line, x);
        x += p.width;
        line_empty = false;
        continue;
      }
      // Emergency: this piece alone does not fit the line; split it between code points.
      std::size_t i = 0;
      while (i < p.text.size()) {
        std::size_t j = i;
        std::size_t best = i;
        float best_w = 0;
        while (j < p.text.size()) {
          std::size_t k = j;
          decode_utf8(p.text, k);
          const float cw = metrics.measure(styles[p.span].font,
                                           std::string_view(p.text).substr(i, k - i));
          if (x + cw > width && best > i) break;
          best = k;
          best_w = cw;
          j = k;
          if (x + cw > width) break;  // a single code point wider than the line: place it
        }
        if (best == i) {  // nothing fits on this partly filled line: start a new one
          ++line;
          x = 0;
          line_empty = true;
          continue;
        }
        lb.emit(p.span, std::string_view(p.text).substr(i, best - i), best_w, line, x);
        x += best_w;
        line_empty = false;
        i = best;
        if (i < p.text.size()) {
          ++line;
          x = 0;
          line_empty = true;
        }
      }
    }
    word.clear();
  };

  for (std::size_t gi = 0; gi < glyphs.size(); ++gi) {
    const Glyph& g = glyphs[gi];
    if (breakable(gi)) {
      place_word();
      if (!line_empty) pending_space_span = g.span;
      continue;
    }
    const std::string_view t = piece_text(g);
    if (!word.empty() && word.back().span == g.span) {
      word.back().text.append(t);
    } else {
      word.push_back(Piece{g.span, std::string(t), 0});
    }
  }
  place_word();

  FlowResult result = std::move(lb.out);
  result.lines = glyphs.empty() ? 0 : line + 1;
  result.height = result.lines * style.line_height;
  return result;
}

}  // namespace passerelle
