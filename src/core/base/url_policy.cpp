// base/url_policy.cpp — the allow-list of link targets (see base/url_policy.hpp).
//
// An allow-list, not a block-list: anything we did not think of is refused.  Besides the
// scheme, we refuse characters that browsers silently strip or reinterpret (spaces, control
// characters, backslashes, bidi overrides), because "java\tscript:" and "https:\\evil" are
// classic ways around naive checks and a spoofed URL could mislead a visitor; and an http(s)
// authority must be a plain host[:port] (no userinfo: "https://ok@evil/" opens evil).
//
// Depends on: base/url_policy.hpp, base/utf8.hpp, the standard library.
#include "core/base/url_policy.hpp"

#include "core/base/utf8.hpp"

namespace passerelle {
namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_lower(std::string_view s, std::string_view lower_word) {
  if (s.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (lower(s[i]) != lower_word[i]) return false;
  return true;
}

// Code points that must not appear anywhere in a link we open.
bool is_forbidden(char32_t cp) {
  return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == U'\\' ||
         (cp >= 0x200B && cp <= 0x200F) ||  // zero-width and direction marks
         (cp >= 0x2028 && cp <= 0x202E) ||  // line separators, bidi embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||  // bidi isolates
         cp == 0xFEFF || cp == 0xFFFD;      // BOM; U+FFFD also stands for invalid UTF-8
}

// The authority of an http(s) link: a host (a name, an IPv4 or a bracketed IPv6 address) and
// an optional port, nothing else.  No userinfo ("https://ok@evil/" opens evil: the classic
// phishing form), so no '@'; no '%' either (a host never needs it, and "ok%40evil" or
// "ok%2F@evil" are ways to make an '@' or a '/' appear where the reader does not expect
// them).  Non-ASCII letters (internationalised names) pass, but not the fullwidth and small
// forms and slash look-alikes that IDNA maps to '@', '/', ':'… ("ok＠evil", "a∕b"); the
// forbidden code points were refused before.
bool is_plain_authority(std::string_view a) {
  if (a.empty() || a.front() == ':') return false;  // no host
  for (std::size_t i = 0; i < a.size();) {
    const char c = a[i];
    const char32_t cp = decode_utf8(a, i);
    if (cp >= 0x80) {
      if ((cp >= 0xFE50 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x2044 || cp == 0x2215 ||
          cp == 0x29F8 || cp == 0x2100 || cp == 0x2101 || cp == 0x2105 || cp == 0x2106)
        return false;
      continue;
    }
    const bool ok = is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == ':' ||
                    c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool is_safe_link_url(std::string_view url) {
  if (url.empty() || url.size() > 2048) return false;
  for (std::size_t i = 0; i < url.size();)
    if (is_forbidden(decode_utf8(url, i))) return false;

  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"  (RFC 3986 §3.1)
  if (!is_ascii_alpha(url[0])) return false;  // also refuses "//host" and "/path"
  std::size_t colon = 1;
  while (colon < url.size() && url[colon] != ':') {
    const char c = url[colon];
    if (!is_ascii_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.')
      return false;  // a relative path such as "page.html" or "a/b:c"
    ++colon;
  }
  if (colon >= url.size()) return false;  // no scheme at all: relative
  const std::string_view scheme = url.substr(0, colon);
  const std::string_view rest = url.substr(colon + 1);

  if (equals_lower(scheme, "http") || equals_lower(scheme, "https")) {
    // Absolute only: "//" then a non-empty authority made of host characters.
    if (rest.size() < 3 || rest[0] != '/' || rest[1] != '/') return false;
    const std::string_view authority = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    return is_plain_authority(authority);
  }
  if (equals_lower(scheme, "mailto")) return !rest.empty();
  return false;
}

bool is_relative_page_href(std::string_view href) {
  if (href.empty() || href.size() > 128 || href.front() == '/' || href.front() == '.') return false;
  if (href.find("..") != std::string_view::npos || href.find("//") != std::string_view::npos) return false;
  for (char c : href) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == '/';
    if (!ok) return false;
  }
  return true;
}

}  // namespace passerelle
