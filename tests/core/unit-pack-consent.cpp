// unit-pack-consent.cpp — the pack's "consent" section: the real pack's section reads (in
// French and English, with the CNIL's wording), and each mistake an editor can make in it is
// reported with its code and JSON pointer.
//
// Depends on: core/pack/pack.hpp, core/pack/visible_text.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/pack/pack.hpp"
#include "core/pack/visible_text.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

constexpr const char* kTextFields[] = {
    "title",          "body",          "accept_all",    "refuse_all",       "customise",
    "continue_without", "save",        "manage",        "panel_title",      "always_on",
    "services_label", "cookies_label", "policy_link",   "gpc_notice",       "no_storage_notice",
    "withdrawn_notice", "saved_notice"};

std::string texts_object(const std::string& lang) {
  std::string out = "{";
  for (const char* f : kTextFields) {
    if (out.size() > 1) out += ", ";
    out += "\"" + std::string(f) + "\": \"" + f + " " + lang + "\"";
  }
  return out + "}";
}

// A small valid consent section; tests replace parts of it.
std::string consent_section() {
  return R"({"policy_version": 1, "retention_days": 182,
    "texts": {"fr": )" + texts_object("fr") + R"(, "en": )" + texts_object("en") + R"json(},
    "purposes": [
      {"id": "necessary", "required": true,
       "name": {"fr": "Nécessaires", "en": "Necessary"},
       "description": {"fr": "Retient le choix.", "en": "Remembers the choice."},
       "services": [{"name": "Passerelle", "cookies": ["passerelle_consent"]}]},
      {"id": "audience",
       "name": {"fr": "Audience", "en": "Audience"},
       "description": {"fr": "Mesure.", "en": "Measures."},
       "services": [{"name": {"fr": "Mesure (démo)", "en": "Measure (demo)"}, "cookies": ["_pk_*"]}],
       "google_consent_types": ["analytics_storage"]}
    ]})json";
}

std::string pack_with_consent(const std::string& consent) {
  return R"({"format": 1, "lang": "fr", "site": {"name": "S"}, "page": {)" +
         std::string(kMinimalPage) + "}, \"consent\": " + consent + "}";
}

// s with its only (first) `from` replaced; fails the test if there is none.
std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << "no " << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

PackResult parse_with(const std::string& from, const std::string& to) {
  return parse_pack(pack_with_consent(replaced(consent_section(), from, to)), "c.json");
}

// The one error the change causes, with its code and pointer.
void expect_error(const PackResult& r, ErrorCode code, const std::string& pointer) {
  ASSERT_FALSE(r.ok());
  const Diagnostic* d = find_error(r, code);
  ASSERT_NE(d, nullptr) << format_all(r.errors);
  EXPECT_EQ(d->pointer, pointer) << format_all(r.errors);
  EXPECT_GT(d->line, 0) << format(*d);
}

const ConsentConfig& real_consent() {
  static const PackResult r =
      parse_pack(read_file(source_path("content/international.fr.json")), "international.fr.json");
  EXPECT_TRUE(r.ok()) << format_all(r.errors);
  static const ConsentConfig empty;
  return r.ok() && r.pack->consent ? *r.pack->consent : empty;
}

}  // namespace

// --- the real pack ----------------------------------------------------------------------------

TEST(PackConsent, RealPackDeclaresThePurposesAndSettings) {
  const ConsentConfig& c = real_consent();
  EXPECT_EQ(c.policy_version, 1);
  EXPECT_EQ(c.retention_days, 182);
  EXPECT_TRUE(c.policy_url.empty());  // no known policy address
  EXPECT_FALSE(c.google_consent_mode);
  ASSERT_EQ(c.purposes.size(), 3u);
  EXPECT_EQ(c.purposes[0].id, "necessary");
  EXPECT_TRUE(c.purposes[0].required);
  EXPECT_EQ(c.purposes[1].id, "audience");
  EXPECT_FALSE(c.purposes[1].required);
  EXPECT_EQ(c.purposes[2].id, "video");
  ASSERT_EQ(c.purposes[0].services.size(), 1u);
  EXPECT_EQ(c.purposes[0].services[0].name, "Passerelle");
  EXPECT_EQ(c.purposes[0].services[0].cookies, std::vector<std::string>{"passerelle_consent"});
  ASSERT_EQ(c.purposes[1].services.size(), 1u);
  EXPECT_EQ(c.purposes[1].services[0].cookies, (std::vector<std::string>{"_pk_*", "_demo_audience*"}));
  EXPECT_EQ(c.purposes[1].google_consent_types, std::vector<std::string>{"analytics_storage"});
  ASSERT_EQ(c.purposes[2].services.size(), 1u);
  EXPECT_EQ(c.purposes[2].services[0].cookies, std::vector<std::string>{"_demo_video*"});
}

