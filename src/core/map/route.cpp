// map/route.cpp — reading and writing the country in the URL fragment (see map/route.hpp).
//
// Depends on: map/route.hpp, the standard library.
#include "core/map/route.hpp"

#include <vector>

namespace passerelle {
namespace {
// Room for "country=XX&" when rewriting, so what with_country writes always parses back.
constexpr std::size_t kRewriteRoom = 32;

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes into `out`; false on a malformed escape or once the result would exceed
// `max_len` (callers only ever want short keys and two-letter values, so stop early).
// '+' means a space, as in URLSearchParams, which browsers use to build these fragments.
bool decode(std::string_view in, std::string& out, std::size_t max_len) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+') {
      c = ' ';
    }
    if (out.size() >= max_len) return false;
    out.push_back(c);
  }
  return true;
}

bool is_country_key(std::string_view raw_key) {
  std::string key;
  if (!decode(raw_key, key, 8)) return false;
  return key == "pays" || key == "country";
}

std::optional<std::string> country_code(std::string_view raw_value) {
  std::string v;
  if (!decode(raw_value, v, 2) || v.size() != 2) return std::nullopt;
  if (!is_ascii_letter(v[0]) || !is_ascii_letter(v[1])) return std::nullopt;
  v[0] = ascii_upper(v[0]);
  v[1] = ascii_upper(v[1]);
  return v;
}

std::string_view body_of(std::string_view hash) {
  if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
  return hash;
}

// Calls f(param) for each non-empty '&'-separated parameter.
template <class F>
void for_each_param(std::string_view body, F&& f) {
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view param = body.substr(0, amp);
    if (!param.empty()) f(param);
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
}

std::string_view key_of(std::string_view param) { return param.substr(0, param.find('=')); }
std::string_view value_of(std::string_view param) {
  const std::size_t eq = param.find('=');
  return eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
}

bool is_french(std::string_view lang) {
  if (lang.size() < 2 || ascii_lower(lang[0]) != 'f' || ascii_lower(lang[1]) != 'r') return false;
  return lang.size() == 2 || lang[2] == '-' || lang[2] == '_';
}
}  // namespace

std::optional<std::string> parse_country_hash(std::string_view hash) {
  if (hash.size() > kMaxHashBytes) return std::nullopt;
  std::optional<std::string> result;
  bool decided = false;
  for_each_param(body_of(hash), [&](std::string_view param) {
    if (decided || !is_country_key(key_of(param))) return;
    decided = true;
    result = country_code(value_of(param));
  });
  return result;
}

std::string with_country(std::string_view existing_hash, std::string_view iso, std::string_view lang) {
  std::string_view body = body_of(existing_hash);
  // The cut measures the parameters we keep, not the whole body (caught by fuzz_map_route's
  // stability property): it used to cut bodies over kMaxHashBytes − kRewriteRoom, so a body
  // just under that was kept, but our own output, grown by "&pays=XX", was then cut whole on
  // the next rewrite, and selecting a second country lost every other parameter.  A rewrite
  // of our output keeps the same parameters, so it now makes the same decision; the result
  // stays within kMaxHashBytes (the kept parameters, '#' and "&country=XX").
  if (body.size() > kMaxHashBytes) body = {};
  std::size_t others = 0;  // the kept parameters joined by '&', as they will be written
  for_each_param(body, [&](std::string_view param) {
    if (!is_country_key(key_of(param))) others += (others ? 1 : 0) + param.size();
  });
  if (others > kMaxHashBytes - kRewriteRoom) body = {};

  std::string ours;
  if (iso.size() == 2 && is_ascii_letter(iso[0]) && is_ascii_letter(iso[1])) {
    ours = is_french(lang) ? "pays=" : "country=";
    ours.push_back(ascii_upper(iso[0]));
    ours.push_back(ascii_upper(iso[1]));
  }

  std::string out;
  bool ours_written = false;
  auto append = [&](std::string_view param) {
    out.push_back(out.empty() ? '#' : '&');
    out.append(param);
  };
  for_each_param(body, [&](std::string_view param) {
    if (!is_country_key(key_of(param))) {
      append(param);
    } else if (!ours_written) {
      ours_written = true;
      if (!ours.empty()) append(ours);
    }
  });
  if (!ours_written && !ours.empty()) append(ours);
  return out;
}

}  // namespace passerelle
