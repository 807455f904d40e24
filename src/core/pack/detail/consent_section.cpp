// pack/detail/consent_section.cpp — reads and checks the pack's "consent" section (see pack/detail/consent_section.hpp).
//
// The texts are read first, because their languages are the ones every localized text of the
// section must give (a purpose named in French only would show French in the English panel).
// The rules that keep the banner lawful and the cookie small are checked here, each with its
// own diagnostic:
//   - policy_version: an integer, 1 to 999999999 (it is written in the cookie);
//   - retention_days: 1 to 395 (13 months, the CNIL's limit for keeping a choice);
//   - policy_url and services' policy_url: absolute http: or https: only;
//   - purposes: 1 to kMaxConsentPurposes, ids [a-z0-9_-]{1,32} and unique, at least one
//     required (the consent cookie itself is strictly necessary);
//   - google_consent_types: Google Consent Mode v2's own names, each once;
//   - cookie patterns: cookie-name characters and '*', not only stars, and an optional
//     purpose's pattern must not match the consent cookie (a withdrawal deletes them).
//
// Depends on: pack/detail/consent_section.hpp, pack/detail/reader.hpp, base/url_policy.hpp, consent/consent.hpp, the standard
// library.
#include "core/pack/detail/consent_section.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/base/url_policy.hpp"