TEST(PackConsent, RealPackSaysItsDemonstrationServicesAreDemonstrations) {
  const ConsentConfig& c = real_consent();
  ASSERT_EQ(c.purposes.size(), 3u);
  for (std::size_t i = 1; i < 3; ++i) {
    const ConsentService& s = c.purposes[i].services.at(0);
    EXPECT_NE(s.name_in("fr").find("(démonstration)"), std::string::npos) << s.name;
    EXPECT_NE(s.name_in("en").find("(demonstration)"), std::string::npos) << s.name_in("en");
    EXPECT_EQ(s.name, s.name_in("fr"));
  }
}

TEST(PackConsent, RealPackHasTheCnilButtonsInFrenchAndEnglish) {
  const ConsentConfig& c = real_consent();
  ASSERT_TRUE(c.texts.count("fr") && c.texts.count("en"));
  const ConsentTexts& fr = c.texts.at("fr");
  EXPECT_EQ(fr.title, "Utilisation des cookies");
  EXPECT_EQ(fr.accept_all, "Tout accepter");
  EXPECT_EQ(fr.refuse_all, "Tout refuser");
  EXPECT_EQ(fr.customise, "Personnaliser");
  EXPECT_EQ(fr.continue_without, "Continuer sans accepter");
  EXPECT_EQ(fr.save, "Enregistrer");
  EXPECT_EQ(fr.manage, "Gérer mes cookies");
  const ConsentTexts& en = c.texts.at("en");
  EXPECT_EQ(en.title, "Use of cookies");
  EXPECT_EQ(en.accept_all, "Accept all");
  EXPECT_EQ(en.refuse_all, "Refuse all");
  EXPECT_EQ(en.customise, "Customise");
  EXPECT_EQ(en.continue_without, "Continue without accepting");
  EXPECT_EQ(en.save, "Save");
  EXPECT_EQ(en.manage, "Manage cookies");
  EXPECT_EQ(&c.texts_in("fr-CA"), &fr);
  EXPECT_EQ(&c.texts_in("de"), &fr);
}

TEST(PackConsent, RealPackDropsTheOldBrowsingMeansConsentNotice) {
  const ConsentConfig& c = real_consent();
  for (const auto& [lang, t] : c.texts) {
    EXPECT_EQ(t.body.find("poursuivant"), std::string::npos) << lang;
    EXPECT_EQ(t.body.find("continuing"), std::string::npos) << lang;
  }
}

TEST(PackConsent, RealPackFrenchTextsKeepFrenchTypography) {
  const ConsentConfig& c = real_consent();
  std::string fr;
  for (const std::string* s : {&c.texts.at("fr").body, &c.texts.at("fr").gpc_notice,
                               &c.texts.at("fr").no_storage_notice, &c.texts.at("fr").withdrawn_notice})
    fr += *s + " ";
  for (const ConsentPurpose& p : c.purposes) fr += p.name.in("fr") + " " + p.description.in("fr") + " ";
  EXPECT_EQ(fr.find('\''), std::string::npos) << "straight apostrophe";
  for (const char* bad : {" :", " ;", " !", " ?", "« ", " »"}) EXPECT_EQ(fr.find(bad), std::string::npos) << bad;
  EXPECT_NE(fr.find("\xC2\xAB\xC2\xA0"), std::string::npos);  // «NBSP
}

TEST(PackConsent, ConsentTextsReachTheGlyphAtlas) {
  const PackResult r = parse_pack(read_file(source_path("content/international.fr.json")), "p");
  ASSERT_TRUE(r.ok());
  const std::string text = visible_text(*r.pack);
  EXPECT_NE(text.find("Continuer sans accepter"), std::string::npos);
  EXPECT_NE(text.find("Continue without accepting"), std::string::npos);
  EXPECT_NE(text.find("Lecteur vidéo (démonstration)"), std::string::npos);
  EXPECT_NE(text.find("_demo_video*"), std::string::npos);
}

// --- a small section ----------------------------------------------------------------------

