// unit-consent-rules.cpp — every transition of the consent rules: first visit, accept,
// refuse, customise, reopen and withdraw, expiry, policy version, Global Privacy Control,
// bad records, blocked cookies, the panel's switches, and what a withdrawal deletes.
//
// Depends on: core/consent/consent.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/consent/consent.hpp"

using namespace passerelle;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;
constexpr std::int64_t kDay = 86400;
constexpr const char* kId = "00000000000000000000000000000001";
constexpr const char* kId2 = "00000000000000000000000000000002";

ConsentPurpose purpose(std::string id, bool required, std::vector<std::string> cookies) {
  ConsentPurpose p;
  p.id = std::move(id);
  p.required = required;
  p.name.by_lang = {{"fr", "nom " + p.id}, {"en", "name " + p.id}};
  ConsentService s;
  s.name = "service " + p.id;
  s.cookies = std::move(cookies);
  p.services.push_back(std::move(s));
  return p;
}

ConsentConfig config(int version = 2, int retention_days = 182) {
  ConsentConfig c;
  c.policy_version = version;
  c.retention_days = retention_days;
  c.texts["fr"].title = "Utilisation des cookies";
  c.texts["en"].title = "Use of cookies";
  c.purposes.push_back(purpose("necessary", true, {"passerelle_consent"}));
  c.purposes.push_back(purpose("audience", false, {"_pk_*", "_demo_audience*"}));
  c.purposes.push_back(purpose("video", false, {"_demo_video*"}));
  return c;
}

std::string cookie(std::vector<std::pair<std::string, bool>> choices, std::int64_t time = kNow - kDay,
                   int version = 2) {
  ConsentRecord r;
  r.policy_version = version;
  r.time = time;
  r.id = kId;
  r.lang = "fr";
  r.choices = std::move(choices);
  return encode_consent_cookie(r);
}

std::string all_granted(std::int64_t time = kNow - kDay, int version = 2) {
  return cookie({{"necessary", true}, {"audience", true}, {"video", true}}, time, version);
}

ConsentManager started(std::string_view value = "", bool gpc = false, bool storage = true,
                       ConsentConfig c = config(), std::int64_t now = kNow) {
  ConsentManager m(std::move(c));
  ConsentStart s;
  s.cookie_value = value;
  s.now = now;
  s.gpc = gpc;
  s.storage_available = storage;
  m.start(s);
  return m;
}

using Names = std::vector<std::string>;

}  // namespace

// --- first visit --------------------------------------------------------------------------

TEST(ConsentRules, FirstVisitShowsTheBannerAndGrantsOnlyRequiredPurposes) {
  const ConsentManager m = started();
  EXPECT_EQ(m.view(), ConsentView::banner);
  EXPECT_EQ(m.reason(), ConsentReason::no_record);
  EXPECT_FALSE(m.record());
  EXPECT_TRUE(m.granted("necessary"));
  EXPECT_FALSE(m.granted("audience"));
  EXPECT_FALSE(m.granted("video"));
  EXPECT_FALSE(m.gpc_applied());
}

TEST(ConsentRules, FirstVisitSwitchesStartOffExceptRequired) {  // no pre-ticked boxes
  const ConsentManager m = started();
  EXPECT_TRUE(m.pending("necessary"));
  EXPECT_FALSE(m.pending("audience"));
  EXPECT_FALSE(m.pending("video"));
}

// --- decisions ----------------------------------------------------------------------------

TEST(ConsentRules, AcceptAllGrantsEverythingHidesTheBannerAndWritesTheCookie) {
  ConsentManager m = started();
  const ConsentOutcome o = m.accept_all(kNow, kId);
  EXPECT_EQ(m.view(), ConsentView::hidden);
  EXPECT_EQ(m.reason(), ConsentReason::valid_record);
  EXPECT_TRUE(m.granted("audience"));
  EXPECT_TRUE(m.granted("video"));
  EXPECT_EQ(o.max_age_seconds, 182 * kDay);
  EXPECT_TRUE(o.withdrawn.empty());
  EXPECT_FALSE(o.reload_suggested);
  const DecodedCookie d = decode_consent_cookie(o.cookie_value);
  ASSERT_TRUE(d.record) << o.cookie_value;
  EXPECT_EQ(d.record->choices, o.record.choices);
  EXPECT_EQ(d.record->policy_version, 2);
  EXPECT_EQ(d.record->time, kNow);
  EXPECT_EQ(d.record->id, kId);
  ASSERT_TRUE(m.record());
  EXPECT_EQ(m.record()->id, kId);
}

