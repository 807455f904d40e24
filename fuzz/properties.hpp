// properties.hpp — what the fuzz targets check, in one place: each check_*() feeds one input to
// one of the core's parsers and returns "" when every property holds, or a sentence saying
// which one failed.  The libFuzzer targets (fuzz/fuzz_*.cpp) trap on a non-empty answer;
// tests/core/unit-fuzz-regressions.cpp replays the seed corpora and every input a fuzzer
// ever broke through the same functions, as ordinary GoogleTest cases.
//
// Common to every target: the parser never crashes, leaks, reads out of bounds or hits
// undefined behaviour (ASan/UBSan, in the fuzz build and in native-asan) and answers either
// with a result or with at least one error, never both and never neither.  Per target:
//
//   check_pack            parse_pack, whose peak heap (ASan builds: heap_peak.hpp) stays
//                         under 20× the input plus 1 MiB, whose diagnostics carry cut
//                         pointers, and whose position index costs at most 16 bytes per
//                         byte (issue 13); on success visible_text, and what the validator
//                         promises: every link safe, every [^id] defined, footnote ids unique,
//                         the consent section's bounds, and a choice made with its config
//                         writes a cookie that reads back as a valid record; the pack
//                         prerenders with exactly its own two <script>s, no "<!--", and a
//                         JSON-LD free of < > & U+2028 U+2029 (check_prerendered).
//   check_markup          parse_inline; error offsets inside the text, success means safe
//                         links and non-empty runs; and escaping any text with '\' then
//                         parsing it gives that text back, unstyled, in one run; the input
//                         taken whole as a URL, and every accepted link, if the policy
//                         accepts it, has a plain host (no userinfo, check_link_url).
//   check_consent_cookie  decode_consent_cookie on the value as is and with its checksum
//                         recomputed (so the fuzzer gets past it); an accepted value is
//                         canonical (encode(decode(v)) == v); a record read leniently from the
//                         fields and accepted by encode decodes back to the same record;
//                         ConsentManager::start agrees with the decoder.
//   check_map_route       input "iso\nlang\nhash": parse_country_hash gives two capitals or
//                         nothing; with_country writes a bounded "#…" that reads back as iso
//                         (or as nothing), and rewriting it again changes nothing.
//   check_map_geometry    parse_map_geometry under small limits (fuzz_geometry_limits()),
//                         peak heap under 20× the input plus 1 MiB;
//                         on success, triangles index the vertices, rings have 3+ points,
//                         coordinates are finite and every hit test lands in range.
//
// Depends on: the core's public headers (pack/pack, pack/visible_text, text/markup,
// base/url_policy, consent/consent, map/route, map/geometry, mirror/prerender),
// json/positions (std only), heap_peak.hpp, the standard library.  No GoogleTest, no
// libFuzzer.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "core/json/positions.hpp"
#include "core/map/geometry.hpp"
#include "core/map/route.hpp"
#include "core/mirror/prerender.hpp"
#include "core/text/markup.hpp"
#include "core/pack/pack.hpp"
#include "core/pack/visible_text.hpp"
#include "core/base/url_policy.hpp"
#include "heap_peak.hpp"

