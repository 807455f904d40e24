// text/markup.cpp — the inline markup parser (syntax in text/markup.hpp).
//
// One left-to-right pass with a handful of flags, no recursion and no backtracking, so the
// work is linear in the input whatever an editor (or an attacker) writes.  Styles are flags
// on flat spans rather than a tree, which is all the renderer needs and makes
// "***both***" or "*a **b** c*" simple.
//
// Star runs follow a reduced CommonMark rule: a run of '*' surrounded by spaces (or the ends
// of the text) is literal; otherwise a run can close a style when it follows a non-space, and
// open one when a non-space follows it.  Closing is tried before opening, "**" before "*".
//
// Depends on: text/markup.hpp, base/url_policy.hpp, base/diagnostic.hpp, the standard library.
#include "core/text/markup.hpp"

#include "core/base/url_policy.hpp"

namespace passerelle {

std::string InlineText::plain() const {
  // Footnote references are left out: they are numbers added by the renderer, not words of
  // the sentence.
  std::string out;
  for (const Span& s : spans)
    if (s.kind == Span::Kind::text) out += s.text;
  return out;
}

namespace {

constexpr std::string_view kSpecial = "\\*[]";
constexpr std::string_view kEscapable = "*[]\\()";

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_';
}

// Spaces that separate words, including the no-break spaces French typography puts before
// ':' or inside « » (U+00A0, U+202F) and the thin space U+2009.
bool is_space_ending_at(std::string_view s, std::size_t end) {  // the character before end
  if (end == 0) return true;  // start of text counts as space
  const char c = s[end - 1];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  if (end >= 2 && s.substr(end - 2, 2) == "\xC2\xA0") return true;
  if (end >= 3 && (s.substr(end - 3, 3) == "\xE2\x80\xAF" || s.substr(end - 3, 3) == "\xE2\x80\x89"))
    return true;
  return false;
}

bool is_space_starting_at(std::string_view s, std::size_t at) {
  if (at >= s.size()) return true;  // end of text counts as space
  const char c = s[at];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  const std::string_view rest = s.substr(at);
  return rest.starts_with("\xC2\xA0") || rest.starts_with("\xE2\x80\xAF") ||
         rest.starts_with("\xE2\x80\x89");
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!is_space_starting_at(s, i) && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
      return false;
  return true;
}

class Parser {
 public:
  Parser(std::string_view src, InlineText& out, std::vector<MarkupError>& errors)
      : src_(src), out_(out), errors_(errors) {}

  void run() {
    out_.spans.clear();
    std::size_t i = 0;
    while (i < src_.size() && !failed_) {
      const std::size_t next = src_.find_first_of(kSpecial, i);
      if (next == std::string_view::npos) {
        buf_.append(src_.substr(i));
        break;
      }
      buf_.append(src_.substr(i, next - i));  // plain text up to the next special byte
      i = next;
      switch (src_[i]) {
        case '\\': i = escape(i); break;
        case '*': i = stars(i); break;
        case '[': i = open_bracket(i); break;
        default: i = close_bracket(i); break;  // ']'
      }
    }
    if (failed_) return;
    flush();
    if (in_link_) {
      fail(link_at_, "a ']' closing the link text opened here", "the end of the text");
    } else if (strong_) {
      fail(strong_at_, "a closing '**' for this '**' (write \\* for a star)", "the end of the text");
    } else if (emphasis_) {
      fail(emphasis_at_, "a closing '*' for this '*' (write \\* for a star)", "the end of the text");
    }
  }

 private:
  std::size_t escape(std::size_t i) {
    if (i + 1 < src_.size() && kEscapable.find(src_[i + 1]) != std::string_view::npos) {
      buf_ += src_[i + 1];
      return i + 2;
    }
    buf_ += '\\';  // "C:\dossier": a backslash before anything else is itself
    return i + 1;
  }

  std::size_t stars(std::size_t i) {
    std::size_t end = i;
    while (end < src_.size() && src_[end] == '*') ++end;
    const bool space_before = is_space_ending_at(src_, i);
    const bool space_after = is_space_starting_at(src_, end);
    if (space_before && space_after) {  // "3 * 4", "a ** b": just stars
      buf_.append(end - i, '*');
      return end;
    }
    const bool can_close = !space_before;
    const bool can_open = !space_after;
    std::size_t j = i;
    while (j < end) {
      const std::size_t left = end - j;
      if (left >= 2 && can_close && strong_) {
        set_strong(false, j);
        j += 2;
      } else if (left >= 2 && can_open && !strong_) {
        set_strong(true, j);
        j += 2;
      } else if (can_close && emphasis_) {
        set_emphasis(false, j);
        j += 1;
      } else if (can_open && !emphasis_) {
        set_emphasis(true, j);
        j += 1;
      } else {
        fail(j, can_close ? "a '*' opened before this one (write \\* for a star)"
                          : "text right after an opening '*' (write \\* for a star)",
             quote_for_message(src_.substr(j, 12), 12));
        return end;
      }
    }
    return end;
  }

