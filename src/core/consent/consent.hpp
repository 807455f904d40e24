// consent/consent.hpp — cookie consent as the CNIL wants it (délibérations 2020-091 and 2020-092):
// the configuration a pack declares, the record of a visitor's choice, and the rules that
// decide when the banner shows and what a choice does.
//
// Nothing here touches a cookie, the DOM or ImGui.  The platform reads the cookie and hands
// its value in; a decision hands back what to write (a cookie value and its max-age) and
// what to delete (names of cookies set by services the visitor just refused).  The UI draws
// ConsentManager's state and calls its decisions.  So every rule is tested natively.
//
// Rules:
//  - Before a choice, only `required` purposes are granted.  Continuing to browse is not a
//    choice.  "Continuer sans accepter" is a refusal.
//  - The banner shows when there is no record, it expired (older than retention), its policy
//    version is not the pack's (older: the policy changed; newer: the pack was rolled back),
//    it is dated more than a day in the future, or the cookie is malformed, fails its
//    checksum, or names purposes the pack does not declare (or misses some it declares).  A
//    bad cookie is never an error for the visitor: it is "no choice yet".
//  - Retention defaults to 182 days (6 months) and is capped at 395 days (13 months).
//  - With Global Privacy Control, non-required purposes start refused (the switches are off
//    and the banner says so); the visitor can still accept.
//  - If storage is unavailable, choices hold for the visit (in memory) and the UI says so.
//
// Depends on: base/diagnostic.hpp, the standard library.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// ---------------------------------------------------------------------------------------
// Configuration (content pack, "consent" section)

// A text in several languages: {"fr": "…", "en": "…"}.
struct LocalizedText {
  std::map<std::string, std::string> by_lang;
  // The text in `lang`, else in its primary language ("fr" for "fr-CA"), else in "fr", else
  // the first one, else "".
  const std::string& in(std::string_view lang) const;
};

struct ConsentService {
  std::string name;                  // shown to visitors, e.g. "Lecteur vidéo (démonstration)",
                                     // in the pack's language
  LocalizedText names;               // the name by language (the pack may give a plain string
                                     // — a brand — or {"fr": …, "en": …}); always filled
  std::string policy_url;            // optional, http(s) only
  std::vector<std::string> cookies;  // cookie name patterns it sets; '*' matches any run of chars
  // The name in `lang` (LocalizedText::in's fallbacks), else `name`.
  const std::string& name_in(std::string_view lang) const;
};

struct ConsentPurpose {
  std::string id;                    // "necessary", "audience", "video" … ([a-z0-9_-]{1,32})
  bool required = false;             // strictly necessary: always on, explained, no switch
  LocalizedText name;
  LocalizedText description;
  std::vector<ConsentService> services;
  // Google Consent Mode v2 types this purpose grants ("analytics_storage", "ad_storage",
  // "ad_user_data", "ad_personalization", …), used only if the config enables it.
  std::vector<std::string> google_consent_types;
};

// The widget's words, in one language.  Every field is required in the pack for each
// language it declares.
struct ConsentTexts {
  std::string title;             // "Utilisation des cookies"
  std::string body;              // short plain-language explanation
  std::string accept_all;        // "Tout accepter"
  std::string refuse_all;        // "Tout refuser"
  std::string customise;         // "Personnaliser"
  std::string continue_without;  // "Continuer sans accepter"
  std::string save;              // "Enregistrer"
  std::string manage;            // "Gérer mes cookies"
  std::string panel_title;       // "Paramétrer les cookies"
  std::string always_on;         // "Toujours actif"
  std::string services_label;    // "Services"
  std::string cookies_label;     // "Cookies"
  std::string policy_link;       // "Politique de confidentialité" (shown only with policy_url)
  std::string gpc_notice;        // shown when Global Privacy Control pre-refused purposes
  std::string no_storage_notice; // shown when the choice cannot be remembered
  std::string withdrawn_notice;  // shown after a withdrawal: a reload completes it
  std::string saved_notice;      // announced after a choice
};

struct ConsentConfig {
  int policy_version = 1;            // bump to ask every visitor again
  int retention_days = 182;          // ≤ 395
  std::string policy_url;            // optional, http(s)
  bool google_consent_mode = false;
  std::map<std::string, ConsentTexts> texts;  // by language; must include the pack's lang
  std::vector<ConsentPurpose> purposes;       // in display order; at least one required

  const ConsentPurpose* purpose(std::string_view id) const;
  // lang, else its primary language, else "fr", else the first (by tag); an empty
  // ConsentTexts if there is none.
  const ConsentTexts& texts_in(std::string_view lang) const;
};

inline constexpr int kDefaultRetentionDays = 182;
inline constexpr int kMaxRetentionDays = 395;
// Bounds that keep a record's cookie far below browsers' 4096-byte limit: at most 32
// purposes of at most 32 characters each fit in well under kMaxConsentCookieBytes.
inline constexpr std::size_t kMaxConsentPurposes = 32;
inline constexpr std::size_t kMaxConsentCookieBytes = 2048;

// How long a choice is kept (the cookie's Max-Age): the retention, clamped to 1–395 days.
int consent_max_age_seconds(const ConsentConfig& config);

// ---------------------------------------------------------------------------------------
// The record of one choice, and its cookie form