TEST(ConsentRules, RefuseAllGrantsOnlyRequiredPurposes) {
  ConsentManager m = started();
  const ConsentOutcome o = m.refuse_all(kNow, kId);
  EXPECT_EQ(m.view(), ConsentView::hidden);
  const std::vector<std::pair<std::string, bool>> expected = {
      {"necessary", true}, {"audience", false}, {"video", false}};
  EXPECT_EQ(o.record.choices, expected);
  EXPECT_FALSE(m.granted("audience"));
  EXPECT_TRUE(m.granted("necessary"));
  EXPECT_FALSE(o.cookie_value.empty());  // the refusal is remembered too
  EXPECT_TRUE(o.withdrawn.empty());      // nothing was granted before
}

TEST(ConsentRules, ContinueWithoutAcceptingIsRecordedAsARefusal) {
  ConsentManager a = started();
  ConsentManager b = started();
  const ConsentOutcome refused = a.refuse_all(kNow, kId);
  // "Continuer sans accepter" calls refuse_all: the same record as "Tout refuser".
  const ConsentOutcome continued = b.refuse_all(kNow, kId);
  EXPECT_EQ(continued.record.choices, refused.record.choices);
  EXPECT_EQ(continued.cookie_value, refused.cookie_value);
}

TEST(ConsentRules, CustomiseThenSaveRecordsTheSwitches) {
  ConsentManager m = started();
  m.open_panel();
  EXPECT_EQ(m.view(), ConsentView::panel);
  m.set_pending("video", true);
  EXPECT_TRUE(m.pending("video"));
  EXPECT_FALSE(m.granted("video"));  // not before saving
  const ConsentOutcome o = m.save(kNow, kId);
  EXPECT_EQ(m.view(), ConsentView::hidden);
  EXPECT_TRUE(m.granted("video"));
  EXPECT_FALSE(m.granted("audience"));
  EXPECT_TRUE(o.record.granted("video"));
  EXPECT_FALSE(o.record.granted("audience"));
}

TEST(ConsentRules, SavingWithoutTouchingTheSwitchesIsARefusal) {
  ConsentManager m = started();
  m.open_panel();
  const ConsentOutcome o = m.save(kNow, kId);
  EXPECT_FALSE(o.record.granted("audience"));
  EXPECT_FALSE(o.record.granted("video"));
  EXPECT_TRUE(o.record.granted("necessary"));
}

TEST(ConsentRules, AfterADecisionTheSwitchesMirrorTheRecord) {
  ConsentManager m = started();
  m.accept_all(kNow, kId);
  EXPECT_TRUE(m.pending("audience"));
  EXPECT_TRUE(m.pending("video"));
  m.refuse_all(kNow, kId2);
  EXPECT_FALSE(m.pending("audience"));
}

TEST(ConsentRules, RecordTakesTheLanguageOfTheVisit) {
  ConsentManager m(config());
  ConsentStart s;
  s.now = kNow;
  s.lang = "en";
  m.start(s);
  EXPECT_EQ(m.accept_all(kNow, kId).record.lang, "en");
}

TEST(ConsentRules, AnUnusableLanguageFallsBackToOneThePackHas) {
  ConsentManager m(config());
  ConsentStart s;
  s.now = kNow;
  s.lang = "not a tag.";
  m.start(s);
  const ConsentOutcome o = m.accept_all(kNow, kId);
  EXPECT_EQ(o.record.lang, "fr");  // the site's language, which the config has
  EXPECT_TRUE(decode_consent_cookie(o.cookie_value).record);
}

TEST(ConsentRules, AnUnusableIdStillGivesAReadableCookie) {
  ConsentManager m = started();
  const ConsentOutcome upper = m.accept_all(kNow, "ABCDEF0123456789ABCDEF0123456789");
  EXPECT_EQ(upper.record.id, "abcdef0123456789abcdef0123456789");
  const ConsentOutcome junk = m.accept_all(kNow, "not an id");
  EXPECT_EQ(junk.record.id.size(), 32u);
  EXPECT_TRUE(decode_consent_cookie(junk.cookie_value).record);
  EXPECT_NE(m.accept_all(kNow + 1, "not an id").record.id, junk.record.id);
}

