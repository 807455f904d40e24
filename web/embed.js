// embed.js — puts a Passerelle view (the page, the map or the consent banner) into any page.
// A small bootstrap: it defines the <passerelle-embed> element and Passerelle.embed(), makes
// the box its own tag asks for, and loads the widget's code (embed-widget.js) only when a
// box is connected.  Three ways in, one behaviour (see README.md, "Embed on your site"):
//
//   <script src="https://…/embed.js" data-view="map" data-lang="fr" async></script>
//       a box right after the tag (or into data-target), from the tag's data-* attributes;
//   <passerelle-embed data-view="page">a short excerpt and a link</passerelle-embed>
//   <script src="https://…/embed.js" data-elements async></script>
//       the element written in the host's HTML: its children are what visitors without
//       JavaScript and search engines read, hidden once the widget has its shadow root;
//       data-elements: this tag makes no box of its own;
//   Passerelle.embed(target, {view: 'map', lang: 'en', country: 'ML', height: '480px'})
//       from a script (single-page apps): the same element, its options the tag's data-*
//       attributes in camelCase; returns the element, whose .ready is a Promise of the view.
//
// The element starts its view when connected (lazily: near the screen) and stops it when
// disconnected, so moving or re-inserting it just works.  The versioned files it loads (and
// their Subresource Integrity) are named in ASSETS, which the build fills in.  One global:
// Passerelle.  Plain JS, no dependencies.
(function () {
  'use strict';

  // {"logical name": ["versioned name", "sha384-…"]}, written by scripts/embed-assets.mjs.
  var ASSETS = /*ASSETS*/null/*ASSETS*/;
  performance.mark('passerelle:embed-start');
  var P = window.Passerelle = window.Passerelle || {};
  var E = P._embed = P._embed || { done: new WeakSet(), loads: {} };
  var PATTERN = /\/embed(\.[0-9a-f]{8})?\.js([?#]|$)/;

  // The tag being run; null only when a browser runs this from somewhere unusual: then
  // every embed tag not yet handled.
  var me = document.currentScript;
  var tags = me ? [me] : [].filter.call(document.querySelectorAll('script[src]'), function (s) {
    return PATTERN.test(s.src);
  });
  if (!tags.length) return;
  // What the widgets made by this file need: where its files are, and loading them.
  var here = { base: new URL('.', tags[0].src).href, asset: asset, load: load, kit: kit };
  // Trusted Types hosts: the scripts it loads go through the policy "passerelle-embed", which
  // takes only addresses in the folders of the embed.js files run (made once per page).
  E.bases = (E.bases || []).concat(here.base);
  if (E.urls === undefined) {
    E.urls = null;
    try {
      if (window.trustedTypes) E.urls = trustedTypes.createPolicy('passerelle-embed', { createScriptURL: function (u) {
        if (!E.bases.some(function (b) { return u.indexOf(b) === 0; })) throw new TypeError('passerelle-embed: ' + u);
        return u;
      } });
    } catch (e) { /* not allowed by the host: its scripts then fail to load, and say so */ }
  }

  P.embed = P.embed || function (target, options) {
    var into = typeof target === 'string' ? document.querySelector(target) : target;
    if (!into || !into.append) throw new TypeError('Passerelle.embed: no element ' + target);
    var el = document.createElement('passerelle-embed');
    Object.keys(options || {}).forEach(function (k) {
      var v = options[k];
      if (v !== undefined && v !== null && v !== false) {
        el.setAttribute('data-' + k.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }), v === true ? '' : String(v));
      }
    });
    into.append(el);
    return el;
  };

  if (window.customElements && !customElements.get('passerelle-embed')) define();

  tags.forEach(function (tag) {
    if (E.done.has(tag) || tag.hasAttribute('data-elements')) return;
    E.done.add(tag);
    try { fromTag(tag); } catch (e) { console.warn('[passerelle]', e); }  // never the host's error
  });

  // The element: its view starts on connect and stops on disconnect (a move is both, in one
  // task: the view carries on).  el.ready: a Promise of the view's instance.
  function define() {
    customElements.define('passerelle-embed', class extends HTMLElement {
      constructor() {
        super();
        var el = this;
        el._ctx = here;
        el.ready = new Promise(function (ok, ko) { el._settle = [ok, ko]; });
        el.ready.catch(function () {});
      }
      connectedCallback() {
        var el = this;
        if (el.getAttribute('data-view') === 'consent') consentEarly(el);
        widget().then(function (w) { if (el.isConnected) w.connect(el); }, function (e) {
          console.warn('[passerelle]', e.message);  // the light-DOM excerpt stays
          if (el._settle) el._settle[1](e);
        });
      }
      disconnectedCallback() {
        var el = this;
        queueMicrotask(function () { if (!el.isConnected && P._widget) P._widget.disconnect(el); });
      }
    });
  }

  function widget() {
    return load('embed-widget.js').then(function () { return P._widget; });
  }

  // A consent box on a first visit shows the HTML banner (embed-widget.js, startConsent): its
  // code, the gate and the kit of its language are asked for now, beside the widget's code
  // rather than after it, one round trip less before the banner can be answered.  The
  // language as the widget picks it (its data-lang, the page's, the browser's, French).
  function consentEarly(el) {
    var quiet = function () {};
    load('consent-gate.js').catch(quiet);
    // The canvas's cases (embed-widget.js, startConsent) need neither: another pack, Global
    // Privacy Control, a choice to check (or cookies out of reach), Trusted Types enforced.
    try {
      if (el.hasAttribute('data-pack') || navigator.globalPrivacyControl === true ||
          /(^|;\s*)(__Host-)?passerelle_consent=/.test(document.cookie)) return;
      document.createElement('div').innerHTML = '';
    } catch (e) { return; }
    load('consent-banner.js').catch(quiet);
    var lang = [el.getAttribute('data-lang'), document.documentElement.lang, navigator.language, 'fr'].map(function (l) {
      return String(l || '').trim().slice(0, 2).toLowerCase();
    }).filter(function (l) { return /^(fr|en)$/.test(l); })[0];
    var name = 'consent-banner.' + lang + '.json';
    if (window.fetch && ASSETS && ASSETS[name]) kit(name).catch(quiet);
  }

  // A kit (JSON, with its integrity), once per page; a failed one is asked for again.
  function kit(name) {
    var kits = E.kits = E.kits || {};
    return kits[name] || (kits[name] = (function () {
      var a = asset(name);
      return fetch(a[0], { integrity: a[1], mode: 'cors', credentials: 'omit' }).then(function (res) {
        if (!res.ok) throw new Error(a[0] + ': HTTP ' + res.status);
        return res.json();
      }).catch(function (e) { delete kits[name]; throw e; });
    })());
  }

  // A tag: a box with the tag's data-* attributes, placed right after it or into data-target
  // (the body's end for a tag in <head>, and always for the fixed consent banner).
  function fromTag(tag) {
    var el = document.createElement('passerelle-embed');
    el._ctx = here;
    [].forEach.call(tag.attributes, function (a) {
      if (/^data-/.test(a.name) && a.name !== 'data-target') el.setAttribute(a.name, a.value);
    });
    var sel = (tag.getAttribute('data-target') || '').trim();
    function place() {
      var into = null;
      if (sel) {
        try { into = document.querySelector(sel); } catch (e) { /* not a selector */ }
        if (!into) return false;
        into.append(el);
      } else if (el.getAttribute('data-view') !== 'consent' && tag.parentNode && tag.parentNode !== document.head) {
        tag.parentNode.insertBefore(el, tag.nextSibling);
      } else if (document.body) {
        document.body.append(el);
      } else return false;
      return true;
    }
    if (place()) return;
    if (document.readyState !== 'loading') console.warn('[passerelle] data-target not found: ' + sel);
    else document.addEventListener('DOMContentLoaded', function () {
      if (!place()) console.warn('[passerelle] data-target not found: ' + sel);
    }, { once: true });
  }

  // The versioned URL and integrity of a file, by its logical name.
  function asset(name) {
    var a = ASSETS && ASSETS[name];
    return [new URL(a ? a[0] : name, here.base).href, a ? a[1] : ''];
  }

  // A classic script, once per page, with its integrity; CORS so that integrity applies.
  function load(name) {
    return E.loads[name] || (E.loads[name] = new Promise(function (ok, ko) {
      var a = asset(name), s = document.createElement('script');
      s.src = E.urls ? E.urls.createScriptURL(a[0]) : a[0];
      s.crossOrigin = 'anonymous';
      if (a[1]) s.integrity = a[1];
      s.onload = ok;
      s.onerror = function () { delete E.loads[name]; s.remove(); ko(new Error(a[0] + ' did not load')); };
      document.head.append(s);
    }));
  }
})();
