// consent/proof.cpp — the proof of a consent decision: its strict line format, its checks
// against the policy versions a service knows, and the canonical bytes of the texts shown
// (see consent/proof.hpp for the format).
//
// Depends on: consent/proof.hpp, consent/consent.hpp, the standard library.
#include "core/consent/proof.hpp"

#include "core/consent/lexical.hpp"

#include <algorithm>
#include <array>

namespace passerelle {
namespace {

constexpr std::int64_t kMaxDecidedMs = 9'999'999'999'999;   // 13 digits: year 2286
constexpr std::int64_t kEarliestMs = 1'577'836'800'000;     // 2020-01-01: the CNIL's rules
constexpr std::int64_t kFutureToleranceMs = 86'400'000;     // a client clock a day ahead
constexpr std::int64_t kMaxVersion = 999'999'999;

constexpr std::array<std::string_view, 13> kKeys = {
    "passerelle-consent-proof", "id", "decided", "action", "cancels", "policy", "lang",
    "choices", "origin", "path", "texts", "build", "sha256"};
enum Field { kMagic, kId, kDecided, kAction, kCancels, kPolicy, kLang, kChoices, kOrigin, kPath,
             kTexts, kBuild, kSha256 };

constexpr std::array<std::string_view, 5> kActions = {"accept_all", "refuse_all", "custom",
                                                      "continue_without", "withdraw"};

using namespace consent_lexical;

bool is_hex(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), is_lower_hex);
}

// "necessary:1|audience:0", at most kMaxConsentPurposes, no purpose twice.
bool parse_choices(std::string_view s, std::vector<std::pair<std::string, bool>>& out) {
  std::size_t start = 0;
  while (true) {
    if (out.size() == kMaxConsentPurposes) return false;
    const std::size_t bar = s.find('|', start);
    const std::string_view item = s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (item.size() < 3 || item[item.size() - 2] != ':') return false;
    const std::string_view id = item.substr(0, item.size() - 2);
    if (!is_purpose_id(id) || (item.back() != '0' && item.back() != '1')) return false;
    for (const auto& c : out)
      if (c.first == id) return false;
    out.emplace_back(std::string(id), item.back() == '1');
    if (bar == std::string_view::npos) return true;
    start = bar + 1;
  }
}

// http(s)://host[:port], lowercase, as location.origin spells it (IPv6 in brackets).
bool is_origin(std::string_view s) {
  std::string_view rest;
  if (s.rfind("https://", 0) == 0) rest = s.substr(8);
  else if (s.rfind("http://", 0) == 0) rest = s.substr(7);
  else return false;
  return !rest.empty() && s.size() <= kMaxProofOriginBytes &&
         std::all_of(rest.begin(), rest.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
         });
}

// A path as location.pathname gives it: printable ASCII (the browser percent-encodes the
// rest), never '"' or '\\' (so it goes into CSV and JSON as it is).
bool is_path(std::string_view s) {
  return !s.empty() && s[0] == '/' && s.size() <= kMaxProofPathBytes &&
         std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7F && c != '"' && c != '\\'; });
}

// Checks one field's value and stores it in the proof; false when it is not well formed.
bool read_field(Field f, std::string_view v, ConsentProof& p) {
  std::int64_t n = 0;
  switch (f) {
    case kMagic: return v == "1";
    case kId: p.id = std::string(v); return is_hex(v, 32);
    case kDecided: return parse_decimal(v, kMaxDecidedMs, p.decided_ms);
    case kAction: {
      const auto a = consent_action_from(v);
      if (a) p.action = *a;
      return a.has_value();
    }
    case kCancels: if (v != "-") p.cancels = std::string(v); return v == "-" || is_hex(v, 32);
    case kPolicy:
      if (!parse_decimal(v, kMaxVersion, n) || n < 1) return false;
      p.policy_version = static_cast<int>(n);
      return true;
    case kLang: p.lang = std::string(v); return is_language_tag(v);
    case kChoices: return parse_choices(v, p.choices);
    case kOrigin: p.origin = std::string(v); return is_origin(v);
    case kPath: p.path = std::string(v); return is_path(v);
    case kTexts: p.texts_sha256 = std::string(v); return is_hex(v, 64);
    case kBuild: if (v != "-") p.build_sha256 = std::string(v); return v == "-" || is_hex(v, 64);
    case kSha256: return is_hex(v, 64);
  }
  return false;
}

ParsedProof malformed(std::string detail) {
  ParsedProof out;
  out.problem = ProofProblem::malformed;
  out.detail = std::move(detail);
  return out;
}

void piece(std::string& out, std::string_view text) {
  out += std::to_string(text.size());
  out += ':';
  out += text;
  out += '\n';
}

}  // namespace

std::string_view consent_action_name(ConsentAction a) { return kActions[static_cast<std::size_t>(a)]; }

std::optional<ConsentAction> consent_action_from(std::string_view name) {
  for (std::size_t i = 0; i < kActions.size(); ++i)
    if (kActions[i] == name) return static_cast<ConsentAction>(i);
  return std::nullopt;
}

std::string_view proof_problem_name(ProofProblem p) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "none", "too_large", "malformed", "checksum", "unknown_policy", "wrong_purposes", "bad_time"};
  return kNames[static_cast<std::size_t>(p)];
}

std::string consent_choices_text(const std::vector<std::pair<std::string, bool>>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i) out += '|';
    out += choices[i].first;
    out += choices[i].second ? ":1" : ":0";
  }
  return out;
}