// --- the next visit -------------------------------------------------------------------------

TEST(ConsentRules, ASavedCookieRestoresTheChoiceWithoutBanner) {
  ConsentManager first = started();
  first.open_panel();
  first.set_pending("audience", true);
  const ConsentOutcome o = first.save(kNow - kDay, kId);

  const ConsentManager next = started(o.cookie_value);
  EXPECT_EQ(next.view(), ConsentView::hidden);
  EXPECT_EQ(next.reason(), ConsentReason::valid_record);
  EXPECT_TRUE(next.granted("audience"));
  EXPECT_FALSE(next.granted("video"));
  EXPECT_TRUE(next.pending("audience"));
  EXPECT_FALSE(next.gpc_applied());
}

TEST(ConsentRules, PurposesInAnotherOrderStillMakeAValidRecord) {
  const ConsentManager m =
      started(cookie({{"video", true}, {"necessary", true}, {"audience", false}}));
  EXPECT_EQ(m.reason(), ConsentReason::valid_record);
  EXPECT_TRUE(m.granted("video"));
}

// --- reopening and withdrawing ----------------------------------------------------------

TEST(ConsentRules, OpenPanelShowsWhatIsGrantedNow) {
  ConsentManager m = started(cookie({{"necessary", true}, {"audience", true}, {"video", false}}));
  m.open_panel();
  EXPECT_EQ(m.view(), ConsentView::panel);
  EXPECT_TRUE(m.pending("audience"));
  EXPECT_FALSE(m.pending("video"));
}

TEST(ConsentRules, WithdrawingInThePanelListsWhatWasWithdrawnAndSuggestsAReload) {
  ConsentManager m = started();
  m.accept_all(kNow, kId);
  m.open_panel();
  m.set_pending("audience", false);
  const ConsentOutcome o = m.save(kNow + 10, kId2);
  EXPECT_EQ(o.withdrawn, Names{"audience"});
  EXPECT_TRUE(o.reload_suggested);
  EXPECT_FALSE(m.granted("audience"));
  EXPECT_TRUE(m.granted("video"));
  EXPECT_EQ(m.record()->id, kId2);  // a new choice, a new id
}

TEST(ConsentRules, RefusingAllAfterAStoredAcceptanceWithdrawsEveryOptionalPurpose) {
  ConsentManager m = started(all_granted());
  m.open_panel();
  const ConsentOutcome o = m.refuse_all(kNow, kId2);
  EXPECT_EQ(o.withdrawn, (Names{"audience", "video"}));
  EXPECT_TRUE(o.reload_suggested);
}

TEST(ConsentRules, GrantingMoreWithdrawsNothing) {
  ConsentManager m = started(cookie({{"necessary", true}, {"audience", false}, {"video", true}}));
  const ConsentOutcome o = m.accept_all(kNow, kId2);
  EXPECT_TRUE(o.withdrawn.empty());
  EXPECT_FALSE(o.reload_suggested);
}

TEST(ConsentRules, ConfirmingTheSameChoiceWithdrawsNothing) {
  ConsentManager m = started(cookie({{"necessary", true}, {"audience", false}, {"video", true}}));
  m.open_panel();
  const ConsentOutcome o = m.save(kNow, kId2);
  EXPECT_TRUE(o.withdrawn.empty());
  EXPECT_TRUE(o.record.granted("video"));
}

TEST(ConsentRules, RequiredPurposesCannotBeSwitchedOff) {
  ConsentManager m = started();
  m.open_panel();
  m.set_pending("necessary", false);
  EXPECT_TRUE(m.pending("necessary"));
  const ConsentOutcome o = m.save(kNow, kId);
  EXPECT_TRUE(o.record.granted("necessary"));
  EXPECT_TRUE(m.refuse_all(kNow, kId).record.granted("necessary"));
  EXPECT_TRUE(o.withdrawn.empty());
}

TEST(ConsentRules, ARecordRefusingANowRequiredPurposeStillGrantsIt) {
  const ConsentManager m = started(cookie({{"necessary", false}, {"audience", true}, {"video", false}}));
  EXPECT_EQ(m.reason(), ConsentReason::valid_record);
  EXPECT_TRUE(m.granted("necessary"));
  EXPECT_TRUE(m.pending("necessary"));
}