namespace passerelle::fuzz {

// In a check_*(): returns `message` when `cond` is false, so the first failed property wins.
#define PASSERELLE_FUZZ_REQUIRE(cond, message) \
  do {                                         \
    if (!(cond)) return std::string(message);  \
  } while (0)

// --- parse_pack ---------------------------------------------------------------------------

inline std::string check_diagnostics(const std::vector<Diagnostic>& errors) {
  for (const Diagnostic& d : errors) {
    PASSERELLE_FUZZ_REQUIRE(!format(d).empty(), "a diagnostic formats to nothing");
    PASSERELLE_FUZZ_REQUIRE(d.line >= 0 && d.column >= 0, "a diagnostic has a negative position");
    PASSERELLE_FUZZ_REQUIRE(d.found.size() < 400 && d.expected.size() < 1000,
                            "a diagnostic quotes a whole value: " + format(d).substr(0, 200));
  }
  return {};
}

// Links and footnote references of one accepted text.
inline std::string check_accepted_inline(const Page& page, const InlineText& t, bool refs_allowed) {
  for (const Span& s : t.spans) {
    PASSERELLE_FUZZ_REQUIRE(s.href.empty() || is_safe_link_url(s.href),
                            "an accepted pack holds an unsafe link: " + s.href);
    if (s.kind == Span::Kind::footnote_ref) {
      PASSERELLE_FUZZ_REQUIRE(refs_allowed, "a footnote reference where none is allowed");
      PASSERELLE_FUZZ_REQUIRE(footnote_number(page, s.text) > 0,
                              "an accepted pack refers to an undefined footnote: " + s.text);
    } else {
      PASSERELLE_FUZZ_REQUIRE(!s.text.empty(), "an empty run of text");
    }
  }
  return {};
}

inline std::string check_accepted_consent(const Pack& pack) {
  const ConsentConfig& c = *pack.consent;
  PASSERELLE_FUZZ_REQUIRE(!c.purposes.empty() && c.purposes.size() <= kMaxConsentPurposes,
                          "an accepted consent section has 0 or too many purposes");
  PASSERELLE_FUZZ_REQUIRE(c.retention_days >= 1 && c.retention_days <= kMaxRetentionDays,
                          "an accepted retention is out of bounds");
  PASSERELLE_FUZZ_REQUIRE(c.policy_version >= 1, "an accepted policy version is below 1");
  bool any_required = false;
  for (std::size_t i = 0; i < c.purposes.size(); ++i) {
    const ConsentPurpose& p = c.purposes[i];
    any_required = any_required || p.required;
    PASSERELLE_FUZZ_REQUIRE(c.purpose(p.id) == &p, "two purposes share the id " + p.id);
    if (p.required) continue;
    for (const ConsentService& s : p.services)
      for (const std::string& pattern : s.cookies)
        PASSERELLE_FUZZ_REQUIRE(!cookie_name_matches(pattern, kConsentCookieName) &&
                                    !cookie_name_matches(pattern, kConsentCookieHostName),
                                "an optional service claims the consent cookie: " + pattern);
  }
  PASSERELLE_FUZZ_REQUIRE(any_required, "an accepted consent section has no required purpose");

  // Whatever the config, a choice writes a cookie that a later visit reads as valid.
  constexpr std::int64_t kNow = 1'800'000'000;
  ConsentManager first(c);
  ConsentStart s;
  s.now = kNow;
  s.lang = pack.lang;
  first.start(s);
  PASSERELLE_FUZZ_REQUIRE(first.view() == ConsentView::banner, "no banner without a cookie");
  const ConsentOutcome o = first.accept_all(kNow, "0123456789abcdef0123456789abcdef");
  PASSERELLE_FUZZ_REQUIRE(!o.cookie_value.empty(), "accepting writes no cookie for this config");
  const DecodedCookie d = decode_consent_cookie(o.cookie_value);
  PASSERELLE_FUZZ_REQUIRE(d.record, "the cookie a choice wrote does not decode: " + o.cookie_value);
  ConsentManager again(c);
  s.cookie_value = o.cookie_value;
  s.now = kNow + 60;
  again.start(s);
  PASSERELLE_FUZZ_REQUIRE(again.reason() == ConsentReason::valid_record,
                          "the next visit does not accept the cookie just written");
  for (const ConsentPurpose& p : c.purposes)
    PASSERELLE_FUZZ_REQUIRE(again.granted(p.id), "accept_all did not grant " + p.id);
  return {};
}

// How many times `needle` occurs in `s`, ASCII letters compared case-insensitively.
inline std::size_t count_ci(std::string_view s, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    bool same = true;
    for (std::size_t j = 0; j < needle.size() && same; ++j) {
      char c = s[i + j];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      same = c == needle[j];
    }
    n += same;
  }
  return n;
}

