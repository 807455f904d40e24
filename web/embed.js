// embed.js — puts a Passerelle view (the page, the map or the consent banner) into any page
// with one tag:
//
//   <script src="https://…/embed.js" data-view="map" data-lang="fr" async></script>
//
// Attributes: data-view (page | map | consent; default page), data-lang (fr | en; default the
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
  var TEXT = {
    fr: ['Chargement…', 'La carte n’a pas pu s’afficher ici.', 'La page n’a pas pu s’afficher ici.',
      'Le bandeau des cookies n’a pas pu s’afficher : les contenus soumis à votre accord restent bloqués.',
      'Voir la page « International » de La Cimade', 'Carte des pays partenaires de La Cimade',
      'Page « International » de La Cimade'],
    en: ['Loading…', 'The map could not be shown here.', 'The page could not be shown here.',
      'The cookie banner could not be shown: content that needs your consent stays blocked.',
      'See La Cimade’s “International” page', 'Map of La Cimade’s partner countries',
      'La Cimade’s “International” page']
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

  function setUp(tag) {
    var base = new URL('.', tag.src).href;
    function asset(name) {
      var a = ASSETS && ASSETS[name];
      return [new URL(a ? a[0] : name, base).href, a ? a[1] : ''];
    }
    function attr(n) { return (tag.getAttribute('data-' + n) || '').trim(); }
    var view = /^(page|map|consent)$/.test(attr('view')) ? attr('view') : 'page';
    var lang = [attr('lang'), document.documentElement.lang, navigator.language, 'fr'].map(function (l) {
      return String(l || '').slice(0, 2).toLowerCase();
    }).filter(function (l) { return TEXT[l]; })[0];
    var t = TEXT[lang];
    var height = attr('height'), aspect = attr('aspect');

    var host = document.createElement('passerelle-embed');
    host.setAttribute('data-view', view);
    var root = host.attachShadow({ mode: 'open' });
    style(root);
    var box = document.createElement('div');
    box.className = 'box';
    var status = document.createElement('div');
    status.className = 'status';
    status.setAttribute('role', 'status');
    var label = document.createElement('p');
    label.textContent = t[0];
    var bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    status.append(label, bar);
    box.append(status);
    root.append(box);
    // Sizes are set through the CSSOM, which a strict style-src allows.
    if (view === 'consent') { host.setAttribute('data-hidden', ''); status.hidden = true; }
    else if (height) host.style.height = height;
    else if (aspect) { host.style.height = 'auto'; host.style.aspectRatio = aspect.replace(':', '/'); }

    function fail(detail) {
      if (detail) console.warn('[passerelle]', detail);
      host.setAttribute('data-passerelle-state', 'error');
      host.removeAttribute('data-hidden');
      status.hidden = false;
      status.setAttribute('role', 'alert');
      var p = document.createElement('p');
      p.textContent = t[view === 'map' ? 1 : view === 'page' ? 2 : 3];
      status.replaceChildren(p);
      if (view === 'consent') return;
      var a = document.createElement('a');
      a.href = new URL('index.html', base).href;
      a.textContent = t[4];
      status.append(a);
    }
    var ui = {
      progress: function (f) { bar.value = f; },
      fail: function (title, detail) { fail(detail || title); },
      hide: function () { status.hidden = true; }
    };

    function start() {
      var need = [P.mount ? 0 : load('passerelle.js')];
      if (!P._createModule && !window.createPasserelleModule) need.push(load('passerelle-module.js'));
      if (view === 'consent' && !P._consentGate) need.push(load('consent-gate.js'));
      Promise.all(need).then(function () {
        if (!host.isConnected) return;  // removed while the scripts loaded
        var files = {};
        ['passerelle.wasm', 'fonts/NotoSerif-Regular.ttf', 'fonts/NotoSerif-Italic.ttf', 'fonts/NotoSerif-Bold.ttf',
          'fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf'].forEach(function (n) { files[n] = asset(n); });
        P.mount(host, {
          view: view, lang: lang, embedded: true, container: box, base: base, assets: files, status: ui,
          pack: attr('pack') ? new URL(attr('pack'), document.baseURI).href : asset('content/international.' + lang + '.json')[0],
          country: attr('country'), label: view === 'page' ? t[6] : t[5],
          onContentSize: function (size, inst) {
            var h = Math.ceil(size.height);
            if (view !== 'consent') {
              if (!height && !aspect && h > 0) host.style.height = h + 'px';
              return;
            }
            // Banner: the bottom of the window; panel: all of it; hidden: the small
            // "Gérer mes cookies" box in the corner, or nothing.
            var v = inst.consentView ? inst.consentView() : 'hidden';
            toggle('data-hidden', !(h > 0) && v !== 'panel');
            inst.canvas.style.clipPath = v === 'panel' ? 'none' : 'inset(calc(100% - ' + h + 'px) ' +
              (size.width > 0 ? 'calc(100% - ' + Math.ceil(size.width) + 'px)' : '0') + ' 0 0)';
          }
        });
      }, function (e) { fail(e.message); });
    }
    function toggle(name, on) {
      if (on) host.setAttribute(name, ''); else host.removeAttribute(name);
    }

    // Where the box goes: into data-target, else right after the tag (the body's end for a
    // tag in <head>, and always for the fixed consent banner).
    function place() {
      var sel = attr('target'), into = null;
      if (sel) {
        try { into = document.querySelector(sel); } catch (e) { /* not a selector */ }
        if (!into) return false;
        into.append(host);
      } else if (view !== 'consent' && tag.parentNode && tag.parentNode !== document.head) {
        tag.parentNode.insertBefore(host, tag.nextSibling);
      } else if (document.body) {
        document.body.append(host);
      } else return false;
      if (view === 'consent' || !window.IntersectionObserver) { start(); return true; }
      // Lazy: start when the box comes within one viewport of the visible area.
      var io = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        io.disconnect();
        start();
      }, { rootMargin: '100% 0px' });
      io.observe(host);
      return true;
    }
    if (!place()) {
      if (document.readyState !== 'loading') console.warn('[passerelle] data-target not found: ' + attr('target'));
      else document.addEventListener('DOMContentLoaded', function () {
        if (!place()) console.warn('[passerelle] data-target not found: ' + attr('target'));
      }, { once: true });
    }

    // A classic script, once per page, with its integrity; CORS so that integrity applies.
    function load(name) {
      return E.loads[name] || (E.loads[name] = new Promise(function (ok, ko) {
        var a = asset(name), s = document.createElement('script');
        s.src = a[0];
        s.crossOrigin = 'anonymous';
        if (a[1]) s.integrity = a[1];
        s.onload = ok;
        s.onerror = function () { delete E.loads[name]; s.remove(); ko(new Error(a[0] + ' did not load')); };
        document.head.append(s);
      }));
    }
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