TEST(ConsentRules, UnknownPurposesAreNeitherGrantedNorSwitchable) {
  ConsentManager m = started(all_granted());
  EXPECT_FALSE(m.granted("ads"));
  m.set_pending("ads", true);
  EXPECT_FALSE(m.pending("ads"));
  const ConsentOutcome o = m.save(kNow, kId2);
  EXPECT_FALSE(o.record.granted("ads"));
  EXPECT_EQ(o.record.choices.size(), 3u);
}

// --- closing the panel ------------------------------------------------------------------

TEST(ConsentRules, ClosingThePanelBeforeAnyChoiceGoesBackToTheBanner) {
  ConsentManager m = started();
  m.open_panel();
  m.close_panel();
  EXPECT_EQ(m.view(), ConsentView::banner);
  EXPECT_FALSE(m.record());
}

TEST(ConsentRules, ClosingThePanelAfterAChoiceHidesIt) {
  ConsentManager m = started(all_granted());
  m.open_panel();
  m.close_panel();
  EXPECT_EQ(m.view(), ConsentView::hidden);
}

TEST(ConsentRules, ClosingThePanelDropsUnsavedSwitches) {
  ConsentManager m = started(all_granted());
  m.open_panel();
  m.set_pending("video", false);
  m.close_panel();
  EXPECT_TRUE(m.pending("video"));
  EXPECT_TRUE(m.granted("video"));
  m.open_panel();
  EXPECT_TRUE(m.pending("video"));
}

// --- expiry and versions ------------------------------------------------------------------

TEST(ConsentRules, ARecordIsValidUpToExactlyTheRetention) {
  const std::int64_t made = kNow - 182 * kDay;
  const ConsentManager on_the_day = started(all_granted(made));
  EXPECT_EQ(on_the_day.reason(), ConsentReason::valid_record);
  const ConsentManager one_second_later = started(all_granted(made - 1));
  EXPECT_EQ(one_second_later.reason(), ConsentReason::expired);
  EXPECT_EQ(one_second_later.view(), ConsentView::banner);
  EXPECT_FALSE(one_second_later.granted("audience"));
  EXPECT_FALSE(one_second_later.pending("audience"));
  EXPECT_FALSE(one_second_later.record());
}

TEST(ConsentRules, RetentionAboveThirteenMonthsIsCapped) {
  ConsentManager m = started("", false, true, config(2, 1000));
  EXPECT_EQ(m.accept_all(kNow, kId).max_age_seconds, 395 * kDay);
  const ConsentManager old = started(all_granted(kNow - 396 * kDay), false, true, config(2, 1000));
  EXPECT_EQ(old.reason(), ConsentReason::expired);
}

TEST(ConsentRules, MaxAgeIsTheRetentionInSeconds) {
  ConsentManager m = started("", false, true, config(2, 30));
  EXPECT_EQ(m.refuse_all(kNow, kId).max_age_seconds, 30 * kDay);
}

TEST(ConsentRules, AnOlderPolicyVersionAsksAgain) {
  const ConsentManager m = started(all_granted(kNow - kDay, 1));
  EXPECT_EQ(m.reason(), ConsentReason::outdated_version);
  EXPECT_EQ(m.view(), ConsentView::banner);
  EXPECT_FALSE(m.granted("audience"));
}

TEST(ConsentRules, ANewerPolicyVersionAlsoAsksAgain) {  // the pack was rolled back
  const ConsentManager m = started(all_granted(kNow - kDay, 3));
  EXPECT_EQ(m.reason(), ConsentReason::outdated_version);
}

TEST(ConsentRules, ANewChoiceUnderANewVersionRecordsIt) {
  ConsentManager m = started(all_granted(kNow - kDay, 1));
  EXPECT_EQ(m.accept_all(kNow, kId).record.policy_version, 2);
}

TEST(ConsentRules, AnOutdatedRecordIsNotCountedAsWithdrawn) {
  // Nothing ran under the old record during this visit: refusing now withdraws nothing.
  ConsentManager m = started(all_granted(kNow - kDay, 1));
  const ConsentOutcome o = m.refuse_all(kNow, kId);
  EXPECT_TRUE(o.withdrawn.empty());
}

// --- Global Privacy Control -----------------------------------------------------------------

