// record_format.cpp — dates and the three printed forms of a record (see record_format.hpp).
//
// Depends on: record_format.hpp, core/consent/consent.hpp (ISO 8601 of Unix seconds).
#include "server/consent_log/record_format.hpp"

#include <cstdio>

#include "core/consent/consent.hpp"

namespace passerelle::consent_log {
namespace {

// Days from 1970-01-01 to y-m-d (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string csv_field(const std::string& s) {
  return s.find_first_of(",\"") == std::string::npos ? s : "\"" + s + "\"";  // '"' never occurs (proof.hpp)
}

}  // namespace

std::string iso_time_ms(std::int64_t ms) {
  ConsentRecord r;
  r.time = ms / 1000;
  std::string s = r.timestamp();  // "…:00Z"
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms % 1000));
  return s.substr(0, s.size() - 1) + frac + "Z";
}

std::optional<std::int64_t> parse_iso_date(const std::string& s) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0, n = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10) return std::nullopt;
  if (s.size() != 10) {
    int n2 = 0;
    if (std::sscanf(s.c_str() + 10, "T%2d:%2d:%2dZ%n", &hh, &mm, &ss, &n2) != 3 || 10 + static_cast<std::size_t>(n2) != s.size())
      return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return (days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400 + hh * 3600 + mm * 60 + ss) * 1000;
}

std::string csv_header() {
  return "seq,id,received,decided,action,cancels,policy,lang,choices,origin,path,texts_sha256,build_sha256,prev_hash,hash\n";
}

std::string csv_row(const StoredRecord& r) {
  const ConsentProof& p = r.proof;
  return std::to_string(r.seq) + "," + p.id + "," + iso_time_ms(r.received_ms) + "," + iso_time_ms(p.decided_ms) + "," +
         std::string(consent_action_name(p.action)) + "," + p.cancels + "," + std::to_string(p.policy_version) + "," +
         p.lang + "," + csv_field(p.choices_text()) + "," + p.origin + "," + csv_field(p.path) + "," + p.texts_sha256 +
         "," + p.build_sha256 + "," + r.prev_hash + "," + r.hash + "\n";
}

std::string json_line(const StoredRecord& r) {
  const ConsentProof& p = r.proof;
  const auto str = [](const std::string& s) { return s.empty() ? std::string("null") : "\"" + s + "\""; };
  std::string choices = "{";
  for (std::size_t i = 0; i < p.choices.size(); ++i)
    choices += (i ? ",\"" : "\"") + p.choices[i].first + "\":" + (p.choices[i].second ? "true" : "false");
  return "{\"seq\":" + std::to_string(r.seq) + ",\"id\":" + str(p.id) + ",\"received\":" + str(iso_time_ms(r.received_ms)) +
         ",\"decided\":" + str(iso_time_ms(p.decided_ms)) + ",\"action\":" + str(std::string(consent_action_name(p.action))) +
         ",\"cancels\":" + str(p.cancels) + ",\"policy\":" + std::to_string(p.policy_version) + ",\"lang\":" + str(p.lang) +
         ",\"choices\":" + choices + "},\"origin\":" + str(p.origin) + ",\"path\":" + str(p.path) +
         ",\"texts_sha256\":" + str(p.texts_sha256) + ",\"build_sha256\":" + str(p.build_sha256) +
         ",\"prev_hash\":" + str(r.prev_hash) + ",\"hash\":" + str(r.hash) + "}\n";
}

std::string text_block(const StoredRecord& r) {
  const ConsentProof& p = r.proof;
  std::string out = "record " + std::to_string(r.seq) + "\n";
  const auto field = [&out](const char* k, const std::string& v) { out += std::string("  ") + k + ": " + v + "\n"; };
  field("id", p.id);
  field("decided", iso_time_ms(p.decided_ms) + " (the visitor's clock)");
  field("received", iso_time_ms(r.received_ms));
  field("action", std::string(consent_action_name(p.action)));
  field("cancels", p.cancels.empty() ? "-" : p.cancels);
  field("policy", std::to_string(p.policy_version));
  field("lang", p.lang);
  for (const auto& [purpose, on] : p.choices) field(("choice " + purpose).c_str(), on ? "granted" : "refused");
  field("page", p.origin + p.path);
  field("texts_sha256", p.texts_sha256);
  field("build_sha256", p.build_sha256.empty() ? "-" : p.build_sha256);
  field("hash", r.hash);
  return out;
}

}  // namespace passerelle::consent_log
