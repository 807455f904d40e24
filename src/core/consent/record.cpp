// consent/record.cpp — a visitor's consent record: its ISO 8601 time, its JSON form, and its
// cookie form with a checksum (see consent/consent.hpp).
//
// The cookie value (format 1), seven fields separated by '.':
//
//   1.<policy_version>.<time>.<id>.<lang>.<choices>.<checksum>
//   1.1.1764393600.0123456789abcdef0123456789abcdef.fr.necessary:1|audience:0|video:1.62b8a61e
//
//   1               the format of this value; anything else is refused
//   policy_version  decimal, 1 to 999999999, no leading zero
//   time            Unix seconds (UTC) of the choice, decimal, 0 to 99999999999, no leading zero
//   id              32 lowercase hexadecimal digits
//   lang            a language tag: 2-3 letters, then "-" and 2-8 letters or digits, repeated
//   choices         <purpose>:<0|1> joined by '|', 1 to kMaxConsentPurposes of them, each
//                   purpose id [a-z0-9_-]{1,32}, none twice
//   checksum        8 lowercase hex digits: FNV-1a (32 bits) of "passerelle_consent=" followed
//                   by everything before ".<checksum>"
//
// Only [0-9A-Za-z._:|-] appear, all cookie-octets of RFC 6265 that no common framework
// escapes, so the value is stored as is (no quoting, no percent-encoding).  The whole value is
// at most kMaxConsentCookieBytes.  The checksum detects hand edits and corruption; it is not a
// secret and not a signature (anyone can recompute it: the record is the visitor's own).
// FNV-1a steps are bijective on the running hash, so any single changed byte of the covered
// part always changes the checksum.
//
// Decoding is strict and canonical: one spelling per record (no leading zeros, no uppercase
// hex, no spaces), so that encode(decode(v)) == v for every accepted v.  It reads the value in
// one pass with fixed bounds: no recursion, no allocation beyond the record's own strings,
// whose sizes the bounds above limit.
//
// Depends on: consent/consent.hpp, the standard library.
#include "core/consent/lexical.hpp"
#include "core/consent/consent.hpp"

#include <algorithm>

namespace passerelle {
namespace {

constexpr std::string_view kFormat = "1";
constexpr std::int64_t kMaxTime = 99'999'999'999;  // year 5138: 11 digits
constexpr std::int64_t kMaxVersion = 999'999'999;  // 9 digits: fits an int
constexpr std::size_t kIdLength = 32;
constexpr std::size_t kChecksumLength = 8;
constexpr const char kHexDigits[] = "0123456789abcdef";

using namespace consent_lexical;

bool is_cookie_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == ':' || c == '|' || c == '-';
}

std::uint32_t fnv1a(std::string_view covered) {
  std::uint32_t h = 2166136261u;
  const auto step = [&h](std::string_view s) {
    for (const char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 16777619u;
    }
  };
  step(kConsentCookieName);
  step("=");
  step(covered);
  return h;
}

std::string hex8(std::uint32_t v) {
  std::string out(kChecksumLength, '0');
  for (std::size_t i = kChecksumLength; i-- > 0; v >>= 4) out[i] = kHexDigits[v & 0xF];
  return out;
}

bool is_record_id(std::string_view s) {
  return s.size() == kIdLength && std::all_of(s.begin(), s.end(), is_lower_hex);
}

bool has_duplicate(const std::vector<std::pair<std::string, bool>>& choices) {
  for (std::size_t i = 0; i < choices.size(); ++i)
    for (std::size_t j = i + 1; j < choices.size(); ++j)
      if (choices[i].first == choices[j].first) return true;
  return false;
}

// "necessary:1|audience:0" → choices; false on anything off-format.
bool parse_choices(std::string_view s, std::vector<std::pair<std::string, bool>>& out) {
  out.clear();
  std::size_t start = 0;
  while (true) {
    if (out.size() == kMaxConsentPurposes) return false;
    const std::size_t bar = s.find('|', start);
    const std::string_view item =
        s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (item.size() < 3 || item[item.size() - 2] != ':') return false;
    const std::string_view id = item.substr(0, item.size() - 2);
    const char value = item.back();
    if (!is_purpose_id(id) || (value != '0' && value != '1')) return false;
    out.emplace_back(std::string(id), value == '1');
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return !has_duplicate(out);
}

// Days since 1970-01-01 → proleptic Gregorian date (H. Hinnant's civil_from_days): exact for
// every int64 time a record can hold, and free of <ctime> and time zones.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);                // [0, 146096]
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const unsigned mp = (5 * doy + 2) / 153;                       // [0, 11], from March
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

void append_padded(std::string& out, std::int64_t v, int width) {
  std::string digits = std::to_string(v);
  if (digits.size() < static_cast<std::size_t>(width))
    out.append(static_cast<std::size_t>(width) - digits.size(), '0');
  out += digits;
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      out += "\\u00";
      out += kHexDigits[u >> 4];
      out += kHexDigits[u & 0xF];
    } else {
      out += c;  // UTF-8 passes through: JSON is UTF-8
    }
  }
  out += '"';
}

}  // namespace

