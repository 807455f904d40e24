// consent/manager.cpp — the consent rules: when the banner shows, what each decision records,
// what a withdrawal must delete (see consent/consent.hpp for the rules themselves).
//
// State, and how each call moves it:
//
//   start()        valid record  → view hidden, pending = the record's choices
//                  otherwise     → view banner, pending = everything optional off (no
//                                  pre-ticked boxes, CNIL); gpc_applied() when GPC is on
//   open_panel()   → view panel, pending = what is granted now
//   set_pending()  → a switch moves (required purposes and unknown ids are ignored)
//   close_panel()  → banner without a valid record, else hidden; pending back to what is
//                    granted (unsaved switches are dropped)
//   accept_all() / refuse_all() / save()
//                  → a new record (kept in memory even without storage), view hidden,
//                    pending = the record, withdrawn = granted before and refused now
//
// Checks on a stored record, in this order (the first that fails names the reason):
//   unreadable (empty / malformed / checksum / too long) → no_record or bad_cookie;
//   dated more than a day after now (a clock cannot drift that far) → bad_cookie;
//   policy version other than the pack's → outdated_version (older: the policy changed;
//     newer: the pack was rolled back, and the visitor never saw this version);
//   purposes not exactly the pack's → unknown_purposes;
//   older than retention (now - time > retention_days × 86400) → expired.
// A record that refuses a purpose the pack now marks required is still valid: required
// purposes are granted whatever a record says.
//
// Depends on: consent/consent.hpp, the standard library.
#include "core/consent/consent.hpp"

#include <algorithm>

namespace passerelle {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kFutureTolerance = kDay;

int clamped_retention_days(int days) {
  return std::clamp(days, 1, kMaxRetentionDays);
}

}  // namespace

int consent_max_age_seconds(const ConsentConfig& config) {
  return clamped_retention_days(config.retention_days) * static_cast<int>(kDay);
}

