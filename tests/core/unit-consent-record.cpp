// unit-consent-record.cpp — the consent record: its cookie form reads back exactly, a
// hand-edited or damaged value is always refused, its time prints as ISO 8601 UTC for any
// date, and its JSON form is exact.
//
// The checksum is recomputed here from the format documented in consent/record.cpp, so these
// tests also hold the documentation to its word.
//
// Depends on: core/consent/consent.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <string>

#include "core/consent/consent.hpp"

using namespace passerelle;

namespace {

constexpr const char* kId = "0123456789abcdef0123456789abcdef";

ConsentRecord sample() {
  ConsentRecord r;
  r.policy_version = 3;
  r.time = 1764393600;  // 2025-11-29T05:20:00Z
  r.id = kId;
  r.lang = "fr";
  r.choices = {{"necessary", true}, {"audience", false}, {"video", true}};
  return r;
}

// The documented checksum: FNV-1a 32 of "passerelle_consent=" + the covered part, 8 hex.
std::string documented_checksum(const std::string& covered) {
  std::uint32_t h = 2166136261u;
  for (const char c : "passerelle_consent=" + covered) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
  return out;
}

// A value with a correct checksum around any covered text: to test field rules apart from
// the checksum.
std::string signed_value(const std::string& covered) {
  return covered + "." + documented_checksum(covered);
}

CookieProblem problem_of(std::string_view v) { return decode_consent_cookie(v).problem; }

}  // namespace

TEST(ConsentRecord, CookieRoundTripKeepsEveryField) {
  const ConsentRecord r = sample();
  const std::string v = encode_consent_cookie(r);
  ASSERT_FALSE(v.empty());
  const DecodedCookie d = decode_consent_cookie(v);
  ASSERT_TRUE(d.record) << v;
  EXPECT_EQ(d.problem, CookieProblem::none);
  EXPECT_EQ(d.record->policy_version, 3);
  EXPECT_EQ(d.record->time, 1764393600);
  EXPECT_EQ(d.record->id, kId);
  EXPECT_EQ(d.record->lang, "fr");
  EXPECT_EQ(d.record->choices, r.choices);
}

TEST(ConsentRecord, CookieHasTheDocumentedLayout) {
  const std::string covered =
      "1.3.1764393600.0123456789abcdef0123456789abcdef.fr.necessary:1|audience:0|video:1";
  EXPECT_EQ(encode_consent_cookie(sample()), signed_value(covered));
}

TEST(ConsentRecord, DocumentedExampleDecodes) {
  // The example at the top of consent/record.cpp.
  const DecodedCookie d = decode_consent_cookie(
      "1.1.1764393600.0123456789abcdef0123456789abcdef.fr.necessary:1|audience:0|video:1.62b8a61e");
  ASSERT_TRUE(d.record);
  EXPECT_TRUE(d.record->granted("video"));
}

TEST(ConsentRecord, CookieUsesOnlyCookieSafeCharacters) {
  ConsentRecord r = sample();
  r.lang = "zh-Hant-TW";
  r.choices = {{"a_b-c9", true}};
  const std::string v = encode_consent_cookie(r);
  ASSERT_FALSE(v.empty());
  for (const char c : v)
    EXPECT_NE(std::string_view("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:|-").find(c),
              std::string_view::npos)
        << "character " << c;
  ASSERT_TRUE(decode_consent_cookie(v).record);
  EXPECT_EQ(decode_consent_cookie(v).record->lang, "zh-Hant-TW");
}

TEST(ConsentRecord, EncodingIsCanonicalSoAcceptedValuesReencodeIdentically) {
  const std::string v = encode_consent_cookie(sample());
  EXPECT_EQ(encode_consent_cookie(*decode_consent_cookie(v).record), v);
}

TEST(ConsentRecord, EncodeRefusesWhatDecodeCouldNotReadBack) {
  auto with = [](auto change) {
    ConsentRecord r = sample();
    change(r);
    return encode_consent_cookie(r);
  };
  EXPECT_EQ(with([](ConsentRecord& r) { r.id = "ABC"; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.id = "0123456789ABCDEF0123456789ABCDEF"; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.lang = "f.r"; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.lang = ""; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.policy_version = 0; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.time = -1; }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.choices.clear(); }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.choices.push_back({"necessary", false}); }), "");
  EXPECT_EQ(with([](ConsentRecord& r) { r.choices.push_back({"Bad Id", false}); }), "");
  EXPECT_EQ(with([](ConsentRecord& r) {
              r.choices.clear();
              for (std::size_t i = 0; i <= kMaxConsentPurposes; ++i)
                r.choices.push_back({"p" + std::to_string(i), true});
            }),
            "");
}

