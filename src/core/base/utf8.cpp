// base/utf8.cpp — strict UTF-8 validation, decoding and encoding (see base/utf8.hpp).
//
// Strict means RFC 3629: no overlong forms, no surrogates (U+D800–U+DFFF), nothing above
// U+10FFFF.  One decoder serves both validation and decoding so that they cannot disagree.
//
// Depends on: base/utf8.hpp, the standard library.
#include "core/base/utf8.hpp"

namespace passerelle {
namespace {

// Length of the valid sequence at s[i] and its code point, or 0 when it is invalid.
std::size_t decode_at(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {  // 0xC0, 0xC1 could only start overlong forms
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;  // a continuation byte on its own, or 0xF5–0xFF
  }
  if (s.size() - i < len) return 0;  // truncated
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // fast path: most of a pack is ASCII
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_at(s, i, cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  if (i >= s.size()) {
    ++i;  // still advance, so a careless loop terminates
    return U'\uFFFD';
  }
  char32_t cp = 0;
  const std::size_t len = decode_at(s, i, cp);
  if (len == 0) {
    ++i;
    return U'\uFFFD';
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = U'\uFFFD';
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_blank_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = decode_utf8(s, i);
    const bool space = cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                       cp == 0x3000 || cp == 0xFEFF || (cp >= 0x09 && cp <= 0x0D);
    if (!space) return false;
  }
  return true;
}

}  // namespace passerelle
