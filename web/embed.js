// embed.js — puts a Passerelle view (the page, the map or the consent banner) into any page
// with one tag:
//
//   <script src="https://…/embed.js" data-view="map" data-lang="fr" async></script>
//
// Attributes: data-theme (auto | light | dark; default auto: the system's colour scheme),
// data-view (page | map | consent; default page), data-lang (fr | en; default the
// host's <html lang>, then the browser's language), data-pack (URL of another content pack,
// relative to the host page; default the bundled one beside this file), data-height (a CSS
// length) or data-aspect ("4/3"; default: as tall as the content), data-country (an ISO code
// the map shows first), data-target (a CSS selector to mount into instead of right after the
// tag).  See README.md, "Embed on your site".
//
// Each tag gets its own box: a <passerelle-embed> element with a shadow root, styled by one
// constructed stylesheet (no <style>, no style attribute: a strict style-src holds), holding
// its own canvas.  The box starts its view when it comes within a viewport of the screen.
// passerelle-module and passerelle.js (which downloads and compiles the wasm once per page)
// are loaded once from this file's folder, by their versioned names and with their
// Subresource Integrity, which the build writes into ASSETS below.  Each run of this file
// handles its own tag (document.currentScript), so tags may share a page and may be added
// at any time.  If a view cannot start, its box says so and links to the standalone page.
// One global: Passerelle.  Plain JS, no dependencies.
(function () {
  'use strict';

  // {"logical name": ["versioned name", "sha384-…"]}, written by scripts/embed-assets.mjs.
  var ASSETS = /*ASSETS*/null/*ASSETS*/;
  performance.mark('passerelle:embed-start');
  var P = window.Passerelle = window.Passerelle || {};
  var E = P._embed = P._embed || { done: new WeakSet(), loads: {} };
  // The texts of a box, by language: while loading, when its view failed (by view), the link
  // to the standalone page, and the canvas's accessible name (by view; the consent view's
  // canvas is named like the map's).
  var TEXT = {
    fr: {
      loading: 'Chargement…',
      failed: {
        map: 'La carte n’a pas pu s’afficher ici.', page: 'La page n’a pas pu s’afficher ici.',
        consent: 'Le bandeau des cookies n’a pas pu s’afficher : les contenus soumis à votre accord restent bloqués.'
      },
      seePage: 'Voir la page « International » de La Cimade',
      label: { map: 'Carte des pays partenaires de La Cimade', page: 'Page « International » de La Cimade' }
    },
    en: {
      loading: 'Loading…',
      failed: {
        map: 'The map could not be shown here.', page: 'The page could not be shown here.',
        consent: 'The cookie banner could not be shown: content that needs your consent stays blocked.'
      },
      seePage: 'See La Cimade’s “International” page',
      label: { map: 'Map of La Cimade’s partner countries', page: 'La Cimade’s “International” page' }
    }
  };
  // The consent view covers the window, lets every click through (pointer-events) except on
  // its canvas, and clips the canvas to what the banner, the panel or the "Gérer mes cookies"
  // button needs: the C++ lays the banner out in the whole window, as on the standalone page.
  var CSS = ':host{display:block;position:relative;height:20rem;margin:1em 0;contain:content;' +
    'color:#1f2328;font:16px/1.5 system-ui,sans-serif;text-align:left}' +
    ':host([data-view=consent]){position:fixed;inset:0;height:auto;margin:0;z-index:2147483000;pointer-events:none}' +
    ':host([data-view=consent]) .status{top:auto;pointer-events:auto}:host([data-hidden]) canvas{visibility:hidden}' +
    '.box{position:absolute;inset:0}' +
    'canvas{display:block;width:100%;height:100%;outline:none;pointer-events:auto;touch-action:pan-x pan-y;-webkit-tap-highlight-color:transparent}' +
    'canvas:focus-visible{outline:3px solid #14171a;outline-offset:-3px}' +
    '.status{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;' +
    'gap:8px;padding:16px;background:#faf8f5;border:1px solid #e2ddd6;border-radius:6px;text-align:center}' +
    '.status[hidden]{display:none}.status p{margin:0}progress{width:min(240px,70%);height:6px;accent-color:#a3122a}' +
    'a{color:#a3122a;font-weight:600}a:focus-visible{outline:3px solid #14171a;outline-offset:2px}' +
    '.passerelle-live{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

  // The tag being run; null only when a browser runs this from somewhere unusual: then
  // every embed tag not yet handled.
  var me = document.currentScript;
  var tags = me ? [me] : [].filter.call(document.querySelectorAll('script[src]'), function (s) {
    return /\/embed(\.[0-9a-f]{8})?\.js([?#]|$)/.test(s.src);
  });
  tags.forEach(function (tag) {
    if (E.done.has(tag)) return;
    E.done.add(tag);
    try { setUp(tag); } catch (e) { console.warn('[passerelle]', e); }  // never the host's error
  });

  // One tag: its box (w, below), placed, and started when it comes near the screen.
  function setUp(tag) {
    var w = settings(tag);
    makeBox(w);
    if (place(w)) return;
    if (document.readyState !== 'loading') console.warn('[passerelle] data-target not found: ' + w.attr('target'));
    else document.addEventListener('DOMContentLoaded', function () {
      if (!place(w)) console.warn('[passerelle] data-target not found: ' + w.attr('target'));
    }, { once: true });
  }

  // What the tag asks for: {tag, base, attr(name), view, lang, t (its TEXT), height, aspect}.
  function settings(tag) {
    function attr(n) { return (tag.getAttribute('data-' + n) || '').trim(); }
    var view = /^(page|map|consent)$/.test(attr('view')) ? attr('view') : 'page';
    var lang = [attr('lang'), document.documentElement.lang, navigator.language, 'fr'].map(function (l) {
      return String(l || '').slice(0, 2).toLowerCase();
    }).filter(function (l) { return TEXT[l]; })[0];
    return {
      tag: tag, base: new URL('.', tag.src).href, attr: attr, view: view, lang: lang, t: TEXT[lang],
      height: attr('height'), aspect: attr('aspect')
    };
  }

  // The versioned URL and integrity of a file, by its logical name.
  function asset(w, name) {
    var a = ASSETS && ASSETS[name];
    return [new URL(a ? a[0] : name, w.base).href, a ? a[1] : ''];
  }

  // The <passerelle-embed> host, its shadow root and the status (label and progress bar).
  function makeBox(w) {
    var host = w.host = document.createElement('passerelle-embed');
    host.setAttribute('data-view', w.view);
    var root = host.attachShadow({ mode: 'open' });
    style(root);
    var box = w.box = document.createElement('div');
    box.className = 'box';
    var status = w.status = document.createElement('div');
    status.className = 'status';
    status.setAttribute('role', 'status');
    var label = document.createElement('p');
    label.textContent = w.t.loading;
    var bar = w.bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    status.append(label, bar);
    box.append(status);
    root.append(box);
    // Sizes are set through the CSSOM, which a strict style-src allows.
    if (w.view === 'consent') { host.setAttribute('data-hidden', ''); status.hidden = true; }
    else if (w.height) host.style.height = w.height;
    else if (w.aspect) { host.style.height = 'auto'; host.style.aspectRatio = w.aspect.replace(':', '/'); }
  }

  // The box says the view could not start, and links to the standalone page.
  function fail(w, detail) {
    if (detail) console.warn('[passerelle]', detail);
    var host = w.host, status = w.status;
    host.setAttribute('data-passerelle-state', 'error');
    host.removeAttribute('data-hidden');
    status.hidden = false;
    status.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = w.t.failed[w.view];
    status.replaceChildren(p);
    if (w.view === 'consent') return;
    var a = document.createElement('a');
    a.href = new URL('index.html', w.base).href;
    a.textContent = w.t.seePage;
    status.append(a);
  }

  // Loads what is missing of passerelle.js, passerelle-module.js and consent-gate.js, then
  // mounts the view.
  function start(w) {
    var need = [P.mount ? 0 : load(w, 'passerelle.js')];
    if (!P._createModule && !window.createPasserelleModule) need.push(load(w, 'passerelle-module.js'));
    if (w.view === 'consent' && !P._consentGate) need.push(load(w, 'consent-gate.js'));
    Promise.all(need).then(function () {
      if (!w.host.isConnected) return;  // removed while the scripts loaded
      var files = {};
      ['passerelle.wasm', 'fonts/NotoSerif-Regular.ttf', 'fonts/NotoSerif-Italic.ttf', 'fonts/NotoSerif-Bold.ttf',
        'fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf'].forEach(function (n) { files[n] = asset(w, n); });
      var pack = w.attr('pack');
      P.mount(w.host, {
        view: w.view, lang: w.lang, embedded: true, container: w.box, base: w.base, assets: files,
        status: {
          progress: function (f) { w.bar.value = f; },
          fail: function (title, detail) { fail(w, detail || title); },
          hide: function () { w.status.hidden = true; }
        },
        pack: pack ? new URL(pack, document.baseURI).href : asset(w, 'content/international.' + w.lang + '.json')[0],
        country: w.attr('country'), theme: w.attr('theme') || 'auto', label: w.t.label[w.view === 'page' ? 'page' : 'map'],
        onContentSize: function (size, inst) { fit(w, size, inst); }
      });
    }).catch(function (e) { fail(w, e.message); });  // also what the options throw (data-pack)
  }

  // The box follows the size its content needs (unless the tag fixed it).
  function fit(w, size, inst) {
    var host = w.host, h = Math.ceil(size.height);
    if (w.view !== 'consent') {
      if (!w.height && !w.aspect && h > 0) host.style.height = h + 'px';
      return;
    }
    // Banner: the bottom of the window; panel: all of it; hidden: the small
    // "Gérer mes cookies" box in the corner, or nothing.
    var v = inst.consentView ? inst.consentView() : 'hidden';
    if (!(h > 0) && v !== 'panel') host.setAttribute('data-hidden', ''); else host.removeAttribute('data-hidden');
    inst.canvas.style.clipPath = v === 'panel' ? 'none' : 'inset(calc(100% - ' + h + 'px) ' +
      (size.width > 0 ? 'calc(100% - ' + Math.ceil(size.width) + 'px)' : '0') + ' 0 0)';
  }

  // Where the box goes: into data-target, else right after the tag (the body's end for a
  // tag in <head>, and always for the fixed consent banner).  False when there is no place
  // yet.
  function place(w) {
    var sel = w.attr('target'), into = null, tag = w.tag, host = w.host;
    if (sel) {
      try { into = document.querySelector(sel); } catch (e) { /* not a selector */ }
      if (!into) return false;
      into.append(host);
    } else if (w.view !== 'consent' && tag.parentNode && tag.parentNode !== document.head) {
      tag.parentNode.insertBefore(host, tag.nextSibling);
    } else if (document.body) {
      document.body.append(host);
    } else return false;
    if (w.view === 'consent' || !window.IntersectionObserver) { start(w); return true; }
    // Lazy: start when the box comes within one viewport of the visible area.
    var io = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      io.disconnect();
      start(w);
    }, { rootMargin: '100% 0px' });
    io.observe(host);
    return true;
  }

  // A classic script, once per page, with its integrity; CORS so that integrity applies.
  function load(w, name) {
    return E.loads[name] || (E.loads[name] = new Promise(function (ok, ko) {
      var a = asset(w, name), s = document.createElement('script');
      s.src = a[0];
      s.crossOrigin = 'anonymous';
      if (a[1]) s.integrity = a[1];
      s.onload = ok;
      s.onerror = function () { delete E.loads[name]; s.remove(); ko(new Error(a[0] + ' did not load')); };
      document.head.append(s);
    }));
  }

  // One constructed stylesheet for every box; where adoptedStyleSheets is missing (Safari
  // before 16.4), the few properties that matter are set through the CSSOM.
  function style(root) {
    if ('adoptedStyleSheets' in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      if (!E.sheet) { E.sheet = new CSSStyleSheet(); E.sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [E.sheet];
    } else {
      var h = root.host.style;
      h.display = 'block';
      h.position = 'relative';
      h.height = '20rem';
      var fix = function () {
        [].forEach.call(root.querySelectorAll('canvas,.box,.status'), function (n) {
          var s = n.style;
          if (n.className === 'box') { s.position = 'absolute'; s.inset = '0'; }
          else if (n.className === 'status') s.display = n.hidden ? 'none' : 'block';
          else { s.display = 'block'; s.width = s.height = '100%'; s.touchAction = 'pan-x pan-y'; }
        });
      };
      new MutationObserver(fix).observe(root, { childList: true, subtree: true, attributeFilter: ['hidden'] });
    }
  }
})();