// An accepted pack prerenders into a page whose scripts are exactly the ones it writes (the
// JSON-LD, the inline one, and with consent the first choice's data block, mirror/consent_kit):
// no pack text opens or closes a script or a comment, and the
// JSON-LD's text holds none of < > & U+2028 U+2029 (issue 13, item 1).
inline std::string check_prerendered(const Pack& pack) {
  PrerenderOptions o;
  o.head.base_url = "https://example.org/";
  o.head.self_href = "index.html";
  o.pack_url = "content/fuzz.json";
  const PrerenderResult r = prerender_page("<html lang=\"@LANG@\"><head><!-- @HEAD@ --></head><body "
                                           "data-pack=\"@PACK@\"><!-- @MIRROR@ --></body></html>", pack, o);
  PASSERELLE_FUZZ_REQUIRE(r.ok(), "an accepted pack does not prerender: " + r.error);
  const std::size_t scripts = pack.consent ? 3 : 2;
  PASSERELLE_FUZZ_REQUIRE(count_ci(r.html, "<script") == scripts && count_ci(r.html, "</script") == scripts,
                          "pack text opens or closes a <script> in the prerendered page");
  PASSERELLE_FUZZ_REQUIRE(count_ci(r.html, "<!--") == 0, "pack text opens a comment in the prerendered page");
  const std::string_view open = "<script type=\"application/ld+json\">";
  const std::size_t from = r.html.find(open);
  PASSERELLE_FUZZ_REQUIRE(from != std::string::npos, "no JSON-LD in the prerendered page");
  const std::size_t to = r.html.find("</script>", from);
  const std::string_view ld = std::string_view(r.html).substr(from + open.size(), to - from - open.size());
  PASSERELLE_FUZZ_REQUIRE(ld.find_first_of("<>&") == std::string_view::npos &&
                              ld.find("\xE2\x80\xA8") == std::string_view::npos &&
                              ld.find("\xE2\x80\xA9") == std::string_view::npos,
                          "the JSON-LD holds a character unsafe in a <script>");
  return {};
}

// Memory linear in the input, whatever its shape (issue 13): the whole parse's peak heap, the
// position index's own bytes (any bytes: the scan is defensive), pointers in diagnostics.
inline std::string check_pack_memory(std::string_view bytes, std::size_t peak,
                                     const std::vector<Diagnostic>& errors) {
  PASSERELLE_FUZZ_REQUIRE(peak <= 20 * bytes.size() + (1u << 20),
                          "parse_pack's peak heap is " + std::to_string(peak) + " bytes for " +
                              std::to_string(bytes.size()) + " bytes of input");
  PASSERELLE_FUZZ_REQUIRE(json::PositionIndex::scan(bytes).bytes() <= 16 * (bytes.size() + 1),
                          "the position index takes more than 16 bytes per byte");
  for (const Diagnostic& d : errors)
    PASSERELLE_FUZZ_REQUIRE(d.pointer.size() <= json::kMaxPointerBytes + 3,
                            "a diagnostic's pointer is not cut");
  return {};
}

inline std::string check_pack(std::string_view bytes) {
  PackResult r;
  const std::size_t peak = peak_heap_of([&] { r = parse_pack(bytes, "fuzz.json"); });
  PASSERELLE_FUZZ_REQUIRE(r.ok() != !r.errors.empty(), "parse_pack answers both or neither");
  if (std::string e = check_pack_memory(bytes, peak, r.errors); !e.empty()) return e;
  if (std::string e = check_diagnostics(r.errors); !e.empty()) return e;
  if (!r.ok()) return {};

  const Pack& pack = *r.pack;
  const Page& page = pack.page;
  const std::string text = visible_text(pack);
  PASSERELLE_FUZZ_REQUIRE(text.size() <= bytes.size() * 8 + 4096, "visible_text grew out of bounds");

  std::string e = check_accepted_inline(page, page.lead, true);
  for (const Block& b : page.body) {
    if (e.empty()) e = check_accepted_inline(page, b.text, true);
    for (const InlineText& item : b.items)
      if (e.empty()) e = check_accepted_inline(page, item, true);
  }
  for (std::size_t i = 0; i < page.footnotes.size() && e.empty(); ++i) {
    PASSERELLE_FUZZ_REQUIRE(footnote_number(page, page.footnotes[i].id) == static_cast<int>(i + 1),
                            "two footnotes share the id " + page.footnotes[i].id);
    e = check_accepted_inline(page, page.footnotes[i].text, true);
  }
  if (!e.empty()) return e;
  for (const PageLink& l : page.links)
    PASSERELLE_FUZZ_REQUIRE(l.url.empty() || is_safe_link_url(l.url),
                            "an accepted pack links to an unsafe URL: " + l.url);
  if (pack.map) {
    for (const MapCountryText& c : pack.map->countries) {
      PASSERELLE_FUZZ_REQUIRE(pack.map->role_of(c.id) >= 0, "map text for a country without a role");
      for (const InlineText& d : c.details)
        if (std::string de = check_accepted_inline(page, d, false); !de.empty()) return de;
    }
  }
  if (std::string pe = check_prerendered(pack); !pe.empty()) return pe;
  if (pack.consent) return check_accepted_consent(pack);
  return {};
}

