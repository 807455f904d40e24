// mirror/prerender.cpp — filling the shell (see mirror/prerender.hpp).
//
// Depends on: mirror/prerender.hpp, mirror/mirror.hpp, mirror/html.hpp, json/document.hpp (the
// inline script's data), mirror/consent_kit.hpp (the first choice's data block).
#include "core/mirror/prerender.hpp"

#include "core/json/document.hpp"
#include "core/mirror/consent_kit.hpp"
#include "core/mirror/mirror.hpp"

namespace passerelle {
namespace {

bool replace_once(std::string& s, std::string_view marker, const std::string& with, std::string& error) {
  const std::size_t at = s.find(marker);
  if (at == std::string::npos || s.find(marker, at + marker.size()) != std::string::npos) {
    error = "the shell must contain " + std::string(marker) + " exactly once";
    return false;
  }
  s.replace(at, marker.size(), with);
  return true;
}

// The shell's comments but the two markers', taken out before anything is filled in (so that
// no pack text can ever look like one); a comment alone on its line takes the line with it.
// An unterminated comment is left as it is.
void strip_comments(std::string& s) {
  std::size_t at = 0;
  while ((at = s.find("<!--", at)) != std::string::npos) {
    const std::size_t end = s.find("-->", at + 4);
    if (end == std::string::npos) return;
    const std::string_view body = std::string_view(s).substr(at, end + 3 - at);
    if (body == "<!-- @HEAD@ -->" || body == "<!-- @MIRROR@ -->") {
      at = end + 3;
      continue;
    }
    std::size_t from = at, to = end + 3;
    if ((from == 0 || s[from - 1] == '\n') && to < s.size() && s[to] == '\n') ++to;
    s.erase(from, to - from);
    at = from;
  }
}

std::string inline_script(const Pack& pack) {
  // The language table as data written by the one script-safe writer (json::dump_for_script):
  // whatever a language tag or href holds, it cannot end the element or break the code. Only
  // the table's own keys count ("?lang=constructor" is no language), and the cookie is the one
  // consent-gate.js writes: __Host-passerelle_consent on https.
  json::Builder map = json::Builder::object();
  for (const Translation& t : pack.page.translations) map[t.lang] = t.href;
  return "<script>(function(){var t=" + json::dump_for_script(map) +
         ",m=/[?&]lang=([A-Za-z-]+)/.exec(location.search);"
         "if(m&&{}.hasOwnProperty.call(t,m[1])){location.replace(t[m[1]]+location.hash);return}"
         "try{if(RegExp('(^|;\\\\s*)'+(location.protocol=='https:'?'__Host-':'')+'passerelle_consent=')"
         ".test(document.cookie))"
         "document.documentElement.classList.add('passerelle-has-choice')}catch(e){}})()</script>\n";
}

}  // namespace

PrerenderResult prerender_page(std::string_view shell, const Pack& pack, const PrerenderOptions& o) {
  PrerenderResult r;
  std::string html(shell);
  strip_comments(html);
  std::string mirror = "<div class=\"passerelle-mirror\" data-passerelle-mirror>\n<div data-passerelle-part=\"consent\">";
  if (pack.consent) mirror += render_html(mirror_consent(*pack.consent, pack.lang, ConsentMirrorState{}));
  mirror += "</div>\n<div data-passerelle-part=\"page\">" + render_html(mirror_page(pack)) + "</div>\n</div>";
  if (!replace_once(html, "@LANG@", escape_html(pack.lang), r.error) ||
      !replace_once(html, "@PACK@", escape_html(o.pack_url), r.error) ||
      !replace_once(html, "<!-- @HEAD@ -->", render_head(pack, o.head) + inline_script(pack), r.error) ||
      !replace_once(html, "<!-- @MIRROR@ -->", consent_choice_data(pack) + mirror, r.error))
    return r;
  r.html = std::move(html);
  return r;
}

}  // namespace passerelle