std::string ConsentProof::choices_text() const { return consent_choices_text(choices); }

std::string ConsentProof::canonical() const {
  std::string out;
  const auto line = [&out](std::string_view key, std::string_view value) {
    out += key;
    out += '=';
    out += value;
    out += '\n';
  };
  line(kKeys[kMagic], "1");
  line(kKeys[kId], id);
  line(kKeys[kDecided], std::to_string(decided_ms));
  line(kKeys[kAction], consent_action_name(action));
  line(kKeys[kCancels], cancels.empty() ? "-" : cancels);
  line(kKeys[kPolicy], std::to_string(policy_version));
  line(kKeys[kLang], lang);
  line(kKeys[kChoices], choices_text());
  line(kKeys[kOrigin], origin);
  line(kKeys[kPath], path);
  line(kKeys[kTexts], texts_sha256);
  line(kKeys[kBuild], build_sha256.empty() ? "-" : build_sha256);
  return out;
}

ParsedProof parse_consent_proof(std::string_view body) {
  if (body.size() > kMaxProofBytes) {
    ParsedProof out;
    out.problem = ProofProblem::too_large;
    out.detail = "at most " + std::to_string(kMaxProofBytes) + " bytes, found " + std::to_string(body.size());
    return out;
  }
  ConsentProof p;
  std::size_t at = 0;
  std::string_view sum;
  for (std::size_t f = 0; f < kKeys.size(); ++f) {
    const std::size_t end = body.find('\n', at);
    const std::string_view key = kKeys[f];
    if (end == std::string_view::npos) return malformed("line " + std::to_string(f + 1) + " (" + std::string(key) + "): missing or not ended by a newline");
    const std::string_view line = body.substr(at, end - at);
    if (line.size() <= key.size() || line.substr(0, key.size()) != key || line[key.size()] != '=')
      return malformed("line " + std::to_string(f + 1) + ": expected " + std::string(key) + "=");
    const std::string_view value = line.substr(key.size() + 1);
    if (!read_field(static_cast<Field>(f), value, p)) return malformed("line " + std::to_string(f + 1) + ": bad " + std::string(key));
    if (f == kSha256) sum = value;
    else at = end + 1;
    if (f == kSha256 && end + 1 != body.size()) return malformed("bytes after the sha256 line");
  }
  if (p.cancels == p.id) return malformed("cancels: a decision cannot cancel itself");
  if (p.action == ConsentAction::withdraw && p.cancels.empty()) return malformed("cancels: a withdrawal names the decision it cancels");
  ParsedProof out;
  out.claimed_sha256 = std::string(sum);
  out.canonical = std::string(body.substr(0, at));
  out.proof = std::move(p);
  return out;
}

bool add_proof_policy(ProofPolicyBook& book, const ConsentConfig& config, std::string& why) {
  ProofPolicy policy;
  for (const auto& p : config.purposes) {
    policy.purposes.push_back(p.id);
    if (p.required) policy.required.push_back(p.id);
  }
  const auto [it, added] = book.emplace(config.policy_version, policy);
  if (added || (it->second.purposes == policy.purposes && it->second.required == policy.required)) return true;
  why = "policy version " + std::to_string(config.policy_version) + " is given twice with different purposes";
  return false;
}

ProofProblem check_proof(const ConsentProof& p, const ProofPolicyBook& book, std::int64_t received_ms,
                         std::string& detail) {
  if (p.decided_ms < kEarliestMs || p.decided_ms > received_ms + kFutureToleranceMs) {
    detail = "decided: before 2020 or more than a day after it was received";
    return ProofProblem::bad_time;
  }
  const auto it = book.find(p.policy_version);
  if (it == book.end()) {
    detail = "policy " + std::to_string(p.policy_version) + " is not one this service knows";
    return ProofProblem::unknown_policy;
  }
  const ProofPolicy& policy = it->second;
  bool same = p.choices.size() == policy.purposes.size();
  for (std::size_t i = 0; same && i < p.choices.size(); ++i) same = p.choices[i].first == policy.purposes[i];
  if (!same) {
    detail = "choices: not the purposes of policy " + std::to_string(p.policy_version) + ", in order";
    return ProofProblem::wrong_purposes;
  }
  for (const auto& [id, on] : p.choices)
    if (!on && std::find(policy.required.begin(), policy.required.end(), id) != policy.required.end()) {
      detail = "choices: " + id + " is required and cannot be refused";
      return ProofProblem::wrong_purposes;
    }
  return ProofProblem::none;
}

std::string consent_texts_canonical(const ConsentConfig& config, std::string_view lang) {
  const ConsentTexts& t = config.texts_in(lang);
  std::string out;
  for (const std::string* s : {&t.title, &t.body, &t.accept_all, &t.refuse_all, &t.customise, &t.continue_without,
                               &t.save, &t.manage, &t.panel_title, &t.always_on, &t.services_label,
                               &t.cookies_label, &t.policy_link, &t.gpc_notice, &t.no_storage_notice,
                               &t.withdrawn_notice, &t.saved_notice})
    piece(out, *s);
  piece(out, config.policy_url);
  for (const auto& p : config.purposes) {
    piece(out, p.id);
    piece(out, p.name.in(lang));
    piece(out, p.description.in(lang));
    for (const auto& s : p.services) {
      piece(out, s.name_in(lang));
      piece(out, s.policy_url);
      for (const auto& c : s.cookies) piece(out, c);
    }
  }
  return out;
}

}  // namespace passerelle
