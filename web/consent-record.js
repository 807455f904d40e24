// consent-record.js — a first consent choice decided in JS, before (and without) the wasm: the
// record and its cookie in the core's format, handed to consent-gate.js as the canvas's
// decisions are (same cookie, same proof of consent, same gating, same notice).
//
// Two callers share it, so the two cannot drift: the consent embed's HTML banner
// (consent-banner.js; embed-assets.mjs ships the two files as one, consent-banner.<hash>.js)
// and the standalone page's prerendered banner clicked before the canvas has started
// (web/loader/mirror.js; build-loader.mjs puts this file in front of passerelle.js).  Both
// only ever ask on a first visit (no consent cookie, cookies writable, no Global Privacy
// Control): every other case is the canvas's, whose rules are the core's.
//
// kit: the fields a first choice needs — the embed's kit (dist/consent-banner.<lang>.json) or
// the page's data block (<script type="application/json" id="passerelle-consent-kit">), both
// written by core/mirror/consent_kit: version, maxAge, purposes [{id, required, gcm}], gcm,
// texts (what a proof hashes), notice.
//
// Depends on: consent-gate.js (Passerelle._consentGate), called at decision time.
(function () {
  'use strict';
  var P = window.Passerelle = window.Passerelle || {};
  if (P._consentRecord) return;
  var NAME = 'passerelle_consent';  // inside the checksum, whatever name the cookie is stored under

  P._consentRecord = { decide: decide, gcm: gcm };

  // A decision: the record (every purpose of the kit, in order), its cookie, what the gate
  // does with it.  action: accept_all, refuse_all, continue_without, or custom (prev: the
  // record before, its granted purposes kept, and `purpose`).  Returns the record.
  function decide(kit, lang, action, prev, purpose) {
    var now = Math.floor(Date.now() / 1000), choices = {}, pairs = [];
    kit.purposes.forEach(function (p) {
      var on = p.required || action === 'accept_all' ||
        (action === 'custom' && (p.id === purpose || !!(prev && prev.choices[p.id])));
      choices[p.id] = on;
      pairs.push([p.id, on]);
    });
    var record = {
      version: kit.version, timestamp: new Date(now * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      id: randomId(), lang: lang, choices: choices
    };
    P._consentGate.decided({
      record: record, cookie: encodeCookie(kit.version, now, record.id, lang, pairs), maxAge: kit.maxAge,
      delete: [], reload: false, notice: kit.notice, gcm: gcm(kit, record), action: action,
      replaces: prev ? prev.id : '', choices: choicesText(pairs), texts: kit.texts
    });
    return record;
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
