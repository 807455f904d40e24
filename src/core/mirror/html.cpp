// mirror/html.cpp — HTML for the semantic mirror and the page's head (see mirror/html.hpp).
//
// Depends on: mirror/html.hpp, base/utf8.hpp, json/document.hpp (JSON-LD only).
#include "core/mirror/html.hpp"

#include <algorithm>

#include "core/base/utf8.hpp"
#include "core/json/document.hpp"

namespace passerelle {
namespace {

using Role = SemNode::Role;

void attr(std::string& out, const char* name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  out += escape_html(value);
  out += '"';
}

// The id of a node's first heading child, for aria-labelledby.
const std::string* first_heading_id(const SemNode& n) {
  for (const SemNode& c : n.children)
    if (c.role == Role::heading && !c.id.empty()) return &c.id;
  return nullptr;
}

void render(const SemNode& n, std::string& out);

void children(const SemNode& n, std::string& out) {
  for (const SemNode& c : n.children) render(c, out);
}

void element(const SemNode& n, const char* tag, std::string& out, const std::string& extra = {}) {
  out += '<';
  out += tag;
  if (!n.id.empty()) attr(out, "id", n.id);
  if (!n.lang.empty()) attr(out, "lang", n.lang);
  if (!n.key.empty()) attr(out, "data-key", n.key);
  out += extra;
  out += '>';
  children(n, out);
  out += "</";
  out += tag;
  out += '>';
}

// The element a role is written as (Role::text is no element: render() writes it).
const char* tag_of(const SemNode& n) {
  switch (n.role) {
    case Role::text:
    case Role::group: return "div";
    case Role::emphasis: return "em";
    case Role::strong: return "strong";
    case Role::superscript: return "sup";
    case Role::banner: return "header";
    case Role::navigation: return "nav";
    case Role::main: return "main";
    case Role::article: return "article";
    case Role::heading: {
      static const char* const tags[] = {"h1", "h2", "h3", "h4"};
      return tags[std::clamp(n.level, 1, 4) - 1];
    }
    case Role::paragraph: return "p";
    case Role::link: return "a";
    case Role::list: return n.ordered ? "ol" : "ul";
    case Role::list_item: return "li";
    case Role::figure: return "figure";
    case Role::button:
    case Role::switch_: return "button";
    case Role::dialog:
    case Role::note: return "section";
  }
  return "div";
}

void link_attributes(const SemNode& n, std::string& extra) {
  attr(extra, "href", n.href);
  if (!n.text.empty()) attr(extra, "aria-label", n.text);
  if (n.external) {
    attr(extra, "target", "_blank");
    attr(extra, "rel", "noopener");
  }
  if (!n.lang.empty()) attr(extra, "hreflang", n.lang);
  if (n.current) attr(extra, "aria-current", "page");
}

// The attributes a role adds after the common ones (id, lang, data-key): ARIA, links'.
std::string role_attributes(const SemNode& n) {
  std::string extra;
  switch (n.role) {
    case Role::group:
      if (!n.text.empty()) {
        attr(extra, "role", "group");
        attr(extra, "aria-label", n.text);
      }
      break;
    case Role::navigation:
    case Role::list:
    case Role::note:
      if (!n.text.empty()) attr(extra, "aria-label", n.text);
      break;
    case Role::link: link_attributes(n, extra); break;
    case Role::list_item:
      if (n.current) attr(extra, "aria-current", "page");
      break;
    case Role::figure:
      if (const std::string* id = first_heading_id(n)) attr(extra, "aria-labelledby", *id);
      break;
    case Role::button:
      attr(extra, "type", "button");
      if (n.pressed >= 0) attr(extra, "aria-pressed", n.pressed ? "true" : "false");
      break;
    case Role::switch_:
      attr(extra, "type", "button");
      attr(extra, "role", "switch");
      attr(extra, "aria-checked", n.pressed > 0 ? "true" : "false");
      break;
    case Role::dialog:
      attr(extra, "role", "dialog");
      if (n.modal) attr(extra, "aria-modal", "true");
      if (const std::string* id = first_heading_id(n)) attr(extra, "aria-labelledby", *id);
      break;
    default: break;
  }
  return extra;
}

void render(const SemNode& n, std::string& out) {
  if (n.role == Role::text && !n.lang.empty()) {
    // A run of text in another language ("International Solidarities department in English"
    // on the French page): a text node carries no attribute, so it gets a span of its own.
    out += "<span";
    attr(out, "lang", n.lang);
    out += '>' + escape_html(n.text) + "</span>";
  } else if (n.role == Role::text) {
    out += escape_html(n.text);
  } else if (n.role == Role::group && n.text.empty() && n.id.empty() && n.key.empty()) {
    children(n, out);  // a plain container: its parts alone
  } else {
    element(n, tag_of(n), out, role_attributes(n));
  }
}

std::string og_locale(std::string_view lang) {
  const std::string_view primary = lang.substr(0, lang.find('-'));
  if (primary == "fr") return "fr_FR";
  if (primary == "en") return "en_GB";
  return std::string(primary);
}

}  // namespace

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_html(const SemNode& n) {
  std::string out;
  render(n, out);
  return out;
}

std::string page_title(const Pack& pack) {
  return pack.site.name.empty() ? pack.page.title : pack.page.title + " | " + pack.site.name;
}

std::string page_description(const Pack& pack) {
  const std::string lead = pack.page.lead.empty() ? pack.page.title : pack.page.lead.plain();
  constexpr std::size_t kMax = 160;
  // Count code points, cut after the last space that keeps the text within kMax.
  std::size_t i = 0, count = 0, cut = std::string::npos;
  while (i < lead.size()) {
    const std::size_t at = i;
    const char32_t c = decode_utf8(lead, i);
    if (count == kMax) return lead.substr(0, cut == std::string::npos ? at : cut) + "…";
    if (c == U' ') cut = at;
    ++count;
  }
  return lead;
}

std::string render_head(const Pack& pack, const HeadOptions& o) {
  const std::string title = page_title(pack), description = page_description(pack);
  const std::string self = o.base_url + o.self_href;
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  line("<title>" + escape_html(title) + "</title>");
  line("<meta name=\"description\" content=\"" + escape_html(description) + "\">");
  line("<link rel=\"canonical\" href=\"" + escape_html(self) + "\">");
  line("<link rel=\"alternate\" hreflang=\"" + escape_html(pack.lang) + "\" href=\"" + escape_html(self) + "\">");
  std::string x_default = pack.lang == o.default_lang ? self : std::string();
  for (const Translation& t : pack.page.translations) {
    const std::string href = o.base_url + t.href;
    line("<link rel=\"alternate\" hreflang=\"" + escape_html(t.lang) + "\" href=\"" + escape_html(href) + "\">");
    if (t.lang == o.default_lang) x_default = href;
  }
  if (!x_default.empty())
    line("<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + escape_html(x_default) + "\">");
  line("<meta property=\"og:type\" content=\"website\">");
  line("<meta property=\"og:site_name\" content=\"" + escape_html(pack.site.name) + "\">");
  line("<meta property=\"og:title\" content=\"" + escape_html(pack.page.title) + "\">");
  line("<meta property=\"og:description\" content=\"" + escape_html(description) + "\">");
  line("<meta property=\"og:url\" content=\"" + escape_html(self) + "\">");
  line("<meta property=\"og:locale\" content=\"" + escape_html(og_locale(pack.lang)) + "\">");
  for (const Translation& t : pack.page.translations)
    line("<meta property=\"og:locale:alternate\" content=\"" + escape_html(og_locale(t.lang)) + "\">");

  const json::Builder ld = {
      {"@context", "https://schema.org"},
      {"@type", "WebPage"},
      {"name", pack.page.title},
      {"description", description},
      {"inLanguage", pack.lang},
      {"url", self},
      {"publisher", {{"@type", "Organization"}, {"name", pack.site.name}}},
  };
  // No BreadcrumbList: the pages above this one have no known address.
  // Inside <script>, "</script" ends the element and "<!--" can hide its end: dump_for_script
  // writes no '<' at all (\u003c), and the JSON still parses to the same values.
  line("<script type=\"application/ld+json\">" + json::dump_for_script(ld) + "</script>");
  return out;
}

}  // namespace passerelle