// --- parse_inline ---------------------------------------------------------------------------

// The text with every character the markup treats as special escaped.
inline std::string escape_markup(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '*' || c == '[' || c == ']') out += '\\';
    out += c;
  }
  return out;
}

// What an accepted link is, read independently of url_policy.cpp, the way a browser reads an
// http(s) URL: the authority runs to the first '/', '?', '#' or '\\'; an '@' or a '%' in it
// would be userinfo or hide one (issue 13, item 7c).
inline std::string check_link_url(std::string_view url) {
  if (!is_safe_link_url(url)) return {};
  for (const char c : url)
    PASSERELLE_FUZZ_REQUIRE(static_cast<unsigned char>(c) > 0x20 && c != 0x7F && c != '\\',
                            "an accepted link holds a space, a control or a backslash");
  std::string lower(url.substr(0, 8));
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  const std::size_t slashes = lower.rfind("http://", 0) == 0 ? 7 : lower.rfind("https://", 0) == 0 ? 8 : 0;
  if (slashes == 0) {
    PASSERELLE_FUZZ_REQUIRE(lower.rfind("mailto:", 0) == 0, "an accepted link is not http, https or mailto");
    return {};
  }
  const std::string_view authority = url.substr(slashes, url.find_first_of("/?#\\", slashes) - slashes);
  PASSERELLE_FUZZ_REQUIRE(!authority.empty() && authority.find_first_of("@%") == std::string_view::npos,
                          "an accepted link has userinfo or no host: " + std::string(url));
  return {};
}

inline std::string check_markup(std::string_view src) {
  if (std::string e = check_link_url(src); !e.empty()) return e;
  InlineText out;
  std::vector<MarkupError> errors;
  const bool ok = parse_inline(src, out, errors);
  PASSERELLE_FUZZ_REQUIRE(ok == errors.empty(), "parse_inline's answer disagrees with its errors");
  for (const MarkupError& e : errors) {
    PASSERELLE_FUZZ_REQUIRE(e.offset <= src.size(), "an error offset past the end of the text");
    PASSERELLE_FUZZ_REQUIRE(e.code == ErrorCode::markup || e.code == ErrorCode::unsafe_url,
                            "an error code other than markup or unsafe_url");
    PASSERELLE_FUZZ_REQUIRE(!e.expected.empty(), "an error that says nothing expected");
  }
  if (ok) {
    PASSERELLE_FUZZ_REQUIRE(out.plain().size() <= src.size(), "plain text longer than its source");
    for (const Span& s : out.spans) {
      PASSERELLE_FUZZ_REQUIRE(!s.text.empty(), "an empty span");
      PASSERELLE_FUZZ_REQUIRE(s.href.empty() || is_safe_link_url(s.href),
                              "an accepted unsafe link: " + s.href);
      if (std::string e = check_link_url(s.href); !e.empty()) return e;
    }
  }
  // Escaped, any text is itself.
  InlineText escaped;
  errors.clear();
  PASSERELLE_FUZZ_REQUIRE(parse_inline(escape_markup(src), escaped, errors),
                          "an escaped text does not parse");
  PASSERELLE_FUZZ_REQUIRE(escaped.spans.size() == (src.empty() ? 0u : 1u),
                          "an escaped text does not give one run");
  PASSERELLE_FUZZ_REQUIRE(escaped.plain() == src, "an escaped text does not read back as itself");
  if (!src.empty()) {
    const Span& s = escaped.spans[0];
    PASSERELLE_FUZZ_REQUIRE(!s.emphasis && !s.strong && s.href.empty() && s.kind == Span::Kind::text,
                            "an escaped text is styled");
  }
  return {};
}

