// mirror/html.hpp — the semantic mirror as HTML, and the head of the prerendered page.
//
// render_html() writes real elements (h1–h3, p, a href, button, role="switch" with
// aria-checked, ul/ol, figure, section role="dialog"), text as text nodes, every focusable
// element with data-key (the canvas item it stands for).  The same function runs at build
// time (passerelle-pack prerender → dist/index.html) and in the browser (the live mirror),
// so the first paint and the running page cannot differ in structure.
//
// render_head() writes what search engines and link previews read, from the pack: <title>,
// the description, canonical and hreflang links, Open Graph, and schema.org structured data.
//
// Depends on: mirror/mirror.hpp, pack/pack.hpp (mirror/html.cpp also uses json/document.hpp).
#pragma once
#include <string>
#include <string_view>

#include "core/mirror/mirror.hpp"
#include "core/pack/pack.hpp"

namespace passerelle {

// Text for HTML text nodes and double-quoted attribute values: & < > " ' escaped.
std::string escape_html(std::string_view s);

std::string render_html(const SemNode& n);

struct HeadOptions {
  std::string base_url;   // absolute, ending in '/': where the site is published
  std::string self_href;  // this page, relative to base_url ("" for the site's root page)
  std::string default_lang = "fr";  // the page hreflang="x-default" points to
};

// "International | La Cimade".
std::string page_title(const Pack& pack);
// The lead's text, cut at a word boundary to at most about 160 characters ("…" added).
std::string page_description(const Pack& pack);
std::string render_head(const Pack& pack, const HeadOptions& o);

}  // namespace passerelle
