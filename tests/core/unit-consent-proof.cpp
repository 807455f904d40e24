// unit-consent-proof.cpp — the proof of consent: its wire format reads back to the same
// canonical bytes, every off-format line is refused by name, the policy check knows each
// version's purposes, the texts' canonical bytes cannot be confused, and the rules say which
// action a decision was and which record it replaces.
//
// Depends on: core/consent/proof.hpp, core/consent/consent.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/consent/consent.hpp"
#include "core/consent/proof.hpp"

using namespace passerelle;

namespace {

constexpr const char* kId = "0123456789abcdef0123456789abcdef";
constexpr const char* kOther = "fedcba9876543210fedcba9876543210";
const std::string kHash(64, 'a');
constexpr std::int64_t kNow = 1'764'393'600'000;

std::string sample_body(const std::string& action = "refuse_all", const std::string& cancels = "-") {
  return std::string("passerelle-consent-proof=1\nid=") + kId + "\ndecided=1764393600000\naction=" + action +
         "\ncancels=" + cancels + "\npolicy=1\nlang=fr\nchoices=necessary:1|audience:0|video:0\n"
         "origin=https://example.org\npath=/international/index.html\ntexts=" + kHash + "\nbuild=-\nsha256=" +
         std::string(64, 'b') + "\n";
}

std::string replace_line(std::string body, const std::string& key, const std::string& value) {
  const auto at = body.find("\n" + key + "=");
  const auto end = body.find('\n', at + 1);
  return body.replace(at + 1, end - at - 1, key + "=" + value);
}

ConsentConfig config(int version = 1) {
  ConsentConfig c;
  c.policy_version = version;
  c.texts["fr"].title = "Utilisation des cookies";
  c.texts["en"].title = "Cookies";
  ConsentPurpose necessary;
  necessary.id = "necessary";
  necessary.required = true;
  necessary.name.by_lang = {{"fr", "Nécessaires"}, {"en", "Necessary"}};
  ConsentPurpose audience;
  audience.id = "audience";
  audience.name.by_lang = {{"fr", "Mesure d’audience"}};
  ConsentPurpose video;
  video.id = "video";
  c.purposes = {necessary, audience, video};
  return c;
}

ProofPolicyBook book() {
  ProofPolicyBook b;
  std::string why;
  EXPECT_TRUE(add_proof_policy(b, config(), why));
  return b;
}

}  // namespace

TEST(ConsentProof, ReadsEveryFieldAndItsCanonicalBytesAreTheBodyLessTheChecksum) {
  const std::string body = sample_body();
  const ParsedProof p = parse_consent_proof(body);
  ASSERT_TRUE(p.proof) << p.detail;
  EXPECT_EQ(p.proof->id, kId);
  EXPECT_EQ(p.proof->decided_ms, 1764393600000);
  EXPECT_EQ(p.proof->action, ConsentAction::refuse_all);
  EXPECT_EQ(p.proof->cancels, "");
  EXPECT_EQ(p.proof->policy_version, 1);
  EXPECT_EQ(p.proof->lang, "fr");
  ASSERT_EQ(p.proof->choices.size(), 3u);
  EXPECT_TRUE(p.proof->choices[0].second);
  EXPECT_EQ(p.proof->origin, "https://example.org");
  EXPECT_EQ(p.proof->path, "/international/index.html");
  EXPECT_EQ(p.proof->build_sha256, "");
  EXPECT_EQ(p.claimed_sha256, std::string(64, 'b'));
  EXPECT_EQ(p.canonical, body.substr(0, body.find("sha256=")));
  EXPECT_EQ(p.proof->canonical(), p.canonical);
}

TEST(ConsentProof, EveryActionNameReadsBack) {
  for (const char* a : {"accept_all", "refuse_all", "custom", "continue_without"}) {
    const ParsedProof p = parse_consent_proof(sample_body(a));
    ASSERT_TRUE(p.proof) << a;
    EXPECT_EQ(consent_action_name(p.proof->action), a);
  }
  const ParsedProof w = parse_consent_proof(sample_body("withdraw", kOther));
  ASSERT_TRUE(w.proof) << w.detail;
  EXPECT_EQ(w.proof->cancels, kOther);
}

TEST(ConsentProof, AWithdrawalMustNameWhatItCancelsAndNothingCancelsItself) {
  EXPECT_EQ(parse_consent_proof(sample_body("withdraw")).problem, ProofProblem::malformed);
  EXPECT_EQ(parse_consent_proof(sample_body("custom", kId)).problem, ProofProblem::malformed);
}