namespace passerelle::pack_detail {
namespace {

constexpr std::int64_t kMaxPolicyVersion = 999'999'999;
constexpr std::size_t kMaxServices = 50;
constexpr std::size_t kMaxCookiePatterns = 50;
constexpr std::size_t kMaxPatternBytes = 128;

// Every field of ConsentTexts, by its name in the pack.
struct TextField {
  std::string_view name;
  std::string ConsentTexts::*member;
  const char* what;
};
constexpr TextField kTextFields[] = {
    {"title", &ConsentTexts::title, "the banner's title"},
    {"body", &ConsentTexts::body, "the banner's short explanation"},
    {"accept_all", &ConsentTexts::accept_all, "the \"accept all\" button"},
    {"refuse_all", &ConsentTexts::refuse_all, "the \"refuse all\" button"},
    {"customise", &ConsentTexts::customise, "the button that opens the panel"},
    {"continue_without", &ConsentTexts::continue_without, "the close control, a refusal"},
    {"save", &ConsentTexts::save, "the panel's \"save\" button"},
    {"manage", &ConsentTexts::manage, "the control that reopens the panel"},
    {"panel_title", &ConsentTexts::panel_title, "the panel's title"},
    {"always_on", &ConsentTexts::always_on, "the label of required purposes"},
    {"services_label", &ConsentTexts::services_label, "the label before service names"},
    {"cookies_label", &ConsentTexts::cookies_label, "the label before cookie names"},
    {"policy_link", &ConsentTexts::policy_link, "the text of the link to the policy"},
    {"gpc_notice", &ConsentTexts::gpc_notice, "the notice shown under Global Privacy Control"},
    {"no_storage_notice", &ConsentTexts::no_storage_notice, "the notice shown when cookies are blocked"},
    {"withdrawn_notice", &ConsentTexts::withdrawn_notice, "the notice shown after a withdrawal"},
    {"saved_notice", &ConsentTexts::saved_notice, "the announcement after a choice"},
};

constexpr std::string_view kGoogleTypes[] = {
    "ad_storage",          "ad_user_data",          "ad_personalization", "analytics_storage",
    "functionality_storage", "personalization_storage", "security_storage"};

bool is_purpose_id(std::string_view s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// RFC 6265's cookie-name (an RFC 2616 token: visible ASCII but separators), which includes
// '*', our wildcard.
bool is_pattern_char(char c) {
  if (c <= 0x20 || c >= 0x7F) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

bool starts_with_lower(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_http_url(std::string_view s) {
  return is_safe_link_url(s) && (starts_with_lower(s, "http://") || starts_with_lower(s, "https://"));
}

class ConsentReader {
 public:
  ConsentReader(PackFieldReader& r, std::string_view pack_lang) : r_(r), pack_lang_(pack_lang) {}

  void read(const Json& v, ConsentConfig& c) {
    const std::string p = "/consent";
    if (!r_.expect_object(v, p)) return;
    r_.check_fields(v, p, {"policy_version", "retention_days", "policy_url", "google_consent_mode",
                           "texts", "purposes"});
    if (const Json* n = r_.required(v, p, "policy_version",
                                    "an integer, 1 for the first policy, raised to ask again"))
      read_integer(*n, p + "/policy_version", 1, kMaxPolicyVersion,
                   "an integer from 1 to 999999999", c.policy_version);
    if (const Json* n = r_.optional(v, "retention_days"))
      read_integer(*n, p + "/retention_days", 1, kMaxRetentionDays,
                   "a number of days from 1 to 395 (13 months, the longest the CNIL accepts "
                   "for keeping a consent choice)",
                   c.retention_days);
    if (const Json* u = r_.optional(v, "policy_url")) read_http_url(*u, p + "/policy_url", c.policy_url);
    if (const Json* g = r_.optional(v, "google_consent_mode"))
      r_.read_bool(*g, p + "/google_consent_mode", c.google_consent_mode);
    if (const Json* t = r_.required(v, p, "texts", "the widget's texts by language"))
      read_texts(*t, p + "/texts", c.texts);
    if (const Json* a = r_.required(v, p, "purposes", "an array of purposes"))
      read_purposes(*a, p + "/purposes", c.purposes);
  }

 private:
  // --- values -------------------------------------------------------------------------
  void read_integer(const Json& v, const std::string& p, std::int64_t min, std::int64_t max,
                    const std::string& expected, int& out) {
    std::int64_t n = 0;
    if (!json::as_integer(v, n)) {
      r_.report_value(v.is_number() ? ErrorCode::bad_value : ErrorCode::wrong_type, p, expected,
                      json::describe(v));
      return;
    }
    if (n < min || n > max) {
      r_.report_value(ErrorCode::bad_value, p, expected, json::describe(v));
      return;
    }
    out = static_cast<int>(n);
  }

  bool read_http_url(const Json& v, const std::string& p, std::string& out) {
    std::string s;
    if (!r_.read_plain(v, p, s)) return false;
    if (!is_http_url(s)) {
      r_.report_value(ErrorCode::unsafe_url, p, "an absolute http: or https: address",
                      quote_for_message(s));
      return false;
    }
    out = std::move(s);
    return true;
  }

  // --- texts ----------------------------------------------------------------------------
  void read_texts(const Json& v, const std::string& p, std::map<std::string, ConsentTexts>& out) {
    if (!r_.expect_object(v, p)) return;
    const Json::object_t& o = *json::as_object(v);
    for (const auto& [lang, value] : o) {
      const std::string lp = json::FieldReader::child(p, lang);
      if (!is_language_tag(lang)) {
        r_.report_key(ErrorCode::bad_value, lp, "a language tag such as \"fr\" or \"en\"",
                      quote_for_message(lang));
        continue;
      }
      languages_.push_back(lang);
      if (!r_.expect_object(value, lp)) continue;
      std::vector<std::string_view> names;
      for (const TextField& f : kTextFields) names.push_back(f.name);
      r_.check_fields(value, lp, names);
      ConsentTexts t;
      for (const TextField& f : kTextFields)
        if (const Json* s = r_.required(value, lp, f.name, std::string("a text, ") + f.what))
          r_.read_plain(*s, json::FieldReader::child(lp, f.name), t.*f.member);
      out.emplace(lang, std::move(t));
    }
    if (!pack_lang_.empty() && !json::member(v, pack_lang_))
      r_.report(ErrorCode::missing_field, json::FieldReader::child(p, pack_lang_),
                r_.value_position(p),
                "the texts in the pack's language \"" + std::string(pack_lang_) + "\"",
                o.empty() ? std::string("no language") : "only " + languages_list());
  }

  std::string languages_list() const {
    std::string s;
    for (const std::string& l : languages_) s += (s.empty() ? "\"" : ", \"") + l + "\"";
    return s;
  }

  // The languages every localized text must give: those of the texts, else the pack's.
  std::vector<std::string> wanted_languages() const {
    if (!languages_.empty()) return languages_;
    if (!pack_lang_.empty()) return {std::string(pack_lang_)};
    return {};
  }

  // {"fr": "…", "en": "…"} with exactly the wanted languages.
  bool read_localized(const Json& v, const std::string& p, LocalizedText& out) {
    if (!r_.expect_object(v, p)) return false;
    bool ok = true;
    const std::vector<std::string> wanted = wanted_languages();
    for (const auto& [lang, value] : *json::as_object(v)) {
      const std::string lp = json::FieldReader::child(p, lang);
      if (!is_language_tag(lang)) {
        r_.report_key(ErrorCode::bad_value, lp, "a language tag such as \"fr\" or \"en\"",
                      quote_for_message(lang));
        ok = false;
      } else if (!languages_.empty() &&
                 std::find(languages_.begin(), languages_.end(), lang) == languages_.end()) {
        r_.report_key(ErrorCode::unknown_field, lp,
                      "one of the languages of /consent/texts: " + languages_list(),
                      quote_for_message(lang));
        ok = false;
      } else {
        std::string s;
        if (r_.read_plain(value, lp, s)) out.by_lang[lang] = std::move(s);
        else ok = false;
      }
    }
    for (const std::string& lang : wanted) {
      if (json::member(v, lang)) continue;
      r_.report(ErrorCode::missing_field, json::FieldReader::child(p, lang), r_.value_position(p),
                "a text in \"" + lang + "\" (every language of /consent/texts)",
                "no such field in " + p);
      ok = false;
    }
    return ok;
  }

  // --- purposes ---------------------------------------------------------------------------
  void read_purposes(const Json& v, const std::string& p, std::vector<ConsentPurpose>& out) {
    const Json::array_t* a = r_.read_array(v, p, false, kMaxConsentPurposes);
    if (!a) return;
    bool any_required = false;
    std::vector<std::string> ids, id_pointers;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string pp = json::FieldReader::child(p, i);
      const Json& item = (*a)[i];
      if (!r_.expect_object(item, pp)) continue;
      r_.check_fields(item, pp, {"id", "required", "name", "description", "services",
                                 "google_consent_types"});
      ConsentPurpose purpose;
      if (const Json* req = r_.optional(item, "required"))
        r_.read_bool(*req, pp + "/required", purpose.required);
      any_required = any_required || purpose.required;
      if (const Json* id = r_.required(item, pp, "id", "a short id such as \"audience\"")) {
        std::string s;
        if (r_.read_plain(*id, pp + "/id", s)) {
          const auto seen = std::find(ids.begin(), ids.end(), s);
          if (!is_purpose_id(s))
            r_.report_value(ErrorCode::bad_value, pp + "/id",
                            "lowercase letters a-z, digits, '_' or '-', at most 32, such as "
                            "\"audience\"",
                            quote_for_message(s));
          else if (seen != ids.end())
            r_.report_value(ErrorCode::duplicate_id, pp + "/id", "an id used by no other purpose",
                            quote_for_message(s) + ", already the id of " +
                                id_pointers[static_cast<std::size_t>(seen - ids.begin())]);
          else {
            ids.push_back(s);
            id_pointers.push_back(pp);
          }
          purpose.id = std::move(s);
        }
      }
      if (const Json* n = r_.required(item, pp, "name", "the purpose's name by language"))
        read_localized(*n, pp + "/name", purpose.name);
      if (const Json* d = r_.required(item, pp, "description", "what the purpose is for, by language"))
        read_localized(*d, pp + "/description", purpose.description);
      if (const Json* s = r_.optional(item, "services"))
        read_services(*s, pp + "/services", purpose.required, purpose.services);
      if (const Json* g = r_.optional(item, "google_consent_types"))
        read_google_types(*g, pp + "/google_consent_types", purpose.google_consent_types);
      out.push_back(std::move(purpose));
    }
    if (!any_required)
      r_.report_value(ErrorCode::bad_value, p,
                      "at least one purpose with \"required\": true (the strictly necessary "
                      "cookies, which include the one that remembers the choice)",
                      "no required purpose");
  }

  void read_services(const Json& v, const std::string& p, bool required,
                     std::vector<ConsentService>& out) {
    const Json::array_t* a = r_.read_array(v, p, true, kMaxServices);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string sp = json::FieldReader::child(p, i);
      const Json& item = (*a)[i];
      if (!r_.expect_object(item, sp)) continue;
      r_.check_fields(item, sp, {"name", "policy_url", "cookies"});
      ConsentService s;
      if (const Json* n = r_.required(item, sp, "name", "the service's name, a text or a text by language"))
        read_service_name(*n, sp + "/name", s);
      if (const Json* u = r_.optional(item, "policy_url")) read_http_url(*u, sp + "/policy_url", s.policy_url);
      if (const Json* c = r_.optional(item, "cookies"))
        read_cookie_patterns(*c, sp + "/cookies", required, s.cookies);
      out.push_back(std::move(s));
    }
  }

  // A brand ("Passerelle") is one string for every language; a description-like name is
  // given by language.
  void read_service_name(const Json& v, const std::string& p, ConsentService& s) {
    if (json::as_object(v)) {
      if (!read_localized(v, p, s.names)) return;
      s.name = s.names.in(pack_lang_);
      return;
    }
    if (!json::as_string(v)) {
      r_.report_value(ErrorCode::wrong_type, p, "a text, or an object of texts by language",
                      json::describe(v));
      return;
    }
    if (!r_.read_plain(v, p, s.name)) return;
    for (const std::string& lang : wanted_languages()) s.names.by_lang[lang] = s.name;
  }

  void read_cookie_patterns(const Json& v, const std::string& p, bool required,
                            std::vector<std::string>& out) {
    const Json::array_t* a = r_.read_array(v, p, true, kMaxCookiePatterns);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string cp = json::FieldReader::child(p, i);
      std::string s;
      if (!r_.read_plain((*a)[i], cp, s)) continue;
      const bool chars_ok = s.size() <= kMaxPatternBytes && std::all_of(s.begin(), s.end(), is_pattern_char);
      if (!chars_ok) {
        r_.report_value(ErrorCode::bad_value, cp,
                        "a cookie name of at most 128 characters (letters, digits and "
                        "!#$%&'*+-.^_`|~, no spaces), where * stands for any characters",
                        quote_for_message(s));
      } else if (s.find_first_not_of('*') == std::string::npos) {
        r_.report_value(ErrorCode::bad_value, cp,
                        "a pattern with at least one character besides * (\"*\" alone would "
                        "delete every cookie of the site)",
                        quote_for_message(s));
      } else if (!required && (cookie_name_matches(s, kConsentCookieName) ||
                               cookie_name_matches(s, kConsentCookieHostName))) {
        r_.report_value(ErrorCode::bad_value, cp,
                        std::string("a pattern that does not match ") + kConsentCookieName + " or " +
                            kConsentCookieHostName + " (the cookie that remembers the choice belongs to a required "
                            "purpose)",
                        quote_for_message(s));
      } else {
        out.push_back(std::move(s));
      }
    }
  }

  void read_google_types(const Json& v, const std::string& p, std::vector<std::string>& out) {
    const Json::array_t* a = r_.read_array(v, p, true, std::size(kGoogleTypes));
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string gp = json::FieldReader::child(p, i);
      const std::string* s = r_.expect_string((*a)[i], gp);
      if (!s) continue;
      if (std::find(std::begin(kGoogleTypes), std::end(kGoogleTypes), *s) == std::end(kGoogleTypes)) {
        r_.report_value(ErrorCode::bad_value, gp,
                        "one of: " + json::join(std::vector<std::string_view>(std::begin(kGoogleTypes),
                                                                        std::end(kGoogleTypes))),
                        quote_for_message(*s));
      } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
        r_.report_value(ErrorCode::duplicate_id, gp, "each type once", quote_for_message(*s));
      } else {
        out.push_back(*s);
      }
    }
  }

  PackFieldReader& r_;
  std::string_view pack_lang_;
  std::vector<std::string> languages_;  // of /consent/texts, in order, valid tags only
};

}  // namespace

std::optional<ConsentConfig> read_consent(PackFieldReader& r, const Json& v, std::string_view pack_lang) {
  const std::size_t before = r.error_count();
  ConsentConfig c;
  ConsentReader(r, pack_lang).read(v, c);
  if (r.error_count() != before) return std::nullopt;
  return c;
}

}  // namespace passerelle::pack_detail
