// unit-mirror.cpp — the semantic mirror says what the canvas shows: same text, same order,
// one focusable element per canvas target (with the right kind), and the roles, names and
// states of the banner, the panel and the map's country list.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/mirror/mirror.hpp"
#include "core/mirror/html.hpp"
#include "core/page/layout.hpp"
#include "fake_metrics.hpp"
#include "test_support.hpp"

namespace passerelle {
namespace {

using Role = SemNode::Role;

// Text without any white space (ASCII or no-break), so that line breaks and run boundaries
// of the canvas do not matter.
std::string squeeze(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') continue;
    if (s.substr(i, 2) == "\u00A0") {
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

void erase_all(std::string& s, std::string_view what) {
  for (std::size_t at = s.find(what); !what.empty() && at != std::string::npos; at = s.find(what, at))
    s.erase(at, what.size());
}

std::string canvas_text(const PageLayout& l) {
  std::string s;
  for (const PlacedRun& r : l.runs) s += r.text;
  return s;
}

void collect(const SemNode& n, std::vector<const SemNode*>& out) {
  out.push_back(&n);
  for (const SemNode& c : n.children) collect(c, out);
}
std::vector<const SemNode*> all_nodes(const SemNode& n) {
  std::vector<const SemNode*> v;
  collect(n, v);
  return v;
}
const SemNode* by_key(const SemNode& root, std::string_view key) {
  for (const SemNode* n : all_nodes(root))
    if (n->key == key) return n;
  return nullptr;
}

// Every layout target has exactly one mirror element, of the matching kind.
void expect_targets_match(const PageLayout& layout, const SemNode& mirror, const Pack& pack) {
  const std::vector<std::string> keys = mirror_keys(mirror);
  std::set<std::string> page_keys;
  for (const std::string& k : keys)
    if (k[0] == 't') {
      EXPECT_TRUE(page_keys.insert(k).second) << "key twice: " << k;
    }
  ASSERT_EQ(page_keys.size(), layout.targets.size());
  for (std::size_t i = 0; i < layout.targets.size(); ++i) {
    const Target& t = layout.targets[i];
    const SemNode* n = by_key(mirror, "t" + std::to_string(i));
    ASSERT_NE(n, nullptr) << "no mirror element for target " << i;
    switch (t.kind) {
      case Target::Kind::url:
        EXPECT_EQ(n->role, Role::link);
        EXPECT_EQ(n->href, t.url);
        EXPECT_TRUE(n->external);
        break;
      case Target::Kind::page:
        EXPECT_EQ(n->role, Role::link);
        EXPECT_EQ(n->href, t.url);
        EXPECT_EQ(n->lang, t.lang);
        break;
      case Target::Kind::footnote:
        EXPECT_EQ(n->role, Role::link);
        EXPECT_EQ(n->href, "#fn-" + std::to_string(t.footnote + 1));
        break;
      case Target::Kind::footnote_back:
        EXPECT_EQ(n->role, Role::link);
        EXPECT_EQ(n->href, "#fnref-" + std::to_string(t.footnote + 1));
        break;
      case Target::Kind::country: {
        EXPECT_EQ(n->role, Role::button);
        const MapCountryText* c = pack.map->country(t.url);
        ASSERT_NE(c, nullptr);
        EXPECT_EQ(mirror_text(*n), c->name);
        break;
      }
    }
  }
}

TEST(Mirror, PageTargetsAndTextMatchTheCanvasInEveryMapState) {
  const Pack pack = test::shipped_pack();
  ASSERT_TRUE(pack.map.has_value());
  testing::FakeMetrics metrics;
  std::vector<std::string> states = {""};
  for (const MapRole& r : pack.map->roles)
    for (const std::string& iso : r.countries) states.push_back(iso);
  for (const std::string& sel : states) {
    SCOPED_TRACE("selected: " + sel);
    for (float width : {375.0f, 1280.0f}) {
      LayoutState ls;
      ls.map_selected = sel;
      const PageLayout layout = layout_page(pack, width, metrics, ls);
      const SemNode mirror = mirror_page(pack, MirrorState{sel});
      expect_targets_match(layout, mirror, pack);

      // The same characters in the same order; the canvas draws the map's buttons as icons
      // and the breadcrumb's separators as "›".
      std::string canvas = squeeze(canvas_text(layout));
      erase_all(canvas, "›");
      std::string text = squeeze(mirror_text(mirror));
      for (const std::string* w : {&pack.map->labels.zoom_in, &pack.map->labels.zoom_out, &pack.map->labels.reset})
        erase_all(text, squeeze(*w));
      EXPECT_EQ(text, canvas);
    }
  }
}

TEST(Mirror, MapOnlyViewMatchesTheEmbeddedFigure) {
  const Pack pack = test::shipped_pack();
  testing::FakeMetrics metrics;
  LayoutState ls;
  ls.map_selected = "ML";
  ls.embedded = true;
  const PageLayout layout = layout_map_figure(pack, 600, metrics, ls);
  MirrorState ms{"ML"};
  ms.map_only = true;
  const SemNode mirror = mirror_page(pack, ms);
  expect_targets_match(layout, mirror, pack);
}

TEST(Mirror, PageStructureIsARealDocument) {
  const Pack pack = test::shipped_pack();
  const SemNode m = mirror_page(pack, MirrorState{"SN"});
  std::map<int, int> headings;
  int mains = 0, banners = 0, figures = 0;
  const SemNode* h1 = nullptr;
  for (const SemNode* n : all_nodes(m)) {
    if (n->role == Role::heading) {
      ++headings[n->level];
      if (n->level == 1) h1 = n;
    }
    mains += n->role == Role::main;
    banners += n->role == Role::banner;
    figures += n->role == Role::figure;
  }
  EXPECT_EQ(headings[1], 1);
  ASSERT_NE(h1, nullptr);
  EXPECT_EQ(mirror_text(*h1), pack.page.title);
  EXPECT_GE(headings[2], 2);  // the map's title and "Construction de la paix"
  EXPECT_EQ(mains, 1);
  EXPECT_EQ(banners, 1);
  EXPECT_EQ(figures, 1);

  // The country list: one toggle per country, Senegal pressed, the others not.
  int pressed = 0, toggles = 0;
  for (const SemNode* n : all_nodes(m)) {
    if (n->role != Role::button || n->pressed < 0) continue;
    ++toggles;
    if (n->pressed == 1) {
      ++pressed;
      EXPECT_EQ(mirror_text(*n), "Sénégal");
    }
  }
  EXPECT_EQ(toggles, 9);
  EXPECT_EQ(pressed, 1);
  // Senegal's details are in the figure, and nobody else's.
  const MapCountryText* sn = pack.map->country("SN");
  ASSERT_TRUE(sn && !sn->details.empty());
  const SemNode* figure = nullptr;
  for (const SemNode* n : all_nodes(m))
    if (n->role == Role::figure) figure = n;
  ASSERT_NE(figure, nullptr);
  const std::string details = squeeze(mirror_text(figure->children.back()));
  EXPECT_NE(details.find(squeeze(sn->details.front().plain())), std::string::npos);
  ASSERT_FALSE(figure->children.back().children.empty());
  EXPECT_EQ(mirror_text(figure->children.back().children.front()), "Sénégal");  // its heading
  const std::string html = render_html(m);
  EXPECT_NE(html.find("<h3>Sénégal</h3>"), std::string::npos);
}

TEST(Mirror, LanguageLinkLeadsToTheTranslation) {
  const Pack pack = test::shipped_pack();
  ASSERT_FALSE(pack.page.translations.empty());
  const SemNode m = mirror_page(pack);
  const std::string html = render_html(m);
  EXPECT_NE(html.find("<a lang=\"en\" data-key=\"t0\" href=\"index.en.html\" hreflang=\"en\">English</a>"),
            std::string::npos)
      << html.substr(0, 600);
}

// Text in another language than the page's keeps its lang, a link or not: the French page's
// closing line "International Solidarities department in English" (no address in the seed,
// so plain text) was an <li> without it, read with French pronunciation.
TEST(Mirror, TextInAnotherLanguageKeepsItsLangWithOrWithoutALink) {
  const Pack pack = test::shipped_pack();
  const std::string html = render_html(mirror_page(pack));
  EXPECT_NE(html.find("<li><span lang=\"en\">International Solidarities department in English</span></li>"),
            std::string::npos)
      << html.substr(html.size() > 800 ? html.size() - 800 : 0);
  SemNode text;
  text.role = Role::text;
  text.text = "a <b>";
  text.lang = "de";
  SemNode p;
  p.role = Role::paragraph;
  p.children.push_back(text);
  EXPECT_EQ(render_html(p), "<p><span lang=\"de\">a &lt;b&gt;</span></p>");
}

ConsentConfig consent_of(const Pack& p) { return *p.consent; }

TEST(Mirror, BannerIsADialogWithTheThreeEqualChoicesThenContinue) {
  const Pack pack = test::shipped_pack();
  const SemNode c = mirror_consent(consent_of(pack), "fr", ConsentMirrorState{});
  ASSERT_EQ(c.children.size(), 1u);
  const SemNode& d = c.children[0];
  EXPECT_EQ(d.role, Role::dialog);
  EXPECT_FALSE(d.modal);  // the page stays readable behind the banner
  EXPECT_EQ(mirror_keys(c), (std::vector<std::string>{"consent:refuse_all", "consent:accept_all",
                                                      "consent:customise", "consent:continue_without"}));
  EXPECT_EQ(mirror_text(*by_key(c, "consent:refuse_all")), "Tout refuser");
  const std::string html = render_html(c);
  EXPECT_NE(html.find("<section role=\"dialog\" aria-labelledby=\"consent-title\"><h2 id=\"consent-title\">"
                      "Utilisation des cookies</h2>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<button data-key=\"consent:refuse_all\" type=\"button\">Tout refuser</button>"),
            std::string::npos);
  // In English, the English words.
  EXPECT_EQ(mirror_text(*by_key(mirror_consent(consent_of(pack), "en", {}), "consent:refuse_all")),
            pack.consent->texts.at("en").refuse_all);
}

TEST(Mirror, PanelIsAModalDialogWithOneSwitchPerOptionalPurpose) {
  const Pack pack = test::shipped_pack();
  ConsentManager m(consent_of(pack));
  ConsentStart start;
  start.now = 1'800'000'000;
  m.start(start);
  m.open_panel();
  std::string optional_id;
  for (const ConsentPurpose& p : pack.consent->purposes)
    if (!p.required && optional_id.empty()) optional_id = p.id;
  ASSERT_FALSE(optional_id.empty());
  m.set_pending(optional_id, true);
  const SemNode c = mirror_consent(m.config(), "fr", consent_mirror_state(m, false));
  ASSERT_EQ(c.children.size(), 1u);
  EXPECT_TRUE(c.children[0].modal);
  int switches = 0;
  for (const SemNode* n : all_nodes(c)) {
    if (n->role != Role::switch_) continue;
    ++switches;
    EXPECT_EQ(n->pressed, n->key == "consent:switch:" + optional_id ? 1 : 0) << n->key;
  }
  int optional = 0;
  for (const ConsentPurpose& p : pack.consent->purposes) optional += !p.required;
  EXPECT_EQ(switches, optional);
  const std::vector<std::string> keys = mirror_keys(c);
  EXPECT_EQ(keys.back(), "consent:accept_all");
  EXPECT_NE(render_html(c).find("role=\"switch\" aria-checked=\"true\""), std::string::npos);
  EXPECT_NE(render_html(c).find("aria-modal=\"true\""), std::string::npos);
}

TEST(Mirror, AfterAChoiceOnlyTheManageButtonRemains) {
  const Pack pack = test::shipped_pack();
  ConsentMirrorState s;
  s.view = ConsentView::hidden;
  const SemNode c = mirror_consent(consent_of(pack), "fr", s);
  EXPECT_EQ(mirror_keys(c), std::vector<std::string>{"consent:manage"});
  EXPECT_EQ(mirror_text(c), "Gérer mes cookies");
  s.withdrawn_notice = true;
  EXPECT_NE(mirror_text(mirror_consent(consent_of(pack), "fr", s)).find(pack.consent->texts.at("fr").withdrawn_notice),
            std::string::npos);
}

TEST(MirrorHtml, EscapesTextAndAttributes) {
  EXPECT_EQ(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  PackResult r = parse_pack(test::pack_with_body(R"J({"type": "paragraph", "text": "x <script>alert(1)</script> [y](https://e.example/?a=1&b='2')"})J"),
                            "t.json");
  ASSERT_TRUE(r.ok()) << format(r.errors.front());
  const std::string html = render_html(mirror_page(*r.pack));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://e.example/?a=1&amp;b=&#39;2&#39;\" target=\"_blank\" rel=\"noopener\""),
            std::string::npos)
      << html;
}

TEST(MirrorHtml, HeadCarriesTitleDescriptionCanonicalAlternatesAndStructuredData) {
  const Pack pack = test::shipped_pack();
  HeadOptions o;
  o.base_url = "https://example.org/international/";
  o.self_href = "";
  const std::string head = render_head(pack, o);
  EXPECT_NE(head.find("<title>International | La Cimade</title>"), std::string::npos) << head;
  EXPECT_NE(head.find("<link rel=\"canonical\" href=\"https://example.org/international/\">"), std::string::npos);
  EXPECT_NE(head.find("hreflang=\"en\" href=\"https://example.org/international/index.en.html\""), std::string::npos);
  EXPECT_NE(head.find("hreflang=\"x-default\" href=\"https://example.org/international/\""), std::string::npos);
  EXPECT_NE(head.find("\"@type\":\"WebPage\""), std::string::npos);
  EXPECT_NE(head.find("\"@type\":\"Organization\""), std::string::npos);
  EXPECT_NE(head.find("<meta property=\"og:locale\" content=\"fr_FR\">"), std::string::npos);
  const std::string d = page_description(pack);
  EXPECT_LE(d.size(), 170u * 2);
  EXPECT_EQ(d.rfind("La Cimade bénéficie", 0), 0u);
}

TEST(MirrorHtml, StructuredDataCannotCloseItsScript) {
  PackResult r = parse_pack(test::pack_with_page(R"("id": "t", "title": "a</script><b>", "body": [{"type": "paragraph", "text": "x"}])"),
                            "t.json");
  ASSERT_TRUE(r.ok());
  const std::string head = render_head(*r.pack, HeadOptions{"https://e.example/", ""});
  const std::size_t ld = head.find("application/ld+json");
  ASSERT_NE(ld, std::string::npos);
  EXPECT_EQ(head.find("</script><b>", ld), std::string::npos);
  EXPECT_NE(head.find("<title>a&lt;/script&gt;&lt;b&gt; | S</title>"), std::string::npos);
}

}  // namespace
}  // namespace passerelle

namespace passerelle {
namespace {
TEST(Mirror, AFootnoteMarkAndItsWayBackHaveDifferentNamesThatHoldTheirText) {
  PackResult r = parse_pack(test::read_file(test::source_path("content/international.fr.json")), "p.json");
  ASSERT_TRUE(r.ok());
  const std::string html = render_html(mirror_page(*r.pack));
  EXPECT_NE(html.find("href=\"#fn-1\" aria-label=\"Note [1]\">[1]</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"#fnref-1\" aria-label=\"[1] Retour au texte\">[1]</a>"), std::string::npos);
}
}  // namespace
}  // namespace passerelle
