// mirror/consent_kit.hpp — what a partner's consent embed needs to show its banner and record a
// first choice before (and usually without) the wasm: written at build time by
// `passerelle-pack consent-banner` into dist/consent-banner.<lang>.json, which
// web/consent-banner.js reads.
//
// Why: the consent view's canvas needs the wasm, five fonts and the pack (18 requests, 253 KB
// before the banner could be answered); the banner itself is a few hundred bytes of HTML.  So
// the same core code that prerenders the standalone page's banner (mirror_consent +
// render_html) writes it here, with the rules a first decision needs, and the canvas is loaded
// only for what the HTML does not do (the settings panel).
//
// The kit, one JSON object:
//   "lang"      the pack's language (the record's lang)
//   "banner"    the banner's HTML as a first visit sees it (ConsentView::banner, no GPC)
//   "manage"    the HTML after a choice: the "Gérer mes cookies" button (ConsentView::hidden)
//   "css"       design::shadow_stylesheet(rules): the tokens and the page's rules for a shadow root
//   "version"   the policy version a record carries
//   "maxAge"    the cookie's Max-Age (consent_max_age_seconds)
//   "purposes"  [{"id", "required", "gcm": [Google Consent Mode types]}] in the pack's order
//   "gcm"       whether Google Consent Mode signals are sent
//   "texts"     consent_texts_canonical(config, lang): the bytes a proof of consent hashes
//   "notice"    the saved notice, said in the live region after a choice
// A pack without a consent section has no kit (an error: nothing to show).
//
// The standalone page answers its prerendered banner the same way (issue 16: a click on "Tout
// refuser" before the canvas has started is recorded at once): it needs no banner HTML (the
// page has it) and no stylesheet, only the fields a first choice needs, which
// consent_choice_data writes as an inline data block for mirror/prerender:
//   <script type="application/json" id="passerelle-consent-kit">{lang, version, maxAge,
//   purposes, gcm, texts, notice}</script>
// (json::dump_for_script: nothing in it can end the element; it is data, never run, so the
// page's CSP has no hash for it).
//
// Depends on: pack/pack.hpp, mirror/mirror.hpp, mirror/html.hpp, consent/proof.hpp,
// design/stylesheet.hpp, json/document.hpp (the kit is written with json::dump).
#pragma once
#include <string>
#include <string_view>

#include "core/pack/pack.hpp"

namespace passerelle {

struct ConsentKitResult {
  std::string json;
  std::string error;  // non-empty: why there is no kit
  bool ok() const { return error.empty(); }
};

// rules: the page's hand-written stylesheet (shell/passerelle.css).
ConsentKitResult consent_kit(const Pack& pack, std::string_view rules);

// The page's data block (above), "" for a pack without consent.
std::string consent_choice_data(const Pack& pack);

}  // namespace passerelle
