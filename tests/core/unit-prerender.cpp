// unit-prerender.cpp — the page before any script: the shell filled with the pack's head and
// mirror, in each language; a shell without its markers is an error, not a silent page.
#include <gtest/gtest.h>

#include "core/mirror/prerender.hpp"
#include "test_support.hpp"

namespace passerelle {
namespace {

Pack shipped(const char* file) {
  PackResult r = parse_pack(test::read_file(test::source_path(file)), file);
  EXPECT_TRUE(r.ok());
  return r.ok() ? *r.pack : Pack{};
}

PrerenderOptions options(const char* pack_url) {
  PrerenderOptions o;
  o.head.base_url = "https://example.org/";
  o.head.self_href = "index.html";
  o.pack_url = pack_url;
  return o;
}

TEST(Prerender, TheShippedShellBecomesTheWholePageInEachLanguage) {
  const std::string shell = test::read_file(test::source_path("shell/index.html"));
  for (const auto& [file, lang, title_word, button] :
       {std::tuple{"content/international.fr.json", "fr", "International", "Tout refuser"},
        std::tuple{"content/international.en.json", "en", "International", "Refuse all"}}) {
    SCOPED_TRACE(file);
    const Pack pack = shipped(file);
    const PrerenderResult r = prerender_page(shell, pack, options(file));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_NE(r.html.find(std::string("<html lang=\"") + lang + "\">"), std::string::npos);
    EXPECT_NE(r.html.find(std::string("data-passerelle-pack=\"") + file + "\""), std::string::npos);
    EXPECT_NE(r.html.find(std::string("<h1>") + title_word + "</h1>"), std::string::npos);
    EXPECT_NE(r.html.find("<section role=\"dialog\""), std::string::npos);
    EXPECT_NE(r.html.find(std::string(">") + pack.consent->texts_in(lang).refuse_all + "</button>"), std::string::npos)
        << button;
    EXPECT_NE(r.html.find("<link rel=\"canonical\" href=\"https://example.org/index.html\">"), std::string::npos);
    EXPECT_NE(r.html.find("application/ld+json"), std::string::npos);
    for (const char* marker : {"@LANG@", "@PACK@", "@HEAD@", "@MIRROR@"})
      EXPECT_EQ(r.html.find(marker), std::string::npos) << marker;
    // The lead is in the document as text (search engines, find-in-page).
    EXPECT_NE(r.html.find(pack.page.lead.plain().substr(0, 40)), std::string::npos);
  }
}

TEST(Prerender, AShellWithoutItsMarkersIsAnError) {
  const Pack pack = shipped("content/international.fr.json");
  const PrerenderResult missing = prerender_page("<html lang=\"@LANG@\"><!-- @HEAD@ -->@PACK@", pack, options("p.json"));
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.error.find("@MIRROR@"), std::string::npos);
  const PrerenderResult twice = prerender_page(
      "@LANG@ @LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  EXPECT_FALSE(twice.ok());
  const PrerenderResult ok = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  EXPECT_TRUE(ok.ok()) << ok.error;
}

TEST(Prerender, LangParameterAndTheConsentCookieHintAreInTheInlineScript) {
  const Pack pack = shipped("content/international.fr.json");
  const PrerenderResult r = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.html.find("var t={'en':'index.en.html'}"), std::string::npos) << r.html.substr(0, 400);
  // Only the table's own keys (?lang=constructor must not find Object's constructor).
  EXPECT_NE(r.html.find("if(m&&{}.hasOwnProperty.call(t,m[1]))"), std::string::npos);
  // The cookie consent-gate.js writes: __Host-passerelle_consent on https.
  EXPECT_NE(r.html.find("(location.protocol=='https:'?'__Host-':'')+'passerelle_consent='"), std::string::npos);
}

}  // namespace
}  // namespace passerelle
