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
// Continuer sans accepter) and "Afficher la vidéo" on a placeholder: a record and its cookie
// in the core's format (core/consent/record.cpp, format 1, FNV-1a checksum; the canvas reads
// it back, tests/e2e/embed-consent.test.mjs checks that it does), handed to consent-gate.js as
// the canvas's decisions are (same cookie, same proof of consent, same gating).  A first
// choice withdraws nothing, so no cookie is deleted.  "Personnaliser" and, after a choice,
// "Gérer mes cookies" open the settings panel: the canvas's (canvas(key): the widget starts
// the view with that action queued), which then takes over.
//
// The box does not take the focus from the host (the banner waits at the end of its Tab
// order); after a choice made from the keyboard, the focus moves to "Gérer mes cookies".
//
// Depends on: consent-gate.js (Passerelle._consentGate).
(function () {
  'use strict';
  var P = window.Passerelle = window.Passerelle || {};
  if (P._consentBanner) return;
  var NAME = 'passerelle_consent';  // inside the checksum, whatever name the cookie is stored under
  var DECISIONS = { 'consent:accept_all': 'accept_all', 'consent:refuse_all': 'refuse_all', 'consent:continue_without': 'continue_without' };
  var sheets = {};  // one constructed stylesheet per kit css

  P._consentBanner = { show: show };

  // o: {root: the shadow root, into: the element the layer goes in, kit, lang,
  //     announce(text): the box's live region, canvas(key): start the canvas with key queued}.
  // Returns {layer, remove()}; the banner is in the layer, answerable, when it returns.
  function show(o) {
    var kit = o.kit, gate = P._consentGate;
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
        decide(o, state, DECISIONS[key], null);
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
        decide(o, state, 'custom', purpose);
        part.innerHTML = kit.manage;
      }
    }, { record: null, gcm: gcm(kit, null) });
    return handle;
  }

  // A decision: the record (every purpose of the kit, in order), its cookie, what the gate
  // does with it.  custom: the purposes granted before, and `purpose`.
  function decide(o, state, action, purpose) {
    var kit = o.kit, prev = state.record, now = Math.floor(Date.now() / 1000);
    var choices = {}, pairs = [];
    kit.purposes.forEach(function (p) {
      var on = p.required || action === 'accept_all' ||
        (action === 'custom' && (p.id === purpose || !!(prev && prev.choices[p.id])));
      choices[p.id] = on;
      pairs.push([p.id, on]);
    });
    var record = state.record = {
      version: kit.version, timestamp: new Date(now * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      id: randomId(), lang: o.lang, choices: choices
    };
    P._consentGate.decided({
      record: record, cookie: encodeCookie(kit.version, now, record.id, o.lang, pairs), maxAge: kit.maxAge,
      delete: [], reload: false, notice: kit.notice, gcm: gcm(kit, record), action: action,
      replaces: prev ? prev.id : '', choices: choicesText(pairs), texts: kit.texts
    });
  }

  // Google Consent Mode v2, as the core says it (consent_exports.cpp): a type is granted when
  // any purpose that grants it is; null when the pack does not use it.
  function gcm(kit, record) {
    if (!kit.gcm) return null;
    var g = {};
    kit.purposes.forEach(function (p) {
      var on = p.required || !!(record && record.choices[p.id]);
      p.gcm.forEach(function (t) { if (!(t in g) || on) g[t] = on ? 'granted' : 'denied'; });
    });
    return g;
  }

  function choicesText(pairs) {
    return pairs.map(function (c) { return c[0] + ':' + (c[1] ? '1' : '0'); }).join('|');
  }

  // The cookie value, format 1 of core/consent/record.cpp:
  // 1.<version>.<time>.<id>.<lang>.<purpose:0|1|…>.<FNV-1a of "passerelle_consent=" + the rest>
  function encodeCookie(version, time, id, lang, pairs) {
    var covered = '1.' + version + '.' + time + '.' + id + '.' + lang + '.' + choicesText(pairs);
    var h = 2166136261, s = NAME + '=' + covered;
    for (var i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;  // ASCII only
    return covered + '.' + ('0000000' + h.toString(16)).slice(-8);
  }

  // 32 lowercase hex digits from the browser's CSPRNG, as the canvas's records.
  function randomId() {
    var b = crypto.getRandomValues(new Uint8Array(16));
    return [].map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }
})();