TEST(ConsentRecord, MostPurposesOfLongestIdsStillFit) {
  ConsentRecord r = sample();
  r.choices.clear();
  for (std::size_t i = 0; i < kMaxConsentPurposes; ++i) {
    std::string id = "p" + std::to_string(i);
    id.resize(32, 'x');
    r.choices.push_back({id, i % 2 == 0});
  }
  const std::string v = encode_consent_cookie(r);
  ASSERT_FALSE(v.empty());
  EXPECT_LE(v.size(), kMaxConsentCookieBytes);
  ASSERT_TRUE(decode_consent_cookie(v).record);
  EXPECT_EQ(decode_consent_cookie(v).record->choices, r.choices);
}

TEST(ConsentRecord, ChangedChoiceDigitFailsTheChecksum) {
  std::string v = encode_consent_cookie(sample());
  const std::size_t at = v.find("audience:0");
  ASSERT_NE(at, std::string::npos);
  v[at + 9] = '1';
  const DecodedCookie d = decode_consent_cookie(v);
  EXPECT_FALSE(d.record);
  EXPECT_EQ(d.problem, CookieProblem::checksum);
}

TEST(ConsentRecord, EverySingleByteSubstitutionIsRefused) {
  const std::string v = encode_consent_cookie(sample());
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      if (static_cast<char>(b) == v[i]) continue;
      std::string m = v;
      m[i] = static_cast<char>(b);
      const DecodedCookie d = decode_consent_cookie(m);
      ASSERT_FALSE(d.record) << "byte " << i << " set to " << b;
      ASSERT_NE(d.problem, CookieProblem::none);
    }
  }
}

TEST(ConsentRecord, EveryDeletionAndTruncationIsRefused) {
  const std::string v = encode_consent_cookie(sample());
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string deleted = v;
    deleted.erase(i, 1);
    EXPECT_FALSE(decode_consent_cookie(deleted).record) << "without byte " << i;
    EXPECT_FALSE(decode_consent_cookie(std::string_view(v).substr(0, i)).record) << "first " << i;
  }
}

TEST(ConsentRecord, EmptyValueIsEmptyNotMalformed) {
  EXPECT_EQ(problem_of(""), CookieProblem::empty);
}

TEST(ConsentRecord, HugeValueIsTooLongWithoutBeingRead) {
  EXPECT_EQ(problem_of(std::string(kMaxConsentCookieBytes + 1, '1')), CookieProblem::too_long);
  EXPECT_EQ(problem_of(std::string(1 << 20, '.')), CookieProblem::too_long);
}

TEST(ConsentRecord, GarbageIsMalformed) {
  for (const char* g : {"x", "1", "1.", ".......", "yes", "true", "{\"a\":1}", "1.1.1.1.1.1.1",
                        "%7B%7D", "\"1.1\"", "undefined", "null", "\xC3\xA9", "1 . 1"})
    EXPECT_EQ(problem_of(g), CookieProblem::malformed) << g;
}

TEST(ConsentRecord, QuotedOrPaddedValueIsMalformed) {
  const std::string v = encode_consent_cookie(sample());
  EXPECT_EQ(problem_of("\"" + v + "\""), CookieProblem::malformed);
  EXPECT_EQ(problem_of(" " + v), CookieProblem::malformed);
  EXPECT_EQ(problem_of(v + " "), CookieProblem::malformed);
}

TEST(ConsentRecord, ExtraOrUnknownFieldsAreMalformed) {
  const std::string covered =
      "1.3.1764393600.0123456789abcdef0123456789abcdef.fr.necessary:1|audience:0|video:1";
  EXPECT_EQ(problem_of(signed_value(covered + ".extra")), CookieProblem::malformed);
  EXPECT_EQ(problem_of(signed_value(covered + ".")), CookieProblem::malformed);
  EXPECT_EQ(problem_of(signed_value(covered + "|x:2")), CookieProblem::malformed);
  EXPECT_EQ(problem_of(signed_value("2" + covered.substr(1))), CookieProblem::malformed);  // format 2
}

TEST(ConsentRecord, OffFormatFieldsAreMalformedEvenWithAGoodChecksum) {
  const char* covered[] = {
      "1.03.1764393600" ".0123456789abcdef0123456789abcdef.fr.a:1",  // leading zero
      "1.0.1764393600" ".0123456789abcdef0123456789abcdef.fr.a:1",   // version 0
      "1.1.01764393600" ".0123456789abcdef0123456789abcdef.fr.a:1",
      "1.1.-5" ".0123456789abcdef0123456789abcdef.fr.a:1",
      "1.1.999999999999" ".0123456789abcdef0123456789abcdef.fr.a:1",  // 12 digits
      "1.1.5.0123456789ABCDEF0123456789abcdef.fr.a:1",                 // uppercase id
      "1.1.5.0123456789abcdef0123456789abcde.fr.a:1",                  // 31 digits
      "1.1.5.0123456789abcdef0123456789abcdef.f.a:1",                  // language
      "1.1.5.0123456789abcdef0123456789abcdef.fr-.a:1",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.",                    // no choice
      "1.1.5.0123456789abcdef0123456789abcdef.fr.a:1|a:0",             // twice
      "1.1.5.0123456789abcdef0123456789abcdef.fr.A:1",                 // uppercase purpose
      "1.1.5.0123456789abcdef0123456789abcdef.fr.a:1||b:0",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.a:true",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.:1",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.a1",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.a:1:1",
      "1.1.5.0123456789abcdef0123456789abcdef.fr.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:1",  // 33
  };
  for (const char* c : covered) EXPECT_EQ(problem_of(signed_value(c)), CookieProblem::malformed) << c;
  EXPECT_EQ(problem_of(signed_value("1.1.5.0123456789abcdef0123456789abcdef.fr.a:1")),
            CookieProblem::none);
}