TEST(ConsentRules, GpcWithoutARecordPreRefusesAndSaysSo) {
  ConsentManager m = started("", /*gpc=*/true);
  EXPECT_TRUE(m.gpc_applied());
  EXPECT_EQ(m.view(), ConsentView::banner);  // the visitor can still choose
  EXPECT_FALSE(m.pending("audience"));
  EXPECT_FALSE(m.granted("audience"));
  m.open_panel();
  EXPECT_FALSE(m.pending("video"));
  const ConsentOutcome o = m.accept_all(kNow, kId);
  EXPECT_TRUE(o.record.granted("audience"));
  EXPECT_FALSE(m.gpc_applied());  // a choice was made: no more GPC notice
}

TEST(ConsentRules, GpcWithAValidRecordRespectsTheVisitorsChoice) {
  const ConsentManager m = started(all_granted(), /*gpc=*/true);
  EXPECT_FALSE(m.gpc_applied());
  EXPECT_EQ(m.view(), ConsentView::hidden);
  EXPECT_TRUE(m.granted("audience"));
}

TEST(ConsentRules, GpcWithAnExpiredRecordPreRefuses) {
  const ConsentManager m = started(all_granted(kNow - 400 * kDay), /*gpc=*/true);
  EXPECT_TRUE(m.gpc_applied());
  EXPECT_EQ(m.reason(), ConsentReason::expired);
}

// --- bad records ----------------------------------------------------------------------------

TEST(ConsentRules, AGarbageCookieIsNoChoiceYet) {
  for (const char* g : {"garbage", "1.1.1.1", "{}", "\xFF\xFE", "passerelle_consent=1", ";;;"}) {
    const ConsentManager m = started(g);
    EXPECT_EQ(m.reason(), ConsentReason::bad_cookie) << g;
    EXPECT_EQ(m.view(), ConsentView::banner);
    EXPECT_FALSE(m.record());
    EXPECT_FALSE(m.granted("audience"));
  }
}

TEST(ConsentRules, ATamperedCookieIsNoChoiceYet) {
  std::string v = cookie({{"necessary", true}, {"audience", false}, {"video", false}});
  v[v.find("audience:0") + 9] = '1';  // the visitor (or a script) grants itself audience
  const ConsentManager m = started(v);
  EXPECT_EQ(m.reason(), ConsentReason::bad_cookie);
  EXPECT_FALSE(m.granted("audience"));
}

TEST(ConsentRules, AnOverlongCookieIsNoChoiceYet) {
  const std::string huge(100000, 'a');
  EXPECT_EQ(started(huge).reason(), ConsentReason::bad_cookie);
}

TEST(ConsentRules, ARecordNamingAnUnknownPurposeAsksAgain) {
  const ConsentManager m = started(
      cookie({{"necessary", true}, {"audience", true}, {"video", true}, {"ads", true}}));
  EXPECT_EQ(m.reason(), ConsentReason::unknown_purposes);
  EXPECT_EQ(m.view(), ConsentView::banner);
  EXPECT_FALSE(m.granted("audience"));
}

TEST(ConsentRules, ARecordMissingADeclaredPurposeAsksAgain) {
  const ConsentManager m = started(cookie({{"necessary", true}, {"audience", true}}));
  EXPECT_EQ(m.reason(), ConsentReason::unknown_purposes);
  EXPECT_FALSE(m.granted("audience"));
}

TEST(ConsentRules, ARecordDatedMoreThanADayAheadIsABadCookie) {
  EXPECT_EQ(started(all_granted(kNow + kDay)).reason(), ConsentReason::valid_record);  // clock skew
  EXPECT_EQ(started(all_granted(kNow + kDay + 1)).reason(), ConsentReason::bad_cookie);
}

TEST(ConsentRules, StartingAgainForgetsThePreviousState) {
  ConsentManager m = started(all_granted(), true);
  m.start(ConsentStart{"", kNow, true, true, "fr"});
  EXPECT_EQ(m.view(), ConsentView::banner);
  EXPECT_FALSE(m.granted("audience"));
  EXPECT_TRUE(m.gpc_applied());
}

// --- blocked cookies --------------------------------------------------------------------------

TEST(ConsentRules, WithoutStorageChoicesHoldForTheVisitAndWriteNothing) {
  ConsentManager m = started("", false, /*storage=*/false);
  EXPECT_FALSE(m.storage_available());
  EXPECT_EQ(m.view(), ConsentView::banner);
  const ConsentOutcome o = m.accept_all(kNow, kId);
  EXPECT_TRUE(o.cookie_value.empty());
  EXPECT_EQ(o.max_age_seconds, 182 * kDay);
  EXPECT_EQ(m.view(), ConsentView::hidden);
  EXPECT_TRUE(m.granted("audience"));
  ASSERT_TRUE(m.record());

  m.open_panel();  // withdrawing in memory works the same way
  const ConsentOutcome w = m.refuse_all(kNow + 5, kId2);
  EXPECT_TRUE(w.cookie_value.empty());
  EXPECT_EQ(w.withdrawn, (Names{"audience", "video"}));
  EXPECT_TRUE(w.reload_suggested);
}

