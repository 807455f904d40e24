// pack/detail/reader.cpp — the pack's extras over the field reader (see
// pack/detail/reader.hpp).
//
// Depends on: pack/detail/reader.hpp, text/markup.hpp, the standard library.
#include "core/pack/detail/reader.hpp"

#include <vector>

namespace passerelle::pack_detail {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool is_language_tag(std::string_view s) {
  if (s.size() > 35) return false;
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < s.size() && is_alnum(s[i])) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

bool PackFieldReader::read_inline(const Json& v, const std::string& pointer, InlineText& out) {
  std::string s;
  if (!read_plain(v, pointer, s)) return false;
  std::vector<MarkupError> problems;
  if (parse_inline(s, out, problems)) return true;
  for (MarkupError& e : problems)
    report(e.code, pointer, string_position(pointer, e.offset), std::move(e.expected),
           std::move(e.found));
  return false;
}

}  // namespace passerelle::pack_detail
