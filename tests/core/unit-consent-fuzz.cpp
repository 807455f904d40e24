// unit-consent-fuzz.cpp — a small deterministic fuzz: thousands of random and mutated cookie
// values never crash decode_consent_cookie or ConsentManager::start, an accepted value is
// always canonical, and a bad one always means "banner, nothing optional granted".
// (Run under ASan/UBSan in the native-asan build.)
//
// Depends on: core/consent/consent.hpp, core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <random>

#include "core/consent/consent.hpp"
#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

void expect_sane(const ConsentConfig& config, const std::string& value, int iteration) {
  const DecodedCookie d = decode_consent_cookie(value);
  ASSERT_EQ(d.record.has_value(), d.problem == CookieProblem::none) << "iteration " << iteration;
  if (d.record) ASSERT_EQ(encode_consent_cookie(*d.record), value) << "iteration " << iteration;

  ConsentManager m(config);
  ConsentStart s;
  s.cookie_value = value;
  s.now = kNow;
  s.gpc = iteration % 3 == 0;
  s.storage_available = iteration % 5 != 0;
  m.start(s);
  if (m.reason() == ConsentReason::valid_record) {
    ASSERT_EQ(m.view(), ConsentView::hidden);
    ASSERT_TRUE(m.record());
  } else {
    ASSERT_EQ(m.view(), ConsentView::banner) << "iteration " << iteration;
    ASSERT_FALSE(m.record());
    for (const ConsentPurpose& p : config.purposes) ASSERT_EQ(m.granted(p.id), p.required);
  }
  // Whatever the start, a decision gives a cookie that reads back (or none without storage).
  const ConsentOutcome o = m.refuse_all(kNow, "0123456789abcdef0123456789abcdef");
  if (s.storage_available) ASSERT_TRUE(decode_consent_cookie(o.cookie_value).record);
  else ASSERT_TRUE(o.cookie_value.empty());
}

}  // namespace

TEST(ConsentFuzz, MutatedAndRandomCookiesNeverCrash) {
  const PackResult pack = parse_pack(read_file(source_path("content/international.fr.json")), "p");
  ASSERT_TRUE(pack.ok() && pack.pack->consent);
  const ConsentConfig& config = *pack.pack->consent;

  ConsentRecord r;
  r.policy_version = config.policy_version;
  r.time = kNow - 86400;
  r.id = "0123456789abcdef0123456789abcdef";
  r.lang = "fr";
  for (const ConsentPurpose& p : config.purposes) r.choices.emplace_back(p.id, true);
  const std::string valid = encode_consent_cookie(r);
  ASSERT_FALSE(valid.empty());

  std::mt19937 rng(20251129);  // fixed: failures reproduce
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const std::string specials[] = {".", "|", ":", "0", "1", "-", "_", "\xFF", "\"", ";", " ",
                                  "audience:1", "..", "||", "9999999999999999999"};
  const char alphabet[] = "0123456789abcdef.|:_-xyzAZ;= \"\x80\xC3";
  int accepted = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    if (i % 4 == 3) {  // random bytes from an alphabet close to the format
      const std::size_t n = pick(160);
      for (std::size_t k = 0; k < n; ++k) s += alphabet[pick(sizeof alphabet - 1)];
    } else {  // mutations of a valid value
      s = valid;
      const int edits = 1 + static_cast<int>(pick(3));
      for (int e = 0; e < edits && !s.empty(); ++e) {
        const std::size_t at = pick(s.size());
        switch (pick(6)) {
          case 0: s[at] = static_cast<char>(pick(256)); break;
          case 1: s.erase(at, 1 + pick(8)); break;
          case 2: s.insert(at, specials[pick(std::size(specials))]); break;
          case 3: s.insert(at, s.substr(pick(s.size()), pick(32))); break;
          case 4: s.resize(at); break;
          default: s += s; break;  // grows toward the length limit
        }
      }
    }
    expect_sane(config, s, i);
    if (decode_consent_cookie(s).record) ++accepted;
  }
  // Almost nothing random passes the checksum (a few exact copies of the valid value may).
  EXPECT_LT(accepted, 50);
}