// --- what a withdrawal deletes --------------------------------------------------------------

TEST(ConsentRules, CookiesToDeleteMatchTheRefusedServicesPatterns) {
  const ConsentManager m = started();
  const Names present = {"_pk_id.1.1fff", "session", "_pk_ses.1.1fff", "_demo_audience",
                         "_demo_video_x", "passerelle_consent", "_pk_id.1.1fff"};
  EXPECT_EQ(m.cookies_to_delete({"audience"}, present),
            (Names{"_pk_id.1.1fff", "_pk_ses.1.1fff", "_demo_audience"}));
  EXPECT_EQ(m.cookies_to_delete({"video"}, present), Names{"_demo_video_x"});
  EXPECT_EQ(m.cookies_to_delete({"audience", "video"}, present),
            (Names{"_pk_id.1.1fff", "_pk_ses.1.1fff", "_demo_audience", "_demo_video_x"}));
}

TEST(ConsentRules, CookiesToDeleteNeverTouchRequiredPurposesOrTheConsentCookie) {
  ConsentConfig c = config();
  c.purposes[1].services[0].cookies.push_back("passerelle_*");  // a careless pattern
  const ConsentManager m = started("", false, true, c);
  const Names present = {"passerelle_consent", "passerelle_other"};
  EXPECT_EQ(m.cookies_to_delete({"necessary"}, present), Names{});
  EXPECT_EQ(m.cookies_to_delete({"audience"}, present), Names{"passerelle_other"});
  // On https the choice is __Host-passerelle_consent: kept too, whatever the pattern.
  ConsentConfig host = config();
  host.purposes[1].services[0].cookies.push_back("__Host-*");
  const ConsentManager mh = started("", false, true, host);
  EXPECT_EQ(mh.cookies_to_delete({"audience"}, {"__Host-passerelle_consent", "__Host-other"}), Names{"__Host-other"});
  EXPECT_EQ(m.cookies_to_delete({"nonexistent"}, present), Names{});
  EXPECT_EQ(m.cookies_to_delete({}, present), Names{});
}

TEST(ConsentRules, WithdrawnPurposesFeedCookiesToDelete) {
  ConsentManager m = started(all_granted());
  const ConsentOutcome o = m.refuse_all(kNow, kId2);
  EXPECT_EQ(m.cookies_to_delete(o.withdrawn, {"_pk_ses.9", "_demo_video1", "other"}),
            (Names{"_pk_ses.9", "_demo_video1"}));
}

TEST(CookieNameMatches, StarMatchesAnyRunIncludingNone) {
  EXPECT_TRUE(cookie_name_matches("_pk_*", "_pk_"));
  EXPECT_TRUE(cookie_name_matches("_pk_*", "_pk_id.1.abc"));
  EXPECT_FALSE(cookie_name_matches("_pk_*", "_pk"));
  EXPECT_FALSE(cookie_name_matches("_pk_*", "x_pk_id"));
  EXPECT_TRUE(cookie_name_matches("exact", "exact"));
  EXPECT_FALSE(cookie_name_matches("exact", "exactly"));
  EXPECT_TRUE(cookie_name_matches("*_ga", "x_ga"));
  EXPECT_TRUE(cookie_name_matches("a*b*c", "axxbyybc"));
  EXPECT_FALSE(cookie_name_matches("a*b*c", "axxbyyb"));
  EXPECT_TRUE(cookie_name_matches("**", ""));
  EXPECT_FALSE(cookie_name_matches("", "a"));
  EXPECT_TRUE(cookie_name_matches("", ""));
}

TEST(CookieNameMatches, PathologicalPatternsStayFast) {
  const std::string name(4000, 'a');
  EXPECT_FALSE(cookie_name_matches("*a*a*a*a*a*a*a*a*a*a*b", name));
  EXPECT_TRUE(cookie_name_matches("*a*a*a*a*a*a*a*a*a*a", name));
}
