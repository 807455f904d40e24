// unit-prerender.cpp — the page before any script: the shell filled with the pack's head and
// mirror, in each language; a shell without its markers is an error, not a silent page.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "core/json/document.hpp"
#include "core/mirror/consent_kit.hpp"
#include "core/mirror/html.hpp"
#include "core/mirror/prerender.hpp"
#include "test_support.hpp"

namespace passerelle {
namespace {

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
    const Pack pack = test::shipped_pack(file);
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
  const Pack pack = test::shipped_pack("content/international.fr.json");
  const PrerenderResult missing = prerender_page("<html lang=\"@LANG@\"><!-- @HEAD@ -->@PACK@", pack, options("p.json"));
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.error.find("@MIRROR@"), std::string::npos);
  const PrerenderResult twice = prerender_page(
      "@LANG@ @LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  EXPECT_FALSE(twice.ok());
  const PrerenderResult ok = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  EXPECT_TRUE(ok.ok()) << ok.error;
}

// The shell's comments are for its readers: none reaches the page, the markers' are filled in,
// and a comment alone on its line leaves no empty line behind.
TEST(Prerender, TheShellsCommentsAreLeftOut) {
  const Pack pack = test::shipped_pack("content/international.fr.json");
  const PrerenderResult r = prerender_page(
      "<html lang=\"@LANG@\">\n<!-- a note\n  on two lines -->\n<head><!-- @HEAD@ --></head>\n"
      "<body data-p=\"@PACK@\"><!-- inline --><p>x</p>\n<!-- @MIRROR@ -->\n<!---->\n</body>",
      pack, options("p.json"));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.html.find("<!--"), std::string::npos) << r.html;
  EXPECT_EQ(r.html.find("a note"), std::string::npos);
  EXPECT_NE(r.html.find("<html lang=\"fr\">\n<head>"), std::string::npos) << r.html.substr(0, 80);
  EXPECT_NE(r.html.find("<p>x</p>\n"), std::string::npos);
  EXPECT_NE(r.html.find("data-passerelle-mirror"), std::string::npos);
  EXPECT_NE(r.html.find("</div>\n</body>"), std::string::npos) << "the empty comment's line is gone";
  const std::string shell = test::read_file(test::source_path("shell/index.html"));
  const PrerenderResult page = prerender_page(shell, pack, options("content/international.fr.json"));
  ASSERT_TRUE(page.ok()) << page.error;
  EXPECT_EQ(page.html.find("<!--"), std::string::npos) << "shell/index.html's comments";
}

TEST(Prerender, LangParameterAndTheConsentCookieHintAreInTheInlineScript) {
  const Pack pack = test::shipped_pack("content/international.fr.json");
  const PrerenderResult r = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.html.find("var t={\"en\":\"index.en.html\"}"), std::string::npos) << r.html.substr(0, 400);
  // Only the table's own keys (?lang=constructor must not find Object's constructor).
  EXPECT_NE(r.html.find("if(m&&{}.hasOwnProperty.call(t,m[1]))"), std::string::npos);
  // The cookie consent-gate.js writes: __Host-passerelle_consent on https.
  EXPECT_NE(r.html.find("(location.protocol=='https:'?'__Host-':'')+'passerelle_consent='"), std::string::npos);
}

// How many times needle (lowercase) occurs in s, case-insensitively.
std::size_t count_ci(std::string s, std::string_view needle) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  std::size_t n = 0;
  for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
  return n;
}