TEST(PackConsent, MinimalSectionReadsWithDefaults) {
  const PackResult r = parse_pack(pack_with_consent(R"({"policy_version": 2,
      "texts": {"fr": )" + texts_object("fr") + R"(},
      "purposes": [{"id": "n", "required": true, "name": {"fr": "N"}, "description": {"fr": "D"}}]})"),
                                  "m.json");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  ASSERT_TRUE(r.pack->consent);
  EXPECT_EQ(r.pack->consent->policy_version, 2);
  EXPECT_EQ(r.pack->consent->retention_days, kDefaultRetentionDays);
  EXPECT_FALSE(r.pack->consent->google_consent_mode);
  EXPECT_TRUE(r.pack->consent->purposes[0].services.empty());
  EXPECT_EQ(r.pack->consent->texts.at("fr").saved_notice, "saved_notice fr");
}

TEST(PackConsent, SampleSectionReads) {
  const PackResult r = parse_pack(pack_with_consent(consent_section()), "c.json");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  const ConsentConfig& c = *r.pack->consent;
  const ConsentService& brand = c.purposes[0].services[0];
  EXPECT_EQ(brand.name_in("en"), "Passerelle");  // one name for every language
  const ConsentService& demo = c.purposes[1].services[0];
  EXPECT_EQ(demo.name, "Mesure (démo)");
  EXPECT_EQ(demo.name_in("en"), "Measure (demo)");
}

TEST(PackConsent, PackWithoutSectionHasNoConsent) {
  const PackResult r = parse_pack(pack_with_page(kMinimalPage), "p.json");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.pack->consent);
}

TEST(PackConsent, SectionMustBeAnObject) {
  expect_error(parse_pack(pack_with_consent("[]"), "c.json"), ErrorCode::wrong_type, "/consent");
}

TEST(PackConsent, UnknownFieldIsReported) {
  expect_error(parse_with("\"policy_version\": 1", "\"policy_version\": 1, \"colour\": \"red\""),
               ErrorCode::unknown_field, "/consent/colour");
}

// --- settings -----------------------------------------------------------------------------

TEST(PackConsent, PolicyVersionIsRequired) {
  expect_error(parse_with("\"policy_version\": 1, ", ""), ErrorCode::missing_field,
               "/consent/policy_version");
}

TEST(PackConsent, PolicyVersionMustBeAnIntegerFromOne) {
  expect_error(parse_with("\"policy_version\": 1", "\"policy_version\": 0"), ErrorCode::bad_value,
               "/consent/policy_version");
  expect_error(parse_with("\"policy_version\": 1", "\"policy_version\": 1.5"), ErrorCode::bad_value,
               "/consent/policy_version");
  expect_error(parse_with("\"policy_version\": 1", "\"policy_version\": \"1\""),
               ErrorCode::wrong_type, "/consent/policy_version");
  expect_error(parse_with("\"policy_version\": 1", "\"policy_version\": 1000000000"),
               ErrorCode::bad_value, "/consent/policy_version");
}

TEST(PackConsent, RetentionAboveThirteenMonthsNamesTheCnilLimit) {
  const PackResult r = parse_with("\"retention_days\": 182", "\"retention_days\": 396");
  expect_error(r, ErrorCode::bad_value, "/consent/retention_days");
  const Diagnostic* d = find_error(r, ErrorCode::bad_value);
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->expected.find("13 months"), std::string::npos) << d->expected;
  EXPECT_NE(d->expected.find("CNIL"), std::string::npos) << d->expected;
  EXPECT_TRUE(parse_with("\"retention_days\": 182", "\"retention_days\": 395").ok());
}

TEST(PackConsent, RetentionMustBeAtLeastOneDay) {
  expect_error(parse_with("\"retention_days\": 182", "\"retention_days\": 0"), ErrorCode::bad_value,
               "/consent/retention_days");
  expect_error(parse_with("\"retention_days\": 182", "\"retention_days\": true"),
               ErrorCode::wrong_type, "/consent/retention_days");
}

TEST(PackConsent, PolicyUrlMustBeHttpOrHttps) {
  EXPECT_TRUE(parse_with("\"retention_days\": 182",
                         "\"retention_days\": 182, \"policy_url\": \"https://example.org/p\"")
                  .ok());
  for (const char* bad : {"mailto:dpo@example.org", "javascript:alert(1)", "/politique", "//x.org"})
    expect_error(parse_with("\"retention_days\": 182", "\"retention_days\": 182, \"policy_url\": \"" +
                                                           std::string(bad) + "\""),
                 ErrorCode::unsafe_url, "/consent/policy_url");
}