namespace {

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The platform gives a fresh CSPRNG id.  Should it give something else (a bug), the record
// must still be writable and readable: uppercase hex is lowered, and anything else is
// replaced by a digest of what was given and when (unique enough to tell choices apart, not
// random — the platform's id is what makes it unpredictable).
std::string normalised_id(std::string id, std::int64_t now) {
  for (char& c : id)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  if (id.size() == 32 && std::all_of(id.begin(), id.end(), is_lower_hex)) return id;
  std::uint64_t h = 14695981039346656037ull;
  const auto mix = [&h](unsigned char b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  for (const char c : id) mix(static_cast<unsigned char>(c));
  for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(static_cast<std::uint64_t>(now) >> (8 * i)));
  std::string out(32, '0');
  for (std::size_t i = 0; i < 32; ++i) {
    if (i == 16) mix(0x5A);  // a second half that is not a copy of the first
    out[i] = "0123456789abcdef"[(h >> (4 * (i % 16))) & 0xF];
  }
  return out;
}

// The pack's simplified language tag check, for the language a record is made in.
bool is_language_tag(std::string_view s) {
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (s.size() > 35) return false;
  std::size_t i = 0;
  while (i < s.size() && alpha(s[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < s.size() && (alpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

// The record names exactly the config's purposes (any order, none twice: decode refuses
// duplicates).
bool same_purposes(const ConsentRecord& r, const ConsentConfig& c) {
  if (r.choices.size() != c.purposes.size()) return false;
  for (const auto& [id, on] : r.choices)
    if (!c.purpose(id)) return false;
  return true;
}

}  // namespace

bool cookie_name_matches(std::string_view pattern, std::string_view name) {
  // Greedy matching with one backtrack point (the last '*'): O(|pattern| × |name|) at worst,
  // no recursion.
  std::size_t p = 0, n = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

ConsentManager::ConsentManager(ConsentConfig config) : config_(std::move(config)) {
  for (const ConsentPurpose& p : config_.purposes) pending_[p.id] = p.required;
}

void ConsentManager::start(const ConsentStart& s) {
  storage_ = s.storage_available;
  if (is_language_tag(s.lang)) lang_ = s.lang;
  else if (config_.texts.empty() || config_.texts.count("fr")) lang_ = "fr";
  else lang_ = config_.texts.begin()->first;
  record_.reset();
  gpc_applied_ = false;

  DecodedCookie d = decode_consent_cookie(s.cookie_value);
  if (d.problem == CookieProblem::empty) reason_ = ConsentReason::no_record;
  else if (!d.record) reason_ = ConsentReason::bad_cookie;
  else if (d.record->time > s.now + kFutureTolerance) reason_ = ConsentReason::bad_cookie;
  else if (d.record->policy_version != config_.policy_version) reason_ = ConsentReason::outdated_version;
  else if (!same_purposes(*d.record, config_)) reason_ = ConsentReason::unknown_purposes;
  else if (s.now - d.record->time > std::int64_t{clamped_retention_days(config_.retention_days)} * kDay)
    reason_ = ConsentReason::expired;
  else reason_ = ConsentReason::valid_record;

  if (reason_ == ConsentReason::valid_record) {
    record_ = std::move(d.record);
    view_ = ConsentView::hidden;
  } else {
    view_ = ConsentView::banner;
    gpc_applied_ = s.gpc;
  }
  for (const ConsentPurpose& p : config_.purposes) pending_[p.id] = granted(p.id);
}

bool ConsentManager::granted(std::string_view purpose) const {
  const ConsentPurpose* p = config_.purpose(purpose);
  if (!p) return false;
  if (p->required) return true;
  return record_ && record_->granted(purpose);
}

bool ConsentManager::pending(std::string_view purpose) const {
  const ConsentPurpose* p = config_.purpose(purpose);
  if (!p) return false;
  if (p->required) return true;
  const auto it = pending_.find(purpose);
  return it != pending_.end() && it->second;
}

void ConsentManager::set_pending(std::string_view purpose, bool on) {
  const ConsentPurpose* p = config_.purpose(purpose);
  if (!p || p->required) return;
  pending_[p->id] = on;
}

void ConsentManager::open_panel() {
  for (const ConsentPurpose& p : config_.purposes) pending_[p.id] = granted(p.id);
  view_ = ConsentView::panel;
}

void ConsentManager::close_panel() {
  for (const ConsentPurpose& p : config_.purposes) pending_[p.id] = granted(p.id);
  view_ = record_ ? ConsentView::hidden : ConsentView::banner;
}

ConsentOutcome ConsentManager::accept_all(std::int64_t now, std::string id) {
  return decide(now, std::move(id), true, true, ConsentAction::accept_all);
}

ConsentOutcome ConsentManager::refuse_all(std::int64_t now, std::string id) {
  return decide(now, std::move(id), true, false, ConsentAction::refuse_all);
}

ConsentOutcome ConsentManager::continue_without(std::int64_t now, std::string id) {
  return decide(now, std::move(id), true, false, ConsentAction::continue_without);
}

ConsentOutcome ConsentManager::save(std::int64_t now, std::string id) {
  return decide(now, std::move(id), false, false, ConsentAction::custom);
}

ConsentOutcome ConsentManager::decide(std::int64_t now, std::string id, bool all, bool value,
                                      ConsentAction action) {
  ConsentOutcome out;
  if (record_) out.replaces = record_->id;
  ConsentRecord& r = out.record;
  r.policy_version = config_.policy_version;
  r.time = now;
  r.id = normalised_id(std::move(id), now);
  r.lang = lang_;
  for (const ConsentPurpose& p : config_.purposes) {
    const bool on = p.required || (all ? value : pending(p.id));
    if (!on && granted(p.id)) out.withdrawn.push_back(p.id);
    r.choices.emplace_back(p.id, on);
  }
  out.reload_suggested = !out.withdrawn.empty();
  out.action = out.withdrawn.empty() ? action : ConsentAction::withdraw;
  out.max_age_seconds = consent_max_age_seconds(config_);
  if (storage_) out.cookie_value = encode_consent_cookie(r);

  record_ = r;
  reason_ = ConsentReason::valid_record;
  view_ = ConsentView::hidden;
  gpc_applied_ = false;
  for (const ConsentPurpose& p : config_.purposes) pending_[p.id] = granted(p.id);
  return out;
}

std::vector<std::string> ConsentManager::cookies_to_delete(
    const std::vector<std::string>& purposes, const std::vector<std::string>& present) const {
  std::vector<std::string> out;
  for (const std::string& name : present) {
    if (name == kConsentCookieName || name == kConsentCookieHostName) continue;  // the choice itself stays
    if (std::find(out.begin(), out.end(), name) != out.end()) continue;
    bool match = false;
    for (const std::string& id : purposes) {
      const ConsentPurpose* p = config_.purpose(id);
      if (!p || p->required) continue;  // strictly necessary cookies stay
      for (const ConsentService& s : p->services)
        for (const std::string& pattern : s.cookies)
          match = match || cookie_name_matches(pattern, name);
    }
    if (match) out.push_back(name);
  }
  return out;
}

}  // namespace passerelle