bool ConsentRecord::granted(std::string_view purpose) const {
  for (const auto& [id, on] : choices)
    if (id == purpose) return on;
  return false;
}

std::string ConsentRecord::timestamp() const {
  const std::int64_t days = time >= 0 ? time / 86400 : -((-(time + 1)) / 86400) - 1;
  const std::int64_t secs = time - days * 86400;  // [0, 86399]
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  std::string out;
  if (y < 0) out += '-';
  append_padded(out, y < 0 ? -y : y, 4);
  out += '-';
  append_padded(out, m, 2);
  out += '-';
  append_padded(out, d, 2);
  out += 'T';
  append_padded(out, secs / 3600, 2);
  out += ':';
  append_padded(out, secs / 60 % 60, 2);
  out += ':';
  append_padded(out, secs % 60, 2);
  out += 'Z';
  return out;
}

std::string ConsentRecord::to_json() const {
  std::string out = "{\"version\":" + std::to_string(policy_version) + ",\"timestamp\":";
  append_json_string(out, timestamp());
  out += ",\"id\":";
  append_json_string(out, id);
  out += ",\"lang\":";
  append_json_string(out, lang);
  out += ",\"choices\":{";
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, choices[i].first);
    out += choices[i].second ? ":true" : ":false";
  }
  out += "}}";
  return out;
}

std::string encode_consent_cookie(const ConsentRecord& r) {
  if (r.policy_version < 1 || r.policy_version > kMaxVersion || r.time < 0 || r.time > kMaxTime ||
      !is_record_id(r.id) || !is_language_tag(r.lang) || r.choices.empty() ||
      r.choices.size() > kMaxConsentPurposes || has_duplicate(r.choices))
    return {};
  std::string out(kFormat);
  out += '.' + std::to_string(r.policy_version) + '.' + std::to_string(r.time) + '.' + r.id +
         '.' + r.lang + '.';
  for (std::size_t i = 0; i < r.choices.size(); ++i) {
    if (!is_purpose_id(r.choices[i].first)) return {};
    if (i) out += '|';
    out += r.choices[i].first;
    out += r.choices[i].second ? ":1" : ":0";
  }
  out += '.' + hex8(fnv1a(out));
  return out.size() <= kMaxConsentCookieBytes ? out : std::string();
}

DecodedCookie decode_consent_cookie(std::string_view value) {
  DecodedCookie out;
  if (value.empty()) {
    out.problem = CookieProblem::empty;
    return out;
  }
  if (value.size() > kMaxConsentCookieBytes) {
    out.problem = CookieProblem::too_long;
    return out;
  }
  out.problem = CookieProblem::malformed;  // until every field has been read
  if (!std::all_of(value.begin(), value.end(), is_cookie_char)) return out;

  std::string_view fields[7];
  std::size_t count = 0, start = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    if (i < value.size() && value[i] != '.') continue;
    if (count == 7) return out;  // an eighth field
    fields[count++] = value.substr(start, i - start);
    start = i + 1;
  }
  if (count != 7 || fields[0] != kFormat) return out;

  ConsentRecord r;
  std::int64_t version = 0;
  if (!parse_decimal(fields[1], kMaxVersion, version) || version < 1) return out;
  r.policy_version = static_cast<int>(version);
  if (!parse_decimal(fields[2], kMaxTime, r.time)) return out;
  if (!is_record_id(fields[3])) return out;
  r.id = std::string(fields[3]);
  if (!is_language_tag(fields[4])) return out;
  r.lang = std::string(fields[4]);
  if (!parse_choices(fields[5], r.choices)) return out;
  const std::string_view sum = fields[6];
  if (sum.size() != kChecksumLength || !std::all_of(sum.begin(), sum.end(), is_lower_hex))
    return out;

  const std::string_view covered = value.substr(0, value.size() - kChecksumLength - 1);
  if (hex8(fnv1a(covered)) != sum) {
    out.problem = CookieProblem::checksum;
    return out;
  }
  out.problem = CookieProblem::none;
  out.record = std::move(r);
  return out;
}

}  // namespace passerelle
