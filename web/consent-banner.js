// consent-banner.js — a partner's consent box before (and usually without) the wasm: the banner
// as HTML, answerable at once.  Loaded by embed-widget.js, beside consent-gate.js and the kit
// (dist/consent-banner.<lang>.json, written by `passerelle-pack consent-banner` from the pack:
// core/mirror/consent_kit.hpp), for a first visit only: no consent cookie yet, cookies
// writable, no Global Privacy Control.  Every other case (a choice to check, a banner that
// must say GPC refused for the visitor) is the canvas's, whose rules are the core's.
//
// Why HTML: the banner is a few hundred bytes, the canvas that drew it needed the wasm, five
// fonts and the pack first (18 requests, 253 KB).  The banner's HTML is the core's own
// (mirror_consent + render_html, the standalone page's prerendered banner), styled with the
// design tokens in a constructed stylesheet (no <style>: a strict style-src holds).
//
// What it decides itself is the first choice's three buttons (Tout accepter, Tout refuser,
// Continuer sans accepter) and "Afficher la vidéo" on a placeholder, through consent-record.js
// (shared with the standalone page's prerendered banner): a record and its cookie in the
// core's format (core/consent/record.cpp, format 1, FNV-1a checksum; the canvas reads it back,
// tests/e2e/embed-consent.test.mjs checks that it does), handed to consent-gate.js as the
// canvas's decisions are (same cookie, same proof of consent, same gating).  A first
// choice withdraws nothing, so no cookie is deleted.  "Personnaliser" and, after a choice,
// "Gérer mes cookies" open the settings panel: the canvas's (canvas(key): the widget starts
// the view with that action queued), which then takes over.
//
// The box does not take the focus from the host (the banner waits at the end of its Tab
// order); after a choice made from the keyboard, the focus moves to "Gérer mes cookies".
//
// Depends on: consent-gate.js (Passerelle._consentGate), consent-record.js (Passerelle._consentRecord,
// shipped in front of this file: scripts/embed-assets.mjs).
(function () {
  'use strict';
  var P = window.Passerelle = window.Passerelle || {};
  if (P._consentBanner) return;
  var DECISIONS = { 'consent:accept_all': 'accept_all', 'consent:refuse_all': 'refuse_all', 'consent:continue_without': 'continue_without' };
  var sheets = {};  // one constructed stylesheet per kit css

  P._consentBanner = { show: show };

  // o: {root: the shadow root, into: the element the layer goes in, kit, lang,
  //     announce(text): the box's live region, canvas(key): start the canvas with key queued}.
  // Returns {layer, remove()}; the banner is in the layer, answerable, when it returns.
  function show(o) {
    var kit = o.kit, gate = P._consentGate, R = P._consentRecord;
    var sheet = sheets[kit.css] || (sheets[kit.css] = new CSSStyleSheet());
    if (!sheet.cssRules.length) sheet.replaceSync(kit.css);
    if (o.root.adoptedStyleSheets.indexOf(sheet) < 0) o.root.adoptedStyleSheets = o.root.adoptedStyleSheets.concat([sheet]);
    var layer = document.createElement('div');
    layer.className = 'passerelle-mirror banner';
    layer.lang = o.lang;
    var part = document.createElement('div');
    part.setAttribute('data-passerelle-part', 'consent');
    part.innerHTML = kit.banner;  // the core's escaped HTML, from a file fetched with its integrity
    layer.append(part);
    o.into.append(layer);
    var state = { record: null, gone: false };
    var handle = { layer: layer, remove: function () { state.gone = true; layer.remove(); } };
    part.addEventListener('click', function (e) {
      var b = e.target.closest && e.target.closest('button[data-key]');
      if (!b || state.gone) return;
      var key = b.getAttribute('data-key');
      if (DECISIONS[key]) {
        var focused = o.root.activeElement === b;
        state.record = R.decide(kit, o.lang, DECISIONS[key], state.record, null);
        part.innerHTML = kit.manage;
        if (focused) part.querySelector('button').focus({ preventScroll: true });
      } else {
        b.setAttribute('aria-busy', 'true');  // the panel is on its way (the canvas)
        o.canvas(key);
      }
    });
    gate.attach({
      lang: o.lang, announce: o.announce,
      show: function () { if (!state.gone) o.canvas(state.record ? 'consent:manage' : 'consent:customise'); },
      grant: function (purpose) {
        if (state.gone || !kit.purposes.some(function (p) { return p.id === purpose; })) return;
        state.record = R.decide(kit, o.lang, 'custom', state.record, purpose);
        part.innerHTML = kit.manage;
      }
    }, { record: null, gcm: R.gcm(kit, null) });
    return handle;
  }

})();