TEST(ConsentRecord, UppercaseChecksumIsMalformed) {
  std::string v = encode_consent_cookie(sample());
  for (std::size_t i = v.size() - 8; i < v.size(); ++i)
    if (v[i] >= 'a' && v[i] <= 'f') v[i] = static_cast<char>(v[i] - 'a' + 'A');
  if (v == encode_consent_cookie(sample())) GTEST_SKIP() << "checksum has no letter";
  EXPECT_EQ(problem_of(v), CookieProblem::malformed);
}

TEST(ConsentRecord, TooManyChoicesAreMalformed) {
  std::string covered = "1.1.5.0123456789abcdef0123456789abcdef.fr.";
  for (std::size_t i = 0; i <= kMaxConsentPurposes; ++i) covered += (i ? "|p" : "p") + std::to_string(i) + ":1";
  EXPECT_EQ(problem_of(signed_value(covered)), CookieProblem::malformed);
}

TEST(ConsentRecord, GrantedReadsTheChoices) {
  const ConsentRecord r = sample();
  EXPECT_TRUE(r.granted("necessary"));
  EXPECT_FALSE(r.granted("audience"));
  EXPECT_TRUE(r.granted("video"));
  EXPECT_FALSE(r.granted("unknown"));
}

TEST(ConsentRecordTimestamp, PrintsIso8601Utc) {
  ConsentRecord r;
  auto at = [&r](std::int64_t t) {
    r.time = t;
    return r.timestamp();
  };
  EXPECT_EQ(at(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(at(1764393600), "2025-11-29T05:20:00Z");
  EXPECT_EQ(at(1800000000), "2027-01-15T08:00:00Z");
}

TEST(ConsentRecordTimestamp, HandlesLeapYearsAndCenturies) {
  ConsentRecord r;
  auto at = [&r](std::int64_t t) {
    r.time = t;
    return r.timestamp();
  };
  EXPECT_EQ(at(951782400), "2000-02-29T00:00:00Z");   // 2000 is a leap year (÷400)
  EXPECT_EQ(at(951868800), "2000-03-01T00:00:00Z");
  EXPECT_EQ(at(1709251199), "2024-02-29T23:59:59Z");
  EXPECT_EQ(at(4107456000), "2100-02-28T00:00:00Z");  // 2100 is not (÷100)
  EXPECT_EQ(at(4107542400), "2100-03-01T00:00:00Z");
}

TEST(ConsentRecordTimestamp, PassesTheYear2038AndBeyond) {
  ConsentRecord r;
  auto at = [&r](std::int64_t t) {
    r.time = t;
    return r.timestamp();
  };
  EXPECT_EQ(at(2147483647), "2038-01-19T03:14:07Z");
  EXPECT_EQ(at(2147483648), "2038-01-19T03:14:08Z");
  EXPECT_EQ(at(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(at(99999999999), "5138-11-16T09:46:39Z");  // the largest time a cookie holds
  EXPECT_EQ(at(-1), "1969-12-31T23:59:59Z");
}

TEST(ConsentRecordJson, HasTheDocumentedShape) {
  EXPECT_EQ(sample().to_json(),
            "{\"version\":3,\"timestamp\":\"2025-11-29T05:20:00Z\",\"id\":\"" + std::string(kId) +
                "\",\"lang\":\"fr\",\"choices\":{\"necessary\":true,\"audience\":false,"
                "\"video\":true}}");
}

TEST(ConsentRecordJson, EscapesWhatJsonRequires) {
  ConsentRecord r = sample();
  r.lang = "a\"b\\c\n\x01";
  r.choices = {{"\xC3\xA9", true}};
  const std::string j = r.to_json();
  EXPECT_NE(j.find("\"lang\":\"a\\\"b\\\\c\\u000a\\u0001\""), std::string::npos) << j;
  EXPECT_NE(j.find("{\"\xC3\xA9\":true}"), std::string::npos) << j;
}
