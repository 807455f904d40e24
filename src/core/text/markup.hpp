// text/markup.hpp — the small inline markup that editors write in the content pack.
//
//   *emphasis*            → italic
//   **strong**            → bold
//   [text](https://…)     → link (http, https, mailto only; see base/url_policy.hpp)
//   [^id]                 → footnote reference, rendered as the footnote's number
//   \*  \[  \]  \\  \(  \)  → the character itself
//
// Nothing else is special: a lone '*' between spaces ("3 * 4") stays a character; a '['
// not followed by a full "[text](url)" or "[^id]" is an error, so that a typo is caught by
// validation rather than shown to visitors as stray brackets.
//
// The parser never allocates per character, never recurses, and reports errors with the
// byte offset in the source string so the pack validator can turn it into a line and column.
//
// Depends on: base/diagnostic.hpp, the standard library.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostic.hpp"

namespace passerelle {

// One run of text with uniform style.
struct Span {
  enum class Kind { text, footnote_ref };
  Kind kind = Kind::text;
  std::string text;          // UTF-8; for footnote_ref, the reference id ("1")
  bool emphasis = false;
  bool strong = false;
  std::string href;          // non-empty: the run is (part of) a link with this URL
};

struct InlineText {
  std::vector<Span> spans;
  // All the text concatenated, without markup (for search, accessibility, measuring).
  std::string plain() const;
  bool empty() const { return spans.empty(); }
};

struct MarkupError {
  ErrorCode code = ErrorCode::markup;  // markup or unsafe_url
  std::size_t offset = 0;              // byte offset in the source string
  std::string expected;
  std::string found;
};

// Parses src.  On success returns true and fills out; on failure returns false, fills errors
// (at least one) and leaves out in an unspecified but valid state.
bool parse_inline(std::string_view src, InlineText& out, std::vector<MarkupError>& errors);

}  // namespace passerelle