// --- the passerelle_consent cookie ---------------------------------------------------------

// FNV-1a (32 bits) over "passerelle_consent=" + covered, in 8 lowercase hex digits: the
// checksum of the documented cookie format (src/core/consent/record.cpp).
inline std::string consent_checksum(std::string_view covered) {
  std::uint32_t h = 2166136261u;
  const std::string all = std::string(kConsentCookieName) + "=" + std::string(covered);
  for (const char c : all) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  std::string out(8, '0');
  for (std::size_t i = 8; i-- > 0; h >>= 4) out[i] = "0123456789abcdef"[h & 0xF];
  return out;
}

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

// A lenient integer: optional '-', digits (anything else stops), saturating.
inline std::int64_t lenient_integer(std::string_view s, std::int64_t lo, std::int64_t hi) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  std::int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') break;
    if (v > (INT64_MAX - 9) / 10) {
      v = INT64_MAX;
      break;
    }
    v = v * 10 + (c - '0');
  }
  if (negative) v = -v;
  return v < lo ? lo : v > hi ? hi : v;
}

inline bool same_record(const ConsentRecord& a, const ConsentRecord& b) {
  return a.policy_version == b.policy_version && a.time == b.time && a.id == b.id &&
         a.lang == b.lang && a.choices == b.choices;
}

inline std::string check_one_cookie(std::string_view value) {
  const DecodedCookie d = decode_consent_cookie(value);
  PASSERELLE_FUZZ_REQUIRE(d.record.has_value() == (d.problem == CookieProblem::none),
                          "a record and a problem, or neither");
  PASSERELLE_FUZZ_REQUIRE((d.problem == CookieProblem::empty) == value.empty(),
                          "'empty' does not match the value");
  PASSERELLE_FUZZ_REQUIRE(
      (d.problem == CookieProblem::too_long) == (value.size() > kMaxConsentCookieBytes),
      "'too_long' does not match the length");
  if (d.record) {
    const ConsentRecord& r = *d.record;
    PASSERELLE_FUZZ_REQUIRE(encode_consent_cookie(r) == value,
                            "an accepted cookie is not canonical: encode(decode(v)) != v");
    PASSERELLE_FUZZ_REQUIRE(!r.choices.empty() && r.choices.size() <= kMaxConsentPurposes,
                            "an accepted record with 0 or too many purposes");
    PASSERELLE_FUZZ_REQUIRE(r.timestamp().size() >= 20 && r.to_json().size() > 2,
                            "an accepted record has no timestamp or JSON form");
  }

  // The manager agrees with the decoder, for a config of the usual three purposes.
  ConsentConfig config;
  for (const char* id : {"necessary", "audience", "video"}) {
    ConsentPurpose p;
    p.id = id;
    p.required = std::string_view(id) == "necessary";
    config.purposes.push_back(p);
  }
  ConsentManager m(config);
  ConsentStart s;
  s.cookie_value = value;
  s.now = 1'800'000'000;
  m.start(s);
  if (m.reason() == ConsentReason::valid_record) {
    PASSERELLE_FUZZ_REQUIRE(d.record && m.view() == ConsentView::hidden && m.record(),
                            "a valid record the decoder refused, or a banner over it");
  } else {
    PASSERELLE_FUZZ_REQUIRE(m.view() == ConsentView::banner && !m.record(),
                            "no banner without a record");
    PASSERELLE_FUZZ_REQUIRE(m.granted("necessary") && !m.granted("audience") && !m.granted("video"),
                            "an optional purpose granted without a valid record");
  }
  return {};
}

