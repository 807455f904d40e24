// consent-gate.js — makes the page obey the visitor's consent choices.
//
// The choices themselves are made by the C++ rules (src/core/consent*) through the canvas;
// this file enforces them in the document:
//   - <script type="text/plain" data-passerelle-purpose="audience" [src]> run only once that
//     purpose is granted: in document order, once each.
//   - <iframe data-passerelle-purpose="video" data-src="…"> stay placeholders with an
//     "Afficher la vidéo" button (which grants that purpose) until consent, and become
//     placeholders again when it is withdrawn.
//   - gated elements added at any time (late content, single-page apps) follow the current
//     choice: a MutationObserver watches the document.  A gated element that loads anyway
//     (an iframe with src, a script that is not text/plain) is neutralised where it can be
//     and reported with console.warn.
//   - the consent cookie is written (only after a choice): __Host-passerelle_consent on https
//     (Secure, Path=/, no Domain: no other host, not even a sibling subdomain, can set it),
//     passerelle_consent on http (local development); the cookies of withdrawn services are
//     deleted for this host and its parent domains;
//   - window.Passerelle.consent = { get(), show(), onChange(fn) }, the `passerelle:consent`
//     event on document, Google Consent Mode v2 signals if the pack enables them, and a
//     proof of consent sent to data-consent-log="URL" when the page sets it (kept until
//     acknowledged, see below).
// Before the wasm has started nothing is granted, so nothing gated runs.
(function () {
  'use strict';

  var api = window.Passerelle = window.Passerelle || {};
  var NAME = 'passerelle_consent';
  var SECURE = location.protocol === 'https:';
  var COOKIE = (SECURE ? '__Host-' : '') + NAME;
  var ATTRS = '; Path=/; SameSite=Lax' + (SECURE ? '; Secure' : '') + '; Max-Age=';  // never a Domain
  var record = null;      // the current record (JSON from the core), or null before a choice
  var bridge = null;      // set by passerelle.js once the module runs the rules
  var pending = [];       // calls made before the bridge existed (show, grant)
  var listeners = [];

  function granted(purpose) {
    var c = record && record.choices;
    return !!c && Object.prototype.hasOwnProperty.call(c, purpose) && c[purpose] === true;
  }

  // --- the public API --------------------------------------------------------------------
  api.consent = {
    get: function () { return record ? JSON.parse(JSON.stringify(record)) : null; },
    show: function () { if (bridge) bridge.show(); else pending.push(['show']); },
    onChange: function (fn) {
      if (typeof fn !== 'function') return function () {};
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    }
  };

  // --- cookies ---------------------------------------------------------------------------
  function cookiesReadable() {
    try { return navigator.cookieEnabled !== false && typeof document.cookie === 'string'; } catch (e) { return false; }
  }
  // Whether a cookie can be written: some browsers and privacy extensions make the setter
  // throw.  The probe writes an already expired cookie, so it stores nothing.
  function cookiesWritable() {
    try {
      document.cookie = COOKIE + '_probe=1' + ATTRS + '0';
      return true;
    } catch (e) { return false; }
  }
  function readCookie(name) {
    try {
      var parts = document.cookie ? document.cookie.split('; ') : [];
      for (var i = 0; i < parts.length; i++) {
        var eq = parts[i].indexOf('=');
        if (parts[i].slice(0, eq) === name) return parts[i].slice(eq + 1);
      }
    } catch (e) { /* blocked: no record */ }
    return '';
  }
  // The names of the page's cookies, for the rules to pick the withdrawn services' ones:
  // never the choice itself, under either name.
  function cookieNames() {
    try {
      return (document.cookie ? document.cookie.split('; ') : []).map(function (p) { return p.split('=')[0]; })
        .filter(function (n) { return n !== COOKIE && n !== NAME; });
    } catch (e) { return []; }
  }
  function writeCookie(value, maxAge) {
    try {
      document.cookie = COOKIE + '=' + value + ATTRS + maxAge;
    } catch (e) { /* blocked: the choice holds for this visit only */ }
  }
  // This host and each parent domain (a.b.example.org → .b.example.org, .example.org).
  function domainsOfHost() {
    var host = location.hostname;
    var out = [''];
    if (!host || /^[\d.]+$/.test(host) || host.indexOf(':') >= 0) return out;  // IP: host-only
    out.push(host);
    var labels = host.split('.');
    for (var i = 1; i < labels.length - 1; i++) out.push('.' + labels.slice(i).join('.'));
    return out;
  }
  function deleteCookies(names) {
    names.forEach(function (name) {
      domainsOfHost().forEach(function (d) {
        try {
          document.cookie = name + '=; Path=/; Max-Age=0' + (d ? '; Domain=' + d : '');
        } catch (e) { /* blocked */ }
      });
    });
  }

  // --- gating ------------------------------------------------------------------------------
  var GATED = '[data-passerelle-purpose]';
  function purposeOf(el) { return el.getAttribute('data-passerelle-purpose'); }
  function runScripts() {
    var nodes = document.querySelectorAll('script[type="text/plain"]' + GATED);
    for (var i = 0; i < nodes.length; i++) {
      var old = nodes[i];
      if (old.hasAttribute('data-passerelle-ran') || !granted(purposeOf(old))) continue;
      old.setAttribute('data-passerelle-ran', '');
      var s = document.createElement('script');
      for (var a = 0; a < old.attributes.length; a++) {
        var at = old.attributes[a];
        if (at.name !== 'type') s.setAttribute(at.name, at.value);  // data-passerelle-ran too: ours
      }
      s.type = old.getAttribute('data-type') || 'text/javascript';
      if (old.src) s.async = false;  // external scripts keep document order
      else s.text = old.text;
      old.parentNode.insertBefore(s, old.nextSibling);
    }
  }

  // The placeholder's words, in the consent view's language (an embed's data-lang), else the
  // page's.
  var WORDS = {
    fr: ['Ce contenu est fourni par un service tiers qui peut déposer des cookies. Il s’affiche si vous l’acceptez.', 'Afficher la vidéo'],
    en: ['This content comes from a third-party service that may set cookies. It is shown if you accept it.', 'Show the video']
  };
  function placeholderFor(frame) {
    var lang = String((bridge && bridge.lang) || document.documentElement.lang).slice(0, 2).toLowerCase();
    var words = WORDS[lang] || WORDS.fr;
    var ph = document.createElement('div');
    ph.className = 'passerelle-placeholder';
    var p = document.createElement('p');
    p.textContent = frame.getAttribute('data-passerelle-placeholder') || words[0];
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = frame.getAttribute('data-passerelle-button') || words[1];
    b.addEventListener('click', function () {
      var purpose = purposeOf(frame);
      if (bridge) bridge.grant(purpose); else pending.push(['grant', purpose]);
    });
    ph.appendChild(p);
    ph.appendChild(b);
    return ph;
  }

  // A frame replaced by an unloaded copy of itself (removing src alone would leave its page
  // running); the copy keeps the address in data-src, where the gate holds it.
  function unload(f) {
    var copy = f.cloneNode(false);
    if (!copy.hasAttribute('data-src') && f.hasAttribute('src')) copy.setAttribute('data-src', f.getAttribute('src'));
    copy.removeAttribute('src');
    copy.removeAttribute('srcdoc');
    copy.removeAttribute('data-passerelle-loaded');
    if (f.__placeholder) f.__placeholder.remove();
    f.replaceWith(copy);
    return copy;
  }

  // An iframe that was given src (or srcdoc) as well as its purpose loads at once: it is
  // unloaded and reported (its first request may have gone already: the fix is data-src).
  function disarm(f) {
    if (!(f.hasAttribute('src') || f.hasAttribute('srcdoc')) || f.hasAttribute('data-passerelle-loaded')) return;
    console.warn('[passerelle] iframe with data-passerelle-purpose="' + purposeOf(f) +
      '" has src or srcdoc: it loads before consent; put its address in data-src', f);
    unload(f);
  }

  function gateFrames() {
    [].forEach.call(document.querySelectorAll('iframe' + GATED), disarm);
    var frames = document.querySelectorAll('iframe' + GATED + '[data-src]');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i], on = granted(purposeOf(f));
      if (f.hasAttribute('data-passerelle-loaded')) {
        if (on) {  // its address may have changed since
          if (f.getAttribute('src') !== f.getAttribute('data-src')) f.src = f.getAttribute('data-src');
          continue;
        }
        f = unload(f);  // withdrawn: the placeholder again, below
      }
      if (on) {
        f.setAttribute('data-passerelle-loaded', '');
        if (f.__placeholder) { f.__placeholder.remove(); f.__placeholder = null; }
        f.hidden = false;
        f.src = f.getAttribute('data-src');
      } else if (!f.__placeholder) {
        f.hidden = true;
        f.__placeholder = placeholderFor(f);
        f.parentNode.insertBefore(f.__placeholder, f);
      }
    }
  }

  // Gated elements the gate cannot hold back (scripts that are not text/plain, images…):
  // said once each, in the console.
  function warnUngated() {
    [].forEach.call(document.querySelectorAll(GATED + ':not(iframe):not([type="text/plain"]):not([data-passerelle-ran])'), function (el) {
      if (el.__passerelleWarned) return;
      el.__passerelleWarned = true;
      console.warn('[passerelle] only <script type="text/plain"> and <iframe data-src> are held until consent; this ' +
        'element with data-passerelle-purpose="' + purposeOf(el) + '" loads anyway', el);
    });
  }

  function enforce() {
    runScripts();
    gateFrames();
    warnUngated();
  }

  // Gated content that appears (or changes) later follows the current choice: before the
  // rules start nothing is granted, so it stays held.
  function relevant(records) {
    return records.some(function (r) {
      if (r.type === 'attributes') return r.target.hasAttribute('data-passerelle-purpose');
      return [].some.call(r.addedNodes, function (n) {
        return n.nodeType === 1 && (n.matches(GATED) || !!n.querySelector(GATED));
      });
    });
  }
  function watch() {
    if (!window.MutationObserver) return;
    new MutationObserver(function (records) { if (relevant(records)) enforce(); })
      .observe(document.documentElement, { childList: true, subtree: true, attributes: true,
        attributeFilter: ['src', 'srcdoc', 'data-src', 'type', 'data-passerelle-purpose'] });
  }

  function gtagConsent(kind, gcm) {
    if (gcm && typeof window.gtag === 'function') window.gtag('consent', kind, gcm);
  }

  // --- proof of consent: data-consent-log="URL" (README, "Proof of consent") ----------------
  // Each decision is sent as a proof (the line format of src/core/consent/proof.hpp: what was
  // decided, when, on which page, and SHA-256 hashes of the texts shown and of the build),
  // as text/plain (no CORS preflight) with fetch keepalive (it survives the page's unload).
  // A proof waits in localStorage until the service acknowledges it (2xx) or refuses it for
  // good (4xx but 429); a later page view sends it again, so a network failure loses nothing.
  // At most MAX_PROOFS wait (the oldest go first); no other identifier is sent or kept.
  var PROOFS = 'passerelle_consent_proofs';
  var MAX_PROOFS = 20;
  function hex(buf) {
    return [].map.call(new Uint8Array(buf), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function sha256(text) { return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(hex); }
  function waiting() {
    try { return JSON.parse(localStorage.getItem(PROOFS) || '[]'); } catch (e) { return []; }
  }
  function keep(list) {
    try {
      if (list.length) localStorage.setItem(PROOFS, JSON.stringify(list.slice(-MAX_PROOFS)));
      else localStorage.removeItem(PROOFS);
    } catch (e) { /* no storage: this page view's send is the only one */ }
  }
  function post(p) {
    return fetch(p.url, { method: 'POST', body: p.body, keepalive: true, credentials: 'omit',
      headers: { 'Content-Type': 'text/plain' } }).then(function (r) {
      if (r.ok || (r.status >= 400 && r.status < 500 && r.status !== 429)) {
        keep(waiting().filter(function (q) { return q.body !== p.body; }));
      }
      return r.status;
    }, function () { return 0; });
  }
  function proofLines(o, el, texts) {
    var r = o.record, build = el.getAttribute('data-consent-build') || '';
    return ['passerelle-consent-proof=1', 'id=' + r.id, 'decided=' + Date.parse(r.timestamp), 'action=' + o.action,
      'cancels=' + (o.replaces || '-'), 'policy=' + r.version, 'lang=' + r.lang,
      'choices=' + o.choices,
      'origin=' + location.origin, 'path=' + location.pathname.slice(0, 1024), 'texts=' + texts,
      'build=' + (/^[0-9a-f]{64}$/.test(build) ? build : '-')].join('\n') + '\n';
  }
  function sendProof(o) {
    var el = document.querySelector('[data-consent-log]');
    var url = el && el.getAttribute('data-consent-log');
    if (!url || !window.fetch || !window.crypto || !crypto.subtle || typeof o.texts !== 'string' || !o.choices) return;
    api.consent.lastProof = sha256(o.texts).then(function (texts) {
      var canonical = proofLines(o, el, texts);
      return sha256(canonical).then(function (sum) {
        var p = { url: new URL(url, location.href).href, body: canonical + 'sha256=' + sum + '\n' };
        keep(waiting().concat([p]));
        return post(p);
      });
    }).catch(function () { return 0; });  // a failed proof never blocks the visitor
  }
  function resendProofs() {
    if (window.fetch) waiting().forEach(post);
  }

  function announce(text) {
    if (!text) return;
    if (bridge && bridge.announce) { bridge.announce(text); return; }  // an embed's own live region
    var live = document.querySelector('.passerelle-live');
    if (!live) {
      live = document.createElement('div');
      live.className = 'passerelle-live';
      live.setAttribute('aria-live', 'polite');
      document.body.appendChild(live);
    }
    live.textContent = text;
  }

  // --- what passerelle.js calls ---------------------------------------------------------
  api._consentGate = {
    readCookie: function () { return readCookie(COOKIE); },
    storageAvailable: function () { return cookiesReadable() && cookiesWritable(); },
    cookieNames: cookieNames,
    // The module has started the rules: this is the state to enforce from now on.
    attach: function (b, state) {
      bridge = b;
      record = state.record;
      gtagConsent('default', state.gcm);
      if (SECURE) deleteCookies([NAME]);  // the old name: see README (Consent)
      // Placeholders made before, in the page's language, are made again in the view's.
      [].forEach.call(document.querySelectorAll('iframe' + GATED), function (f) {
        if (f.__placeholder) { f.__placeholder.remove(); f.__placeholder = null; }
      });
      enforce();
      pending.splice(0).forEach(function (call) { if (call[0] === 'show') b.show(); else b.grant(call[1]); });
      resendProofs();
    },
    // A decision was made (on the canvas, by "Afficher la vidéo", or via the API).
    decided: function (o) {
      record = o.record;
      if (o.cookie) writeCookie(o.cookie, o.maxAge);
      if (o.delete && o.delete.length) deleteCookies(o.delete);
      gtagConsent('update', o.gcm);
      enforce();
      sendProof(o);
      announce(o.notice);
      var detail = api.consent.get();
      document.dispatchEvent(new CustomEvent('passerelle:consent', { detail: detail }));
      listeners.slice().forEach(function (fn) {
        try { fn(detail); } catch (e) { console.error(e); }
      });
    }
  };

  watch();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enforce);
  else enforce();
})();