TEST(ConsentProof, EachBadFieldIsRefusedByItsLine) {
  const std::pair<std::string, std::string> cases[] = {
      {"id", "0123456789ABCDEF0123456789ABCDEF"}, {"id", "0123"},          {"decided", "01764393600000"},
      {"decided", "-5"},                          {"action", "accept"},    {"cancels", "x"},
      {"policy", "0"},                            {"policy", "1000000000"}, {"lang", "french!"},
      {"choices", "necessary:1|necessary:0"},     {"choices", "a:2"},      {"choices", ""},
      {"origin", "ftp://example.org"},            {"origin", "https://"},  {"origin", "https://EXAMPLE.org"},
      {"path", "relative"},                       {"path", "/a b"},        {"path", "/\"quoted\""},
      {"texts", "abc"},                           {"build", std::string(63, 'c')},
      {"sha256", "zz"}};
  for (const auto& [key, value] : cases) {
    const ParsedProof p = parse_consent_proof(replace_line(sample_body(), key, value));
    EXPECT_EQ(p.problem, ProofProblem::malformed) << key << "=" << value;
    EXPECT_FALSE(p.proof);
    EXPECT_NE(p.detail.find(key), std::string::npos) << p.detail;
  }
}

TEST(ConsentProof, LinesOutOfOrderMissingOrExtraAreRefused) {
  std::string body = sample_body();
  EXPECT_EQ(parse_consent_proof(body + "extra=1\n").problem, ProofProblem::malformed);
  EXPECT_EQ(parse_consent_proof(body.substr(0, body.size() - 1)).problem, ProofProblem::malformed);  // no final \n
  std::string swapped = body;
  swapped.replace(swapped.find("lang=fr\n"), 8, "");
  swapped.insert(swapped.find("policy="), "lang=fr\n");
  EXPECT_EQ(parse_consent_proof(swapped).problem, ProofProblem::malformed);
  EXPECT_EQ(parse_consent_proof("").problem, ProofProblem::malformed);
  EXPECT_EQ(parse_consent_proof("{\"id\":\"x\"}").problem, ProofProblem::malformed);
  std::string crlf = body;
  crlf.replace(crlf.find('\n'), 1, "\r\n");
  EXPECT_EQ(parse_consent_proof(crlf).problem, ProofProblem::malformed);
}

TEST(ConsentProof, AnythingOverFourKilobytesIsTooLarge) {
  std::string big = replace_line(sample_body(), "path", "/" + std::string(kMaxProofPathBytes - 1, 'p'));
  EXPECT_TRUE(parse_consent_proof(big).proof);  // the longest path fits
  const ParsedProof p = parse_consent_proof(std::string(kMaxProofBytes + 1, 'x'));
  EXPECT_EQ(p.problem, ProofProblem::too_large);
  EXPECT_NE(p.detail.find("4097"), std::string::npos);
  EXPECT_EQ(parse_consent_proof(replace_line(sample_body(), "path", "/" + std::string(kMaxProofPathBytes, 'p'))).problem,
            ProofProblem::malformed);
}

TEST(ConsentProofPolicy, KnowsEachVersionsPurposesInOrderAndTheRequiredOnes) {
  const ProofPolicyBook b = book();
  std::string why;
  ConsentProof p = *parse_consent_proof(sample_body()).proof;
  EXPECT_EQ(check_proof(p, b, kNow, why), ProofProblem::none) << why;
  ConsentProof other = p;
  other.policy_version = 2;
  EXPECT_EQ(check_proof(other, b, kNow, why), ProofProblem::unknown_policy);
  other = p;
  std::swap(other.choices[1], other.choices[2]);
  EXPECT_EQ(check_proof(other, b, kNow, why), ProofProblem::wrong_purposes);
  other = p;
  other.choices.pop_back();
  EXPECT_EQ(check_proof(other, b, kNow, why), ProofProblem::wrong_purposes);
  other = p;
  other.choices[0].second = false;
  EXPECT_EQ(check_proof(other, b, kNow, why), ProofProblem::wrong_purposes);
  EXPECT_NE(why.find("necessary"), std::string::npos);
}