TEST(PackConsent, GoogleConsentModeIsABoolean) {
  expect_error(parse_with("\"retention_days\": 182", "\"retention_days\": 182, \"google_consent_mode\": 1"),
               ErrorCode::wrong_type, "/consent/google_consent_mode");
  const PackResult r = parse_with("\"retention_days\": 182",
                                  "\"retention_days\": 182, \"google_consent_mode\": true");
  ASSERT_TRUE(r.ok()) << format_all(r.errors);
  EXPECT_TRUE(r.pack->consent->google_consent_mode);
}

// --- texts ------------------------------------------------------------------------------------

TEST(PackConsent, EveryTextFieldIsRequired) {
  expect_error(parse_with("\"save\": \"save en\", ", ""), ErrorCode::missing_field,
               "/consent/texts/en/save");
}

TEST(PackConsent, UnknownTextFieldIsReported) {
  expect_error(parse_with("\"title\": \"title fr\"", "\"title\": \"title fr\", \"colour\": \"x\""),
               ErrorCode::unknown_field, "/consent/texts/fr/colour");
}

TEST(PackConsent, TextsMustIncludeThePacksLanguage) {
  const std::string consent =
      replaced(consent_section(), "\"fr\": " + texts_object("fr") + ", ", "");
  const PackResult r = parse_pack(pack_with_consent(consent), "c.json");
  expect_error(r, ErrorCode::missing_field, "/consent/texts/fr");
}

TEST(PackConsent, TextsLanguagesMustBeLanguageTags) {
  expect_error(parse_with("\"en\": {", "\"english\": {"), ErrorCode::bad_value,
               "/consent/texts/english");
}

TEST(PackConsent, BlankTextIsReported) {
  expect_error(parse_with("\"title\": \"title fr\"", "\"title\": \" \""), ErrorCode::empty_value,
               "/consent/texts/fr/title");
}

// --- purposes -------------------------------------------------------------------------------

TEST(PackConsent, PurposesMustNotBeEmpty) {
  const std::string s = consent_section();
  const std::string consent = s.substr(0, s.find("\"purposes\"")) + "\"purposes\": []}";
  expect_error(parse_pack(pack_with_consent(consent), "c.json"), ErrorCode::empty_value,
               "/consent/purposes");
}

TEST(PackConsent, AtMostThirtyTwoPurposes) {
  std::string purposes;
  for (int i = 0; i < 33; ++i)
    purposes += (i ? "," : "") + std::string(R"({"id": "p)") + std::to_string(i) +
                R"(", "required": true, "name": {"fr": "N", "en": "N"}, "description": {"fr": "D", "en": "D"}})";
  const std::string s = consent_section();
  const std::string consent = s.substr(0, s.find("\"purposes\"")) + "\"purposes\": [" + purposes + "]}";
  expect_error(parse_pack(pack_with_consent(consent), "c.json"), ErrorCode::too_many_items,
               "/consent/purposes");
}

TEST(PackConsent, PurposeIdsAreUnique) {
  expect_error(parse_with("\"id\": \"audience\"", "\"id\": \"necessary\""), ErrorCode::duplicate_id,
               "/consent/purposes/1/id");
}

TEST(PackConsent, PurposeIdsUseLowercaseLettersDigitsAndDashes) {
  for (const char* bad : {"Audience", "audience measure", "audience.x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    expect_error(parse_with("\"id\": \"audience\"", "\"id\": \"" + std::string(bad) + "\""),
                 ErrorCode::bad_value, "/consent/purposes/1/id");
  EXPECT_TRUE(parse_with("\"id\": \"audience\"", "\"id\": \"audience_2-b\"").ok());
}

TEST(PackConsent, AtLeastOnePurposeIsRequired) {
  expect_error(parse_with("\"required\": true", "\"required\": false"), ErrorCode::bad_value,
               "/consent/purposes");
}

TEST(PackConsent, RequiredIsABoolean) {
  expect_error(parse_with("\"required\": true", "\"required\": \"yes\""), ErrorCode::wrong_type,
               "/consent/purposes/0/required");
}

TEST(PackConsent, PurposeNeedsANameAndADescription) {
  expect_error(parse_with("\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\"},", ""),
               ErrorCode::missing_field, "/consent/purposes/1/name");
  expect_error(parse_with("\"description\": {\"fr\": \"Mesure.\", \"en\": \"Measures.\"},", ""),
               ErrorCode::missing_field, "/consent/purposes/1/description");
}

TEST(PackConsent, LocalizedTextsAreObjectsByLanguage) {
  expect_error(parse_with("\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\"}", "\"name\": \"Audience\""),
               ErrorCode::wrong_type, "/consent/purposes/1/name");
}

