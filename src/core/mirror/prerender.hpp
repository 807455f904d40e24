// mirror/prerender.hpp — the page's HTML before any script runs: the shell with the pack's head
// (title, description, canonical, hreflang, Open Graph, structured data) and the semantic
// mirror (the article and the consent banner as real HTML) filled in.
//
// The shell (shell/index.html) marks where things go:
//   @LANG@          the pack's language (<html lang>)
//   @PACK@          the pack's address, for the script that starts the canvas
//   <!-- @HEAD@ --> the head elements (render_head) and a small inline script
//   <!-- @MIRROR@ --> the mirror: <div data-passerelle-mirror> with the parts
//                   [data-passerelle-part="consent"] (the banner, as a first visit sees it)
//                   and [data-passerelle-part="page"]
// Each marker must appear exactly once.  The shell's other comments are for its readers, not
// for visitors: they are left out of the page (with their line when alone on it).
//
// The inline script does two things that cannot wait for the wasm: ?lang=xx goes to the
// translation's page at once (before the first paint), and a visitor who already has a
// consent cookie does not see the prerendered banner flash (the core decides for real
// whether the cookie is valid, and shows the banner again if it is not).
//
// Depends on: mirror/html.hpp, pack/pack.hpp.
#pragma once
#include <string>
#include <string_view>

#include "core/mirror/html.hpp"
#include "core/pack/pack.hpp"

namespace passerelle {

struct PrerenderOptions {
  HeadOptions head;
  std::string pack_url;  // e.g. "content/international.fr.json"
};

struct PrerenderResult {
  std::string html;
  std::string error;  // non-empty: what is wrong with the shell
  bool ok() const { return error.empty(); }
};

PrerenderResult prerender_page(std::string_view shell, const Pack& pack, const PrerenderOptions& o);

}  // namespace passerelle