inline std::string check_consent_cookie(std::string_view value) {
  if (std::string e = check_one_cookie(value); !e.empty()) return e;

  // The same value with a correct checksum, so that mutations reach every field.
  const std::size_t last_dot = value.rfind('.');
  if (last_dot != std::string_view::npos) {
    const std::string covered(value.substr(0, last_dot));
    if (std::string e = check_one_cookie(covered + "." + consent_checksum(covered)); !e.empty())
      return "(checksum fixed) " + e;
  }

  // A record read leniently from the fields: whatever encode accepts decodes to itself.
  const std::vector<std::string_view> f = split(value, '.');
  if (f.size() >= 6) {
    ConsentRecord r;
    r.policy_version = static_cast<int>(lenient_integer(f[1], INT32_MIN, INT32_MAX));
    r.time = lenient_integer(f[2], INT64_MIN / 2, INT64_MAX / 2);
    r.id = std::string(f[3]);
    r.lang = std::string(f[4]);
    for (std::string_view item : split(f[5], '|')) {
      const std::size_t colon = item.rfind(':');
      r.choices.emplace_back(std::string(item.substr(0, colon)),
                             colon != std::string_view::npos && item.substr(colon + 1) == "1");
    }
    const std::string encoded = encode_consent_cookie(r);
    if (!encoded.empty()) {
      const DecodedCookie d = decode_consent_cookie(encoded);
      PASSERELLE_FUZZ_REQUIRE(d.record && same_record(*d.record, r),
                              "encode wrote a value that does not decode to its record: " + encoded);
      PASSERELLE_FUZZ_REQUIRE(encoded.size() <= kMaxConsentCookieBytes, "encode wrote too much");
    }
  }
  return {};
}

// --- the #pays= router --------------------------------------------------------------------

inline bool is_two_capitals(const std::string& s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}
inline bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
inline char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// input: "iso\nlang\nhash" (missing parts are empty; the hash may hold anything).
inline std::string check_map_route(std::string_view input) {
  std::string_view iso, lang, hash = input;
  if (const std::size_t a = input.find('\n'); a != std::string_view::npos) {
    iso = input.substr(0, a);
    const std::string_view rest = input.substr(a + 1);
    const std::size_t b = rest.find('\n');
    lang = rest.substr(0, b);
    hash = b == std::string_view::npos ? std::string_view{} : rest.substr(b + 1);
  }

  // The whole input and the hash part, as location.hash.
  for (std::string_view h : {input, hash}) {
    const std::optional<std::string> code = parse_country_hash(h);
    PASSERELLE_FUZZ_REQUIRE(!code || is_two_capitals(*code), "parse_country_hash gave " + *code);
  }

  const std::string out = with_country(hash, iso, lang);
  PASSERELLE_FUZZ_REQUIRE(out.size() <= kMaxHashBytes, "with_country wrote an overlong fragment");
  PASSERELLE_FUZZ_REQUIRE(out.empty() || out[0] == '#', "with_country wrote no leading '#'");
  const bool valid_iso = iso.size() == 2 && is_ascii_letter(iso[0]) && is_ascii_letter(iso[1]);
  const std::optional<std::string> back = parse_country_hash(out);
  if (valid_iso) {
    const std::string up{ascii_upper(iso[0]), ascii_upper(iso[1])};
    PASSERELLE_FUZZ_REQUIRE(back == up,
                            "what with_country wrote does not read back: " + out.substr(0, 80));
  } else {
    PASSERELLE_FUZZ_REQUIRE(!back, "a removed selection reads back as " + *back);
  }
  PASSERELLE_FUZZ_REQUIRE(with_country(out, iso, lang) == out,
                          "rewriting what with_country wrote changes it (size " +
                              std::to_string(out.size()) + ")");
  return {};
}

// --- parse_map_geometry ---------------------------------------------------------------------

// Small enough that one input takes milliseconds (the triangulator is quadratic at worst per
// polygon), large enough for every shape of the format.
inline MapGeometryLimits fuzz_geometry_limits() {
  MapGeometryLimits l;
  l.max_bytes = 64 * 1024;
  l.max_arcs = 1000;
  l.max_points = 10'000;
  l.max_countries = 32;
  l.max_polygons = 64;
  l.max_border_arcs = 2000;
  l.max_ring_points = 8000;
  l.max_polygon_points = 1000;
  return l;
}

inline bool finite(MapPoint p) { return std::isfinite(p.x) && std::isfinite(p.y); }

