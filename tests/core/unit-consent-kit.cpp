// unit-consent-kit.cpp — the consent embed's kit (core/mirror/consent_kit): the banner as the
// standalone page prerenders it, in each language, the rules a first choice needs, and a
// stylesheet a shadow root can use (tokens on :host, no @font-face, data-theme followed).
#include <gtest/gtest.h>

#include <string>

#include "core/consent/proof.hpp"
#include "core/design/stylesheet.hpp"
#include "core/json/document.hpp"
#include "core/mirror/consent_kit.hpp"
#include "core/mirror/html.hpp"
#include "core/mirror/mirror.hpp"
#include "test_support.hpp"

namespace passerelle {
namespace {

json::Json parsed(const std::string& text) {
  json::Json v;
  std::vector<Diagnostic> errors;
  EXPECT_TRUE(json::load(text, "kit.json", json::Limits{}, v, errors));
  return v;
}

std::string str(const json::Json& kit, const char* key) {
  const json::Json* v = json::member(kit, key);
  const std::string* s = v ? json::as_string(*v) : nullptr;
  return s ? *s : std::string("<missing ") + key + ">";
}

TEST(ConsentKit, TheBannerIsTheStandalonePagesInEachLanguage) {
  for (const auto& [file, lang, refuse] : {std::tuple{"content/international.fr.json", "fr", "Tout refuser"},
                                           std::tuple{"content/international.en.json", "en", "Refuse all"}}) {
    SCOPED_TRACE(file);
    const Pack pack = test::shipped_pack(file);
    const ConsentKitResult r = consent_kit(pack, "");
    ASSERT_TRUE(r.ok()) << r.error;
    json::Json kit = parsed(r.json);
    EXPECT_EQ(str(kit, "lang"), lang);
    const std::string banner = str(kit, "banner");
    // The very HTML the standalone page's prerender writes for its banner.
    EXPECT_EQ(banner, render_html(mirror_consent(*pack.consent, lang, ConsentMirrorState{})));
    EXPECT_NE(banner.find("role=\"dialog\""), std::string::npos);
    EXPECT_EQ(banner.find("aria-modal=\"true\""), std::string::npos) << "the banner is not modal";
    EXPECT_NE(banner.find(std::string(">") + refuse + "</button>"), std::string::npos);
    for (const char* key : {"consent:accept_all", "consent:refuse_all", "consent:customise", "consent:continue_without"})
      EXPECT_NE(banner.find(std::string("data-key=\"") + key + "\""), std::string::npos) << key;
    EXPECT_NE(str(kit, "manage").find("data-key=\"consent:manage\""), std::string::npos);
    EXPECT_EQ(str(kit, "texts"), consent_texts_canonical(*pack.consent, lang));
    EXPECT_EQ(str(kit, "notice"), pack.consent->texts_in(lang).saved_notice);
    json::release(kit);
  }
}

TEST(ConsentKit, ItCarriesWhatAFirstChoiceNeedsInThePacksOrder) {
  const Pack pack = test::shipped_pack("content/international.fr.json");
  json::Json kit = parsed(consent_kit(pack, "").json);
  std::int64_t version = 0, max_age = 0;
  ASSERT_TRUE(json::as_integer(*json::member(kit, "version"), version));
  ASSERT_TRUE(json::as_integer(*json::member(kit, "maxAge"), max_age));
  EXPECT_EQ(version, pack.consent->policy_version);
  EXPECT_EQ(max_age, consent_max_age_seconds(*pack.consent));
  EXPECT_EQ(max_age, 182 * 86400) << "the shipped pack keeps the default retention";
  const json::Json::array_t* purposes = json::as_array(*json::member(kit, "purposes"));
  ASSERT_NE(purposes, nullptr);
  ASSERT_EQ(purposes->size(), pack.consent->purposes.size());
  for (std::size_t i = 0; i < purposes->size(); ++i) {
    EXPECT_EQ(str((*purposes)[i], "id"), pack.consent->purposes[i].id);
    EXPECT_EQ(*json::as_bool(*json::member((*purposes)[i], "required")), pack.consent->purposes[i].required);
  }
  json::release(kit);
}

TEST(ConsentKit, APackWithoutConsentHasNoKit) {
  Pack pack = test::shipped_pack("content/international.fr.json");
  pack.consent.reset();
  const ConsentKitResult r = consent_kit(pack, "");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("consent"), std::string::npos);
}

TEST(ShadowStylesheet, TokensLiveOnTheHostWithoutFontsAndFollowTheTheme) {
  const std::string css = design::shadow_stylesheet(":root { --pl-column: 1px; }\n.x [role=\"dialog\"] { color: var(--pl-text); }");
  EXPECT_EQ(css.find(":root"), std::string::npos) << "a shadow root has no :root";
  EXPECT_EQ(css.find("@font-face"), std::string::npos);
  EXPECT_EQ(css.find("url("), std::string::npos) << "nothing resolved against the partner's page";
  EXPECT_NE(css.find(":host{--pl-column: 1px;}"), std::string::npos) << "the rules' own :root is rescoped too";
  EXPECT_NE(css.find(".x [role=\"dialog\"]{color: var(--pl-text);}"), std::string::npos);
  EXPECT_NE(css.find(":host([data-theme=dark]){color-scheme:dark;"), std::string::npos);
  EXPECT_NE(css.find("@media (prefers-color-scheme:dark){:host(:not([data-theme=light])){"), std::string::npos);
  // Every colour of both schemes is there, as in the page's stylesheet.
  const std::string page = design::token_stylesheet();
  for (const char* token : {"--pl-surface:", "--pl-link:", "--pl-banner-pad-x:", "--pl-button-w:"})
    EXPECT_NE(css.find(token), std::string::npos) << token;
  EXPECT_NE(page.find("@font-face"), std::string::npos) << "the page itself keeps its fonts";
}

}  // namespace
}  // namespace passerelle