// The cookie's name, also inside its checksum.  consent-gate.js writes it on http (local
// development); on https it writes kConsentCookieHostName, the same cookie under the
// __Host- prefix (Secure, Path=/, no Domain: only the page's own host can set it).  Both
// names are the choice itself: never a service's cookie to delete.
inline constexpr const char* kConsentCookieName = "passerelle_consent";
inline constexpr const char* kConsentCookieHostName = "__Host-passerelle_consent";

struct ConsentRecord {
  int policy_version = 0;
  std::int64_t time = 0;             // Unix seconds (UTC) of the choice
  std::string id;                    // 32 lowercase hex chars, random, new for each choice
  std::string lang;                  // language the choice was made in
  std::vector<std::pair<std::string, bool>> choices;  // every purpose of the config, in order

  bool granted(std::string_view purpose) const;
  std::string timestamp() const;     // ISO 8601, "2026-11-29T05:20:00Z"
  // {"version":1,"timestamp":"…","id":"…","lang":"fr","choices":{"necessary":true,…}}
  std::string to_json() const;
};

// Cookie value: printable ASCII, no ';' ',' '"' '\\' or spaces, with a checksum so a
// hand-edited value is detected.  Format documented in consent/record.cpp.  Returns "" for a
// record that could not be read back (bad id, language or purpose id, too many purposes):
// whatever encode returns non-empty, decode reads back to the same record.
std::string encode_consent_cookie(const ConsentRecord& r);

enum class CookieProblem { none, empty, malformed, checksum, too_long };
struct DecodedCookie {
  std::optional<ConsentRecord> record;
  CookieProblem problem = CookieProblem::none;
};
DecodedCookie decode_consent_cookie(std::string_view value);

// True if cookie `name` matches `pattern` ('*' = any run of characters, including none).
bool cookie_name_matches(std::string_view pattern, std::string_view name);

// ---------------------------------------------------------------------------------------
// The rules

enum class ConsentView { hidden, banner, panel };

// Why the banner shows (or not), for tests and the UI's notices.
enum class ConsentReason {
  valid_record,       // a valid, current record exists: no banner
  no_record,
  expired,
  outdated_version,
  bad_cookie,         // malformed, checksum, too long
  unknown_purposes,   // names purposes the config lacks, or misses some it has
};

struct ConsentStart {
  std::string_view cookie_value;     // value of passerelle_consent, "" if absent
  std::int64_t now = 0;              // Unix seconds
  bool gpc = false;                  // navigator.globalPrivacyControl
  bool storage_available = true;     // false when cookies are blocked
  std::string lang = "fr";
};

// What the visitor did, as a proof of consent names it (consent/proof.hpp).  A decision that
// refuses a purpose granted before is a withdrawal, whichever button made it.
enum class ConsentAction { accept_all, refuse_all, custom, continue_without, withdraw };

// What the platform must do after a decision.
struct ConsentOutcome {
  ConsentRecord record;
  ConsentAction action = ConsentAction::custom;
  std::string replaces;              // id of the record this decision replaces, "" if none
  std::string cookie_value;          // to write as passerelle_consent; "" if storage unavailable
  int max_age_seconds = 0;           // retention in seconds
  std::vector<std::string> withdrawn;  // purposes granted before this decision, refused now
  bool reload_suggested = false;     // true when something was withdrawn
};

class ConsentManager {
 public:
  explicit ConsentManager(ConsentConfig config);

  void start(const ConsentStart& s);

  const ConsentConfig& config() const { return config_; }
  ConsentView view() const { return view_; }
  ConsentReason reason() const { return reason_; }
  bool gpc_applied() const { return gpc_applied_; }
  bool storage_available() const { return storage_; }
  const std::optional<ConsentRecord>& record() const { return record_; }

  // Effective now: required purposes always; others only with a record that grants them.
  bool granted(std::string_view purpose) const;

  // The panel's switches: pending choices, applied by save().  Required ones stay on.
  bool pending(std::string_view purpose) const;
  void set_pending(std::string_view purpose, bool on);

  void open_panel();     // "Personnaliser" and "Gérer mes cookies": switches show the current state
  // Escape / closing the panel: back to the banner if no choice was made yet, else hidden.
  void close_panel();

  // Decisions.  id: a fresh random id (32 hex chars) from the platform's CSPRNG.
  ConsentOutcome accept_all(std::int64_t now, std::string id);
  ConsentOutcome refuse_all(std::int64_t now, std::string id);
  ConsentOutcome continue_without(std::int64_t now, std::string id);  // a refusal, said as such
  ConsentOutcome save(std::int64_t now, std::string id);        // the pending switches

  // Names among `present` (cookie names of this document) set by services of `purposes`.
  std::vector<std::string> cookies_to_delete(const std::vector<std::string>& purposes,
                                             const std::vector<std::string>& present) const;

 private:
  ConsentOutcome decide(std::int64_t now, std::string id, bool all, bool value, ConsentAction action);

  ConsentConfig config_;
  ConsentView view_ = ConsentView::hidden;
  ConsentReason reason_ = ConsentReason::no_record;
  std::optional<ConsentRecord> record_;
  std::map<std::string, bool, std::less<>> pending_;
  bool gpc_applied_ = false;
  bool storage_ = true;
  std::string lang_ = "fr";
};

}  // namespace passerelle