inline std::string check_map_geometry(std::string_view bytes) {
  const MapGeometryLimits limits = fuzz_geometry_limits();
  MapGeometryResult r;
  const std::size_t peak =
      peak_heap_of([&] { r = parse_map_geometry(bytes, "fuzz-geometry.json", limits); });
  PASSERELLE_FUZZ_REQUIRE(r.ok() != !r.errors.empty(), "parse_map_geometry answers both or neither");
  PASSERELLE_FUZZ_REQUIRE(peak <= 20 * bytes.size() + (1u << 20),
                          "parse_map_geometry's peak heap is " + std::to_string(peak) + " bytes");
  if (std::string e = check_diagnostics(r.errors); !e.empty()) return e;
  if (!r.ok()) return {};

  const MapGeometry& g = *r.geometry;
  PASSERELLE_FUZZ_REQUIRE(g.countries.size() <= limits.max_countries, "more countries than the limit");
  std::size_t polygons = 0;
  for (std::size_t c = 0; c < g.countries.size(); ++c) {
    const MapCountry& country = g.countries[c];
    PASSERELLE_FUZZ_REQUIRE(is_two_capitals(country.id), "a country id is not two capitals");
    PASSERELLE_FUZZ_REQUIRE(g.find(country.id) == static_cast<int>(c), "two countries share an id");
    PASSERELLE_FUZZ_REQUIRE(!country.name("fr").empty(), "a country has an empty name");
    polygons += country.polygons.size();
    for (const MapPolygon& p : country.polygons) {
      std::size_t ring_points = 0;
      PASSERELLE_FUZZ_REQUIRE(!p.rings.empty(), "a polygon without rings");
      for (const auto& ring : p.rings) {
        PASSERELLE_FUZZ_REQUIRE(ring.size() >= 3, "a ring of fewer than 3 points");
        ring_points += ring.size();
      }
      PASSERELLE_FUZZ_REQUIRE(ring_points == p.vertices.size(),
                              "vertices are not the rings end to end");
      PASSERELLE_FUZZ_REQUIRE(p.triangles.size() % 3 == 0, "a partial triangle");
      for (const std::uint32_t i : p.triangles)
        PASSERELLE_FUZZ_REQUIRE(i < p.vertices.size(), "a triangle index past the vertices");
      for (const MapPoint& v : p.vertices)
        PASSERELLE_FUZZ_REQUIRE(finite(v), "an accepted geometry has a non-finite coordinate");
      PASSERELLE_FUZZ_REQUIRE(std::isfinite(p.area), "a polygon's area is not finite");
    }
    // Hit tests at the country's box corners and centre land in range.
    const MapBox& b = country.box;
    for (const MapPoint q : {MapPoint{b.x0, b.y0}, MapPoint{b.x1, b.y1},
                             MapPoint{(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2}}) {
      const int hit = g.country_at(q);
      PASSERELLE_FUZZ_REQUIRE(hit >= -1 && hit < static_cast<int>(g.countries.size()),
                              "a hit test out of range");
      PASSERELLE_FUZZ_REQUIRE(hit < 0 || g.countries[static_cast<std::size_t>(hit)].contains(q),
                              "a hit test names a country that does not contain the point");
    }
  }
  PASSERELLE_FUZZ_REQUIRE(polygons <= limits.max_polygons, "more polygons than the limit");
  for (const MapBorder& b : g.borders) {
    PASSERELLE_FUZZ_REQUIRE(b.points.size() >= 2, "a border of fewer than 2 points");
    PASSERELLE_FUZZ_REQUIRE(b.arc >= 0, "a border names a negative arc");
  }
  for (const MapBox& b : {g.frame, g.extent}) {
    PASSERELLE_FUZZ_REQUIRE(finite({b.x0, b.y0}) && finite({b.x1, b.y1}),
                            "an accepted geometry has a non-finite frame or extent");
    PASSERELLE_FUZZ_REQUIRE(b.x0 <= b.x1 && b.y0 <= b.y1, "an inverted frame or extent");
  }
  const int at_centre = g.country_at({(g.frame.x0 + g.frame.x1) / 2, (g.frame.y0 + g.frame.y1) / 2});
  PASSERELLE_FUZZ_REQUIRE(at_centre >= -1 && at_centre < static_cast<int>(g.countries.size()),
                          "a hit test out of range");
  return {};
}

#undef PASSERELLE_FUZZ_REQUIRE

}  // namespace passerelle::fuzz
