// text/flow.hpp — breaking styled inline text into lines of a given width.
//
// Greedy, left-aligned (ragged right reads best on screens and never makes rivers).  Breaks
// at ordinary spaces and after a hyphen between letters (as browsers do, so the prerendered
// HTML and the canvas break lines alike); no-break spaces (U+00A0, U+202F) glue.  For French, an ordinary
// space before ; : ! ? » or after « also glues, so an editor's missing no-break space never
// leaves a lone "»" at the start of a line.  A word wider than the whole line (a long URL on
// a 320 px phone) is split between characters rather than overflowing.
//
// Output is a list of runs: maximal pieces of one line sharing font, ink and link target,
// positioned relative to the paragraph's top-left corner.
//
// Depends on: text/typography.hpp, text/markup.hpp.
#pragma once
#include <string>
#include <vector>

#include "core/text/markup.hpp"
#include "core/text/typography.hpp"

namespace passerelle {

struct FlowStyle {
  FontSpec regular;            // the paragraph's base font
  FontSpec italic;             // for *emphasis*
  FontSpec bold;               // for **strong**
  float line_height = 24.0f;   // CSS px, baseline to baseline
  Ink ink = Ink::text;
  bool french_spacing = true;  // glue spaces around « » ; : ! ?
};

// Where a span points, decided by the caller (page layout): an index into its target list.
// Called once per span; return -1 for "not a target".
struct FlowTargets {
  virtual ~FlowTargets() = default;
  virtual int target_for(const Span& span) = 0;
  // Text shown for a footnote reference span (e.g. "1"); the span text is its id.
  virtual std::string footnote_label(const Span& span) = 0;
};

struct FlowRun {
  float x = 0, y = 0;          // where to draw: top of the font's content box, relative to
                               // the paragraph (baselines of one line agree)
  float baseline = 0;          // the line's baseline, relative to the paragraph
  int line = 0;
  float width = 0;
  FontSpec font;
  Ink ink = Ink::text;
  int target = -1;             // link / footnote target, -1 if none
  bool superscript = false;    // footnote reference: drawn smaller and raised
  std::string text;            // UTF-8, spaces included
};

struct FlowResult {
  std::vector<FlowRun> runs;
  int lines = 0;
  float height = 0;            // lines * line_height
};

FlowResult flow_text(const InlineText& text, const FlowStyle& style, float width,
                     const FontMetrics& metrics, FlowTargets* targets = nullptr);

}  // namespace passerelle