TEST(ConsentProofPolicy, TimesBefore2020OrADayAheadAreRefused) {
  const ProofPolicyBook b = book();
  std::string why;
  ConsentProof p = *parse_consent_proof(sample_body()).proof;
  p.decided_ms = 1'500'000'000'000;
  EXPECT_EQ(check_proof(p, b, kNow, why), ProofProblem::bad_time);
  p.decided_ms = kNow + 86'400'001;
  EXPECT_EQ(check_proof(p, b, kNow, why), ProofProblem::bad_time);
  p.decided_ms = kNow + 3'600'000;  // an hour's drift is a clock, not a forgery
  EXPECT_EQ(check_proof(p, b, kNow, why), ProofProblem::none);
}

TEST(ConsentProofPolicy, AVersionGivenTwiceMustMeanTheSamePurposes) {
  ProofPolicyBook b = book();
  std::string why;
  EXPECT_TRUE(add_proof_policy(b, config(), why));
  ConsentConfig changed = config();
  changed.purposes.pop_back();
  EXPECT_FALSE(add_proof_policy(b, changed, why));
  EXPECT_NE(why.find("version 1"), std::string::npos);
  changed.policy_version = 2;
  EXPECT_TRUE(add_proof_policy(b, changed, why));
}

TEST(ConsentTextsCanonical, LengthPrefixedInDisplayOrderInTheShownLanguage) {
  const std::string fr = consent_texts_canonical(config(), "fr");
  const std::string en = consent_texts_canonical(config(), "en");
  EXPECT_EQ(fr.rfind("23:Utilisation des cookies\n", 0), 0u) << fr;
  EXPECT_EQ(en.rfind("7:Cookies\n", 0), 0u) << en;
  EXPECT_NE(fr.find("9:necessary\n12:Nécessaires\n"), std::string::npos);
  EXPECT_NE(en.find("9:necessary\n9:Necessary\n"), std::string::npos);
  ConsentConfig moved = config();
  moved.texts["fr"].title = "Utilisation des";
  moved.texts["fr"].body = " cookies";
  EXPECT_NE(consent_texts_canonical(moved, "fr"), fr);  // a text cannot pass for two
}

TEST(ConsentActions, EachDecisionSaysWhatItWasAndWhichRecordItReplaces) {
  ConsentManager m(config());
  m.start({});
  const ConsentOutcome first = m.continue_without(1'764'393'600, kId);
  EXPECT_EQ(first.action, ConsentAction::continue_without);
  EXPECT_EQ(first.replaces, "");
  const ConsentOutcome accepted = m.accept_all(1'764'393'700, kOther);
  EXPECT_EQ(accepted.action, ConsentAction::accept_all);
  EXPECT_EQ(accepted.replaces, kId);
  m.open_panel();
  m.set_pending("audience", false);
  const ConsentOutcome withdrawn = m.save(1'764'393'800, std::string(32, 'c'));
  EXPECT_EQ(withdrawn.action, ConsentAction::withdraw);
  EXPECT_EQ(withdrawn.replaces, kOther);
  m.open_panel();
  const ConsentOutcome same = m.save(1'764'393'900, std::string(32, 'd'));
  EXPECT_EQ(same.action, ConsentAction::custom);
  EXPECT_EQ(m.refuse_all(1'764'394'000, std::string(32, 'e')).action, ConsentAction::withdraw);  // video was on
  EXPECT_EQ(m.refuse_all(1'764'394'100, std::string(32, 'f')).action, ConsentAction::refuse_all);
}

// Every one-byte change, deletion or insertion of a valid proof (about 40,000 variants) is
// either refused with a named problem or read as a proof whose canonical bytes are exactly
// the input's: the parser never takes a variant for something it does not say.
TEST(ConsentProof, EverySingleByteEditIsRefusedOrReadBackExactly) {
  const std::string body = sample_body("withdraw", kOther);
  const auto check = [](const std::string& variant) {
    const ParsedProof p = parse_consent_proof(variant);
    if (!p.proof) {
      EXPECT_NE(p.problem, ProofProblem::none);
      EXPECT_FALSE(p.detail.empty());
      return;
    }
    EXPECT_EQ(p.proof->canonical() + "sha256=" + p.claimed_sha256 + "\n", variant);
  };
  const std::string alphabet = "0af:|=-\n/.xZ \x7f\x80";
  for (std::size_t i = 0; i < body.size(); ++i) {
    for (const char c : alphabet) {
      std::string changed = body;
      changed[i] = c;
      check(changed);
      std::string inserted = body;
      inserted.insert(i, 1, c);
      check(inserted);
    }
    std::string removed = body;
    removed.erase(i, 1);
    check(removed);
  }
}
