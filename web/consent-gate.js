// consent-gate.js — makes the page obey the visitor's consent choices.
//
// The choices themselves are made by the C++ rules (src/core/consent*) through the canvas;
// this file enforces them in the document:
//   - <script type="text/plain" data-passerelle-purpose="audience" [src]> run only once that
//     purpose is granted: in document order, once each.
//   - <iframe data-passerelle-purpose="video" data-src="…"> stay placeholders with an
//     "Afficher la vidéo" button (which grants that purpose) until consent.
//   - the passerelle_consent cookie is written (only after a choice) and the cookies of
//     withdrawn services are deleted for this host and its parent domains;
//   - window.Passerelle.consent = { get(), show(), onChange(fn) }, the `passerelle:consent`
//     event on document, Google Consent Mode v2 signals if the pack enables them, and a
//     proof-of-consent beacon when the page sets data-consent-log="URL".
// Before the wasm has started nothing is granted, so nothing gated runs.
(function () {
  'use strict';

  var api = window.Passerelle = window.Passerelle || {};
  var COOKIE = 'passerelle_consent';
  var record = null;      // the current record (JSON from the core), or null before a choice
  var bridge = null;      // set by passerelle.js once the module runs the rules
  var pending = [];       // calls made before the bridge existed (show, grant)
  var listeners = [];

  function granted(purpose) {
    return !!(record && record.choices && record.choices[purpose] === true);
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
      document.cookie = COOKIE + '_probe=1; Path=/; Max-Age=0; SameSite=Lax';
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
  function cookieNames() {
    try {
      return (document.cookie ? document.cookie.split('; ') : []).map(function (p) { return p.split('=')[0]; });
    } catch (e) { return []; }
  }
  function writeCookie(value, maxAge) {
    try {
      document.cookie = COOKIE + '=' + value + '; Path=/; Max-Age=' + maxAge + '; SameSite=Lax' +
        (location.protocol === 'https:' ? '; Secure' : '');
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
  function runScripts() {
    var nodes = document.querySelectorAll('script[type="text/plain"][data-passerelle-purpose]');
    for (var i = 0; i < nodes.length; i++) {
      var old = nodes[i];
      if (old.hasAttribute('data-passerelle-ran') || !granted(old.getAttribute('data-passerelle-purpose'))) continue;
      old.setAttribute('data-passerelle-ran', '');
      var s = document.createElement('script');
      for (var a = 0; a < old.attributes.length; a++) {
        var at = old.attributes[a];
        if (at.name !== 'type' && at.name !== 'data-passerelle-ran') s.setAttribute(at.name, at.value);
      }
      s.type = old.getAttribute('data-type') || 'text/javascript';
      if (old.src) s.async = false;  // external scripts keep document order
      else s.text = old.text;
      old.parentNode.insertBefore(s, old.nextSibling);
    }
  }

  function placeholderFor(frame) {
    var ph = document.createElement('div');
    ph.className = 'passerelle-placeholder';
    var p = document.createElement('p');
    p.textContent = frame.getAttribute('data-passerelle-placeholder') ||
      'Ce contenu est fourni par un service tiers qui peut déposer des cookies. Il s’affiche si vous l’acceptez.';
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = frame.getAttribute('data-passerelle-button') || 'Afficher la vidéo';
    b.addEventListener('click', function () {
      var purpose = frame.getAttribute('data-passerelle-purpose');
      if (bridge) bridge.grant(purpose); else pending.push(['grant', purpose]);
    });
    ph.appendChild(p);
    ph.appendChild(b);
    return ph;
  }

  function gateFrames() {
    var frames = document.querySelectorAll('iframe[data-passerelle-purpose][data-src]');
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.hasAttribute('data-passerelle-loaded')) continue;
      if (granted(f.getAttribute('data-passerelle-purpose'))) {
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

  function enforce() {
    runScripts();
    gateFrames();
  }

  function gtagConsent(kind, gcm) {
    if (gcm && typeof window.gtag === 'function') window.gtag('consent', kind, gcm);
  }

  function beacon(rec) {
    var el = document.querySelector('[data-consent-log]');
    var url = el && el.getAttribute('data-consent-log');
    if (!url || !navigator.sendBeacon) return;
    try {
      navigator.sendBeacon(url, new Blob([JSON.stringify(rec)], { type: 'application/json' }));
    } catch (e) { /* a failed log never blocks the visitor */ }
  }

  function announce(text) {
    if (!text) return;
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
      enforce();
      pending.splice(0).forEach(function (call) { if (call[0] === 'show') b.show(); else b.grant(call[1]); });
    },
    // A decision was made (on the canvas, by "Afficher la vidéo", or via the API).
    decided: function (o) {
      record = o.record;
      if (o.cookie) writeCookie(o.cookie, o.maxAge);
      if (o.delete && o.delete.length) deleteCookies(o.delete);
      gtagConsent('update', o.gcm);
      enforce();
      beacon(o.record);
      announce(o.notice);
      var detail = api.consent.get();
      document.dispatchEvent(new CustomEvent('passerelle:consent', { detail: detail }));
      listeners.slice().forEach(function (fn) {
        try { fn(detail); } catch (e) { console.error(e); }
      });
    }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', gateFrames);
  else gateFrames();
})();
