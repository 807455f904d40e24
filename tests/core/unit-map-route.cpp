// unit-map-route.cpp — the country in the URL fragment: reading every shape of hash a user or
// a shared link can produce, rewriting it without disturbing other parameters, and random
// bytes (a cheap stand-in until the libFuzzer target exists).
//
// Depends on: core/map/route.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/map/route.hpp"

namespace passerelle {
namespace {

std::optional<std::string> code(const char* s) { return std::optional<std::string>(s); }

TEST(MapRoute, ReadsBothKeysAnyCase) {
  EXPECT_EQ(parse_country_hash("#pays=ML"), code("ML"));
  EXPECT_EQ(parse_country_hash("#country=ml"), code("ML"));
  EXPECT_EQ(parse_country_hash("#pays=sN"), code("SN"));
  EXPECT_EQ(parse_country_hash("pays=ML"), code("ML"));  // location.hash without '#'
}

TEST(MapRoute, FindsTheCountryAmongOtherParameters) {
  EXPECT_EQ(parse_country_hash("#pays=SN&x=1"), code("SN"));
  EXPECT_EQ(parse_country_hash("#foo=bar&country=ne"), code("NE"));
  EXPECT_EQ(parse_country_hash("#&&foo&country=ne&"), code("NE"));
  // The first country parameter decides, even when it is bad: no guessing.
  EXPECT_EQ(parse_country_hash("#pays=SN&country=ML"), code("SN"));
  EXPECT_EQ(parse_country_hash("#pays=XYZ&country=ML"), std::nullopt);
}

TEST(MapRoute, DecodesPercentEncoding) {
  EXPECT_EQ(parse_country_hash("#pays=%4D%4c"), code("ML"));
  EXPECT_EQ(parse_country_hash("#%70ays=ML"), code("ML"));
  EXPECT_EQ(parse_country_hash("#pays=%4"), std::nullopt);     // truncated escape
  EXPECT_EQ(parse_country_hash("#pays=M%"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays=%G1L"), std::nullopt);   // not hex
  EXPECT_EQ(parse_country_hash("#pays=%00ML"), std::nullopt);  // NUL is not a letter
  EXPECT_EQ(parse_country_hash("#pays=M+"), std::nullopt);     // '+' is a space
  EXPECT_EQ(parse_country_hash("#pays=%C3%A9t"), std::nullopt);  // non-ASCII "ét"
}

TEST(MapRoute, RefusesAnythingButTwoLetters) {
  EXPECT_EQ(parse_country_hash(""), std::nullopt);
  EXPECT_EQ(parse_country_hash("#"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays="), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays=M"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays=MLI"), std::nullopt);  // alpha-3 is not accepted
  EXPECT_EQ(parse_country_hash("#pays=M1"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays= ML"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#pays=ML=x"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#PAYS=ML"), std::nullopt);  // keys are case-sensitive
  EXPECT_EQ(parse_country_hash("#payss=ML"), std::nullopt);
  EXPECT_EQ(parse_country_hash("##pays=ML"), std::nullopt);
  EXPECT_EQ(parse_country_hash("#foo=bar"), std::nullopt);
  EXPECT_EQ(parse_country_hash("garbage \x01\xff<script>"), std::nullopt);
  EXPECT_EQ(parse_country_hash(std::string_view("#pays=M\0L", 9)), std::nullopt);
}

TEST(MapRoute, OverlongFragmentsCarryNoSelection) {
  std::string h = "#pays=ML&pad=" + std::string(kMaxHashBytes, 'a');
  EXPECT_EQ(parse_country_hash(h), std::nullopt);
  h = "#pays=ML&pad=" + std::string(kMaxHashBytes - 13, 'a');  // exactly at the cap
  EXPECT_EQ(h.size(), kMaxHashBytes);
  EXPECT_EQ(parse_country_hash(h), code("ML"));
  EXPECT_EQ(parse_country_hash(std::string(1 << 20, '&')), std::nullopt);
}

TEST(MapRoute, WritesTheKeyOfThePageLanguage) {
  EXPECT_EQ(with_country("", "ML", "fr"), "#pays=ML");
  EXPECT_EQ(with_country("", "ml", "fr-FR"), "#pays=ML");
  EXPECT_EQ(with_country("#", "ml", "FR"), "#pays=ML");
  EXPECT_EQ(with_country("", "ML", "en"), "#country=ML");
  EXPECT_EQ(with_country("", "ML", "ar"), "#country=ML");
  EXPECT_EQ(with_country("", "ML", "fri"), "#country=ML");  // not French
  EXPECT_EQ(with_country("", "ML", ""), "#country=ML");
}

TEST(MapRoute, ReplacesWhicheverKeyWasThereInPlace) {
  EXPECT_EQ(with_country("#pays=SN&x=1", "ML", "fr"), "#pays=ML&x=1");
  EXPECT_EQ(with_country("#pays=SN&x=1", "ML", "en"), "#country=ML&x=1");
  EXPECT_EQ(with_country("#a=1&country=SN&b=2", "ne", "fr"), "#a=1&pays=NE&b=2");
  EXPECT_EQ(with_country("x=1", "ML", "fr"), "#x=1&pays=ML");
  // Duplicates and stale values of either key all go.
  EXPECT_EQ(with_country("#pays=SN&y&country=XYZ&pays=", "GN", "fr"), "#pays=GN&y");
}

TEST(MapRoute, KeepsOtherParametersVerbatim) {
  EXPECT_EQ(with_country("#q=caf%C3%A9&flag&&z=a=b", "ML", "en"), "#q=caf%C3%A9&flag&z=a=b&country=ML");
}

TEST(MapRoute, EmptyOrMalformedCodeRemovesTheSelection) {
  EXPECT_EQ(with_country("#pays=SN&x=1", "", "fr"), "#x=1");
  EXPECT_EQ(with_country("#x=1&country=SN", "", "en"), "#x=1");
  EXPECT_EQ(with_country("#pays=SN", "", "fr"), "");
  EXPECT_EQ(with_country("#pays=SN", "MLI", "fr"), "");
  EXPECT_EQ(with_country("#pays=SN", "1!", "fr"), "");
  EXPECT_EQ(with_country("", "", "fr"), "");
}

TEST(MapRoute, OverlongExistingFragmentIsDropped) {
  const std::string h = "#x=" + std::string(kMaxHashBytes, 'a');
  EXPECT_EQ(with_country(h, "ML", "fr"), "#pays=ML");
}

TEST(MapRoute, RandomBytesNeverCrashAndWhatWeWriteReadsBack) {
  std::mt19937 rng(42);
  const std::string alphabet = "#&=%+pays country MLml0123456789abcdefABCDEF\x00\x7f\xc3\xa9";
  const std::string alphabet_z(alphabet.data(), alphabet.size() + 1);
  const std::string isos[] = {"ML", "sn", "", "MLI", "1"};
  const std::string langs[] = {"fr", "en", "fr-CA", "ar"};
  for (int i = 0; i < 20000; ++i) {
    std::string h;
    const std::size_t n = rng() % (i % 100 == 0 ? 3000 : 40);
    for (std::size_t k = 0; k < n; ++k)
      h.push_back(i % 2 ? static_cast<char>(rng()) : alphabet_z[rng() % alphabet_z.size()]);
    const auto parsed = parse_country_hash(h);
    if (parsed) {
      ASSERT_EQ(parsed->size(), 2u) << h;
      ASSERT_TRUE(parsed->at(0) >= 'A' && parsed->at(0) <= 'Z' && parsed->at(1) >= 'A' &&
                  parsed->at(1) <= 'Z') << h;
    }
    const std::string& iso = isos[rng() % 5];
    const std::string& lang = langs[rng() % 4];
    const std::string out = with_country(h, iso, lang);
    ASSERT_LE(out.size(), kMaxHashBytes);
    if (iso.size() == 2) {
      std::string up{static_cast<char>(std::toupper(iso[0])), static_cast<char>(std::toupper(iso[1]))};
      ASSERT_EQ(parse_country_hash(out), up) << h;
    } else {
      ASSERT_EQ(parse_country_hash(out), std::nullopt) << h;
    }
    // Rewriting is stable: doing it again changes nothing.
    ASSERT_EQ(with_country(out, iso, lang), out) << h;
  }
}

}  // namespace
}  // namespace passerelle