// tests/fixtures/hostile-head.json: the shipped pack with "<!--<script>", "</script>",
// "]]>", U+2028/2029, '&' and quotes in the site name, title, breadcrumb, lead and body.
TEST(Prerender, HostileTextInEveryHeadFieldStaysText) {
  const std::string shell = test::read_file(test::source_path("shell/index.html"));
  const Pack pack = test::shipped_pack("tests/fixtures/hostile-head.json");  // it passes validation
  const PrerenderResult r = prerender_page(shell, pack, options("content/hostile-head.json"));
  ASSERT_TRUE(r.ok()) << r.error;
  // Exactly the shell's scripts plus the ones the prerender writes (JSON-LD, the inline script,
  // the consent data block); no comment opened by text (the shell's own are left out).
  ASSERT_TRUE(pack.consent.has_value());
  EXPECT_EQ(count_ci(r.html, "<script"), count_ci(shell, "<script") + 3);
  EXPECT_EQ(count_ci(r.html, "</script"), count_ci(shell, "</script") + 3);
  EXPECT_EQ(count_ci(r.html, "<!--"), 0u);
  const std::string title = page_title(pack);
  EXPECT_NE(r.html.find("<title>" + escape_html(title) + "</title>"), std::string::npos);
  EXPECT_NE(r.html.find("<meta property=\"og:title\" content=\"" + escape_html(pack.page.title) + "\">"),
            std::string::npos);
  EXPECT_NE(r.html.find("<meta property=\"og:site_name\" content=\"" + escape_html(pack.site.name) + "\">"),
            std::string::npos);
  EXPECT_NE(r.html.find("<meta name=\"description\" content=\"" + escape_html(page_description(pack)) + "\">"),
            std::string::npos);
  for (const std::string& crumb : pack.page.breadcrumb) EXPECT_NE(r.html.find(escape_html(crumb)), std::string::npos);
  // The JSON-LD is one element whose text parses to the pack's values.
  const std::string open = "<script type=\"application/ld+json\">";
  const std::size_t from = r.html.find(open) + open.size();
  const std::string ld = r.html.substr(from, r.html.find("</script>", from) - from);
  EXPECT_EQ(ld.find_first_of("<>&"), std::string::npos) << ld;
  const json::Builder v = json::Builder::parse(ld, nullptr, false);
  ASSERT_FALSE(v.is_discarded()) << ld;
  EXPECT_EQ(v["name"], pack.page.title);
  EXPECT_EQ(v["description"], page_description(pack));
  EXPECT_EQ(v["publisher"]["name"], pack.site.name);
}

TEST(Prerender, TheInlineScriptsDataCannotEndTheScript) {
  Pack pack = test::shipped_pack("content/international.fr.json");
  pack.page.translations.push_back({"</script><!--", "a&b<c>\xE2\x80\xA8"});
  const PrerenderResult r = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(count_ci(r.html, "</script"), 3u);  // JSON-LD, the inline script, the consent data
  EXPECT_EQ(count_ci(r.html, "<!--"), 0u);
  EXPECT_NE(r.html.find("\"\\u003c/script\\u003e\\u003c!--\":\"a\\u0026b\\u003cc\\u003e\\u2028\""), std::string::npos);
  // "?lang=constructor" is not a language of the table (Object.prototype's own keys).
  EXPECT_NE(r.html.find("{}.hasOwnProperty.call(t,m[1])"), std::string::npos);
}

// The prerendered banner answers a first choice before the canvas (web/consent-record.js): the
// page carries the embed kit's first-choice fields as data, safe whatever the pack's texts hold.
TEST(Prerender, ThePageCarriesTheFirstChoicesDataAsTheEmbedsKitDoes) {
  Pack pack = test::shipped_pack("content/international.fr.json");
  pack.consent->texts["fr"].saved_notice = "</script><!-- <b>";
  const PrerenderResult r = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  ASSERT_TRUE(r.ok()) << r.error;
  const std::string open = "<script type=\"application/json\" id=\"passerelle-consent-kit\">";
  const std::size_t at = r.html.find(open);
  ASSERT_NE(at, std::string::npos);
  const std::size_t from = at + open.size(), to = r.html.find("</script>", from);
  ASSERT_NE(to, std::string::npos);
  json::Builder data = json::Builder::parse(r.html.substr(from, to - from));
  json::Builder kit = json::Builder::parse(consent_kit(pack, "").json);
  for (const char* key : {"lang", "version", "maxAge", "purposes", "gcm", "texts", "notice"}) EXPECT_EQ(data[key], kit[key]) << key;
  EXPECT_EQ(data["notice"], "</script><!-- <b>");
  EXPECT_EQ(data.size(), 7u) << "no banner HTML or stylesheet: the page has its own";
  pack.consent.reset();
  const PrerenderResult none = prerender_page("@LANG@ @PACK@ <!-- @HEAD@ --> <!-- @MIRROR@ -->", pack, options("p.json"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.html.find("passerelle-consent-kit"), std::string::npos);
}

}  // namespace
}  // namespace passerelle