  std::size_t open_bracket(std::size_t i) {
    const bool footnote = i + 1 < src_.size() && src_[i + 1] == '^';
    if (in_link_) {
      fail(i, footnote ? "no footnote reference inside a link text" : "no link inside a link text",
           quote_for_message(src_.substr(i, 12), 12));
      return i + 1;
    }
    if (footnote) {
      std::size_t j = i + 2;
      while (j < src_.size() && is_id_char(src_[j])) ++j;
      if (j == i + 2 || j >= src_.size() || src_[j] != ']') {
        fail(i, "a footnote reference such as [^1] (letters, digits, '-' or '_')",
             quote_for_message(src_.substr(i, 12), 12));
        return i + 1;
      }
      flush();
      Span s;
      s.kind = Span::Kind::footnote_ref;
      s.text = std::string(src_.substr(i + 2, j - i - 2));
      s.emphasis = emphasis_;
      s.strong = strong_;
      out_.spans.push_back(std::move(s));
      no_merge_before_ = out_.spans.size();
      return j + 1;
    }
    flush();
    in_link_ = true;
    link_at_ = i;
    link_first_span_ = out_.spans.size();
    no_merge_before_ = out_.spans.size();  // link text never merges with what precedes it
    return i + 1;
  }

  std::size_t close_bracket(std::size_t i) {
    if (!in_link_) {
      fail(i, "a '[' before this ']' (write \\] for a bracket)", "']'");
      return i + 1;
    }
    if (i + 1 >= src_.size() || src_[i + 1] != '(') {
      fail(i + 1, "'(' and the link address right after ']', as in [text](https://…)",
           i + 1 >= src_.size() ? std::string("the end of the text")
                                : quote_for_message(src_.substr(i + 1, 12), 12));
      return i + 1;
    }
    flush();
    std::string text;
    for (std::size_t k = link_first_span_; k < out_.spans.size(); ++k) text += out_.spans[k].text;
    if (is_blank(text)) {
      fail(link_at_, "a link text between '[' and ']'", "an empty link text");
      return i + 1;
    }
    // The address runs to the ')' that balances the '(' (addresses may hold parentheses).
    std::string url;
    int depth = 0;
    std::size_t j = i + 2;
    for (; j < src_.size(); ++j) {
      const char c = src_[j];
      if (c == '\\' && j + 1 < src_.size() && kEscapable.find(src_[j + 1]) != std::string_view::npos) {
        url += src_[++j];
        continue;
      }
      if (c == ')' && depth == 0) break;
      if (c == '(') ++depth;
      if (c == ')') --depth;
      url += c;
    }
    if (j >= src_.size()) {
      fail(i + 1, "a ')' closing the link address", "the end of the text");
      return j;
    }
    if (url.empty()) {
      fail(i + 2, "a link address between '(' and ')'", "an empty address");
      return j + 1;
    }
    if (!is_safe_link_url(url)) {
      // Not fatal for the rest of the text: report it and keep checking.
      errors_.push_back({ErrorCode::unsafe_url, i + 2,
                         "an absolute http:, https: or mailto: address", quote_for_message(url)});
    }
    for (std::size_t k = link_first_span_; k < out_.spans.size(); ++k) out_.spans[k].href = url;
    in_link_ = false;
    no_merge_before_ = out_.spans.size();
    return j + 1;
  }

  void set_strong(bool on, std::size_t at) {
    flush();
    strong_ = on;
    strong_at_ = at;
  }
  void set_emphasis(bool on, std::size_t at) {
    flush();
    emphasis_ = on;
    emphasis_at_ = at;
  }

  // Ends the current run: appends it to the last span when the style is the same.
  void flush() {
    if (buf_.empty()) return;
    if (out_.spans.size() > no_merge_before_) {
      Span& last = out_.spans.back();
      if (last.kind == Span::Kind::text && last.emphasis == emphasis_ && last.strong == strong_) {
        last.text += buf_;
        buf_.clear();
        return;
      }
    }
    Span s;
    s.text = std::move(buf_);
    s.emphasis = emphasis_;
    s.strong = strong_;
    out_.spans.push_back(std::move(s));
    buf_.clear();
  }

  void fail(std::size_t offset, std::string expected, std::string found) {
    errors_.push_back({ErrorCode::markup, offset, std::move(expected), std::move(found)});
    failed_ = true;  // one structural error per text: what follows it would be noise
  }

  std::string_view src_;
  InlineText& out_;
  std::vector<MarkupError>& errors_;
  std::string buf_;
  bool failed_ = false;
  bool emphasis_ = false, strong_ = false, in_link_ = false;
  std::size_t emphasis_at_ = 0, strong_at_ = 0, link_at_ = 0;
  std::size_t link_first_span_ = 0, no_merge_before_ = 0;
};

}  // namespace

bool parse_inline(std::string_view src, InlineText& out, std::vector<MarkupError>& errors) {
  const std::size_t before = errors.size();
  Parser(src, out, errors).run();
  return errors.size() == before;
}

}  // namespace passerelle
