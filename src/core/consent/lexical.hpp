// consent/lexical.hpp — the character rules the consent cookie (consent/record.cpp) and the
// proof of a decision (consent/proof.cpp) share: digits, hex, a bounded decimal, the pack's
// simplified BCP 47 language tag and a purpose id.  One copy, so the cookie and the proof can
// never disagree on what a language or a purpose looks like.
//
// Depends on: std only.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace passerelle::consent_lexical {

// The longest purpose id the pack, the cookie and the proof accept.
inline constexpr std::size_t kMaxPurposeId = 32;

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A decimal without sign or leading zero ("0" itself is fine), at most max.  At most 18
// digits are read, so the value cannot overflow before it is compared with max.
inline bool parse_decimal(std::string_view s, std::int64_t max, std::int64_t& out) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return false;
  std::int64_t v = 0;
  for (const char c : s) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

// The pack's simplified BCP 47 check (pack/pack.cpp): "fr", "en", "fr-CA", "zh-Hant".
inline bool is_language_tag(std::string_view s) {
  if (s.size() > 35) return false;
  std::size_t i = 0;
  while (i < s.size() && is_alpha(s[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

inline bool is_purpose_id(std::string_view s) {
  return !s.empty() && s.size() <= kMaxPurposeId && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
         });
}

}  // namespace passerelle::consent_lexical