TEST(PackConsent, LocalizedTextsGiveEveryLanguageOfTheTexts) {
  expect_error(parse_with("\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\"}",
                          "\"name\": {\"fr\": \"Audience\"}"),
               ErrorCode::missing_field, "/consent/purposes/1/name/en");
}

TEST(PackConsent, LocalizedTextsGiveNoOtherLanguage) {
  expect_error(parse_with("\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\"}",
                          "\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\", \"de\": \"Publikum\"}"),
               ErrorCode::unknown_field, "/consent/purposes/1/name/de");
}

TEST(PackConsent, LocalizedTextKeysAreLanguageTags) {
  expect_error(parse_with("\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\"}",
                          "\"name\": {\"fr\": \"Audience\", \"en\": \"Audience\", \"x y\": \"?\"}"),
               ErrorCode::bad_value, "/consent/purposes/1/name/x y");
}

TEST(PackConsent, UnknownPurposeFieldIsReported) {
  expect_error(parse_with("\"id\": \"audience\"", "\"id\": \"audience\", \"default\": true"),
               ErrorCode::unknown_field, "/consent/purposes/1/default");
}

// --- services and cookies ----------------------------------------------------------------

TEST(PackConsent, ServiceNeedsAName) {
  expect_error(parse_with("{\"name\": \"Passerelle\", ", "{"), ErrorCode::missing_field,
               "/consent/purposes/0/services/0/name");
  expect_error(parse_with("\"name\": \"Passerelle\"", "\"name\": 7"), ErrorCode::wrong_type,
               "/consent/purposes/0/services/0/name");
}

TEST(PackConsent, LocalizedServiceNameGivesEveryLanguage) {
  expect_error(parse_with("\"en\": \"Measure (demo)\"", "\"de\": \"Messung\""), ErrorCode::unknown_field,
               "/consent/purposes/1/services/0/name/de");
}

TEST(PackConsent, ServicePolicyUrlMustBeHttpOrHttps) {
  expect_error(parse_with("\"name\": \"Passerelle\"", "\"name\": \"Passerelle\", \"policy_url\": \"ftp://x\""),
               ErrorCode::unsafe_url, "/consent/purposes/0/services/0/policy_url");
}

TEST(PackConsent, CookiePatternsUseCookieNameCharacters) {
  for (const char* bad : {"_pk id", "_pk;x", "a=b", "\xC3\xA9t\xC3\xA9"})
    expect_error(parse_with("\"_pk_*\"", "\"" + std::string(bad) + "\""), ErrorCode::bad_value,
                 "/consent/purposes/1/services/0/cookies/0");
  EXPECT_TRUE(parse_with("\"_pk_*\"", "\"_pk_*.ses*\"").ok());
}

TEST(PackConsent, CookiePatternMustNotBeOnlyStars) {
  expect_error(parse_with("\"_pk_*\"", "\"**\""), ErrorCode::bad_value,
               "/consent/purposes/1/services/0/cookies/0");
}

TEST(PackConsent, CookiePatternMustNotBeEmpty) {
  expect_error(parse_with("\"_pk_*\"", "\"\""), ErrorCode::empty_value,
               "/consent/purposes/1/services/0/cookies/0");
}

TEST(PackConsent, OptionalPurposesCannotClaimTheConsentCookie) {
  expect_error(parse_with("\"_pk_*\"", "\"passerelle_*\""), ErrorCode::bad_value,
               "/consent/purposes/1/services/0/cookies/0");
  // Its https name too (__Host-passerelle_consent).
  expect_error(parse_with("\"_pk_*\"", "\"__Host-*\""), ErrorCode::bad_value,
               "/consent/purposes/1/services/0/cookies/0");
}

TEST(PackConsent, GoogleConsentTypesAreGooglesOwnNames) {
  expect_error(parse_with("\"analytics_storage\"", "\"analytics\""), ErrorCode::bad_value,
               "/consent/purposes/1/google_consent_types/0");
  expect_error(parse_with("\"analytics_storage\"", "\"analytics_storage\", \"analytics_storage\""),
               ErrorCode::duplicate_id, "/consent/purposes/1/google_consent_types/1");
  EXPECT_TRUE(parse_with("\"analytics_storage\"", "\"ad_storage\", \"ad_user_data\", \"ad_personalization\"")
                  .ok());
}

TEST(PackConsent, ErrorsInTheSectionLeaveNoConsent) {
  const PackResult r = parse_with("\"retention_days\": 182", "\"retention_days\": 999");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.pack);
}
