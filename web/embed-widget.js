// embed-widget.js — what a <passerelle-embed> box is, loaded by embed.js (by its versioned
// name, with its integrity) when the first box is connected: Passerelle._widget.connect(el)
// and disconnect(el).
//
// A box is its element's shadow root, styled by one constructed stylesheet (no <style>, no
// style attribute: a strict style-src holds), holding the status (progress, then a failure
// with a link to the standalone page), the canvas and the view's semantic mirror (visually
// hidden: what assistive technology reads and the keyboard moves through; the canvas draws
// the focus ring), and the live region.  It starts its view (Passerelle.mount, passerelle.js)
// when it comes within a viewport of the screen, and stops it when disconnected.  Its
// settings are the element's data-* attributes (README.md, "Embed on your site").  The
// language link switches the box's language in place.  The consent view starts as HTML
// (consent-banner.js: the prerendered banner, answerable before any wasm is requested) on a
// first visit, and starts the canvas only for the settings panel.
//
// Depends on: embed.js (el._ctx: {base, asset(name), load(name), kit(name)}), passerelle.js (mount),
// consent-banner.js and consent-gate.js (the consent view).
(function () {
  'use strict';
  var P = window.Passerelle = window.Passerelle || {};
  if (P._widget) return;
  var E = P._embed;
  // The texts of a box, by language: while loading, when its view failed (by view), the link
  // to the standalone page.
  var TEXT = {
    fr: {
      loading: 'Chargement…',
      failed: {
        map: 'La carte n’a pas pu s’afficher ici.', page: 'La page n’a pas pu s’afficher ici.',
        consent: 'Le bandeau des cookies n’a pas pu s’afficher : les contenus soumis à votre accord restent bloqués.'
      },
      seePage: 'Voir la page « International » de La Cimade'
    },
    en: {
      loading: 'Loading…',
      failed: {
        map: 'The map could not be shown here.', page: 'The page could not be shown here.',
        consent: 'The cookie banner could not be shown: content that needs your consent stays blocked.'
      },
      seePage: 'See La Cimade’s “International” page'
    }
  };
  // The consent view covers the window, lets every click through (pointer-events) except on
  // its canvas, and clips the canvas to what the banner, the panel or the "Gérer mes cookies"
  // button needs: the C++ lays the banner out in the whole window, as on the standalone page.
  // The mirror is visually hidden, where the canvas is (an auto-height page moves it with the
  // canvas: focusing it never scrolls the host page away).
  var CSS = ':host{display:block;position:relative;height:20rem;margin:1em 0;contain:content;' +
    'color:#1f2328;font:16px/1.5 system-ui,sans-serif;text-align:left}' +
    ':host([data-view=consent]){position:fixed;inset:0;height:auto;margin:0;z-index:2147483000;pointer-events:none}' +
    ':host([data-view=consent]) .status{top:auto;pointer-events:auto}:host([data-hidden]) canvas{visibility:hidden}' +
    '.box{position:absolute;inset:0}' +
    'canvas{display:block;width:100%;height:100%;outline:none;pointer-events:auto;touch-action:pan-x pan-y;-webkit-tap-highlight-color:transparent}' +
    '.status{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;' +
    'gap:8px;padding:16px;background:#faf8f5;border:1px solid #e2ddd6;border-radius:6px;text-align:center}' +
    '.status[hidden]{display:none}.status p{margin:0}progress{width:min(240px,70%);height:6px;accent-color:#a3122a}' +
    'a{color:#a3122a;font-weight:600}a:focus-visible{outline:3px solid #14171a;outline-offset:2px}' +
    // The HTML banner (consent-banner.js): its dialog and buttons take clicks, the layer does
    // not; "Gérer mes cookies" where and as the canvas draws it (consent_widget.cpp).
    '.banner{pointer-events:none}.banner [role=dialog],.banner button{pointer-events:auto}' +
    '.banner [data-passerelle-part=consent]>button{position:fixed;left:8px;bottom:8px;padding:6px 10px;' +
    'border:1px solid var(--pl-rule);border-radius:6px;background:color-mix(in srgb,var(--pl-background) 92%,transparent);' +
    'color:var(--pl-muted);font:400 var(--pl-ui-small)/var(--pl-box) "Passerelle Sans",sans-serif;cursor:pointer}' +
    '.banner [data-passerelle-part=consent]>button:hover{background:var(--pl-rule)}' +
    '@media (forced-colors:active){.banner [data-passerelle-part=consent]>button{border-color:ButtonText}}' +
    '.mirror,.passerelle-live{position:absolute;top:0;left:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

  P._widget = { connect: connect, disconnect: disconnect };

  // A box connected (again): its view starts near the screen.  A box moved in one task was
  // never stopped (embed.js): nothing to do.
  function connect(el) {
    if (el._w) return;
    var w = el._w = settings(el);
    makeBox(w);
    if (w.view === 'consent') { startConsent(w); return; }
    if (!window.IntersectionObserver) { start(w); return; }
    // Lazy: start when the box comes within one viewport of the visible area.
    var io = w.io = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      io.disconnect();
      w.io = null;
      start(w);
    }, { rootMargin: '100% 0px' });
    io.observe(el);
  }

  // A box out of the document: its view stops (its ImGui and GL objects freed, its WebGL
  // context given back); connecting it again starts a new one.
  function disconnect(el) {
    var w = el._w;
    if (!w) return;
    el._w = null;
    w.gone = true;
    if (w.io) w.io.disconnect();
    if (w.banner) w.banner.remove();
    if (w.instance) w.instance.destroy();
  }

  // What the element asks for: {host, ctx, attr(name), view, lang, t (its TEXT), height, aspect}.
  function settings(el) {
    function attr(n) { return (el.getAttribute('data-' + n) || '').trim(); }
    var view = /^(page|map|consent)$/.test(attr('view')) ? attr('view') : 'page';
    var lang = [attr('lang'), document.documentElement.lang, navigator.language, 'fr'].map(function (l) {
      return String(l || '').slice(0, 2).toLowerCase();
    }).filter(function (l) { return TEXT[l]; })[0];
    el.setAttribute('data-view', view);
    return {
      host: el, ctx: el._ctx, attr: attr, view: view, lang: lang, t: TEXT[lang],
      height: attr('height'), aspect: attr('aspect')
    };
  }

  // The shadow root (made once: a connected-again box keeps it), the status (label and
  // progress bar), and the parts of the mirror the core fills.
  function makeBox(w) {
    var host = w.host;
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
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
    var mirror = w.mirror = document.createElement('div');
    mirror.className = 'mirror';
    mirror.lang = w.lang;
    var part = document.createElement('div');
    part.setAttribute('data-passerelle-part', w.view === 'consent' ? 'consent' : 'page');
    mirror.append(part);
    box.append(status, mirror);
    root.replaceChildren(box);
    host.removeAttribute('data-passerelle-state');
    // Sizes are set through the CSSOM, which a strict style-src allows.
    host.style.height = host.style.aspectRatio = '';
    if (w.view === 'consent') { host.setAttribute('data-hidden', ''); status.hidden = true; }
    else if (w.height) host.style.height = w.height;
    else if (w.aspect) { host.style.height = 'auto'; host.style.aspectRatio = w.aspect.replace(':', '/'); }
  }

  // The box says the view could not start, and links to the standalone page.
  function fail(w, detail) {
    if (detail) console.warn('[passerelle]', detail);
    var host = w.host, status = w.status;
    if (w.banner) { w.banner.remove(); w.banner = null; }
    host.setAttribute('data-passerelle-state', 'error');
    host.removeAttribute('data-hidden');
    status.hidden = false;
    status.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = w.t.failed[w.view];
    status.replaceChildren(p);
    if (w.view === 'consent') return;
    var a = document.createElement('a');
    a.href = new URL(w.lang === 'fr' ? 'index.html' : 'index.' + w.lang + '.html', w.ctx.base).href;
    a.textContent = w.t.seePage;
    status.append(a);
  }

  // The consent view, first visit: the HTML banner (consent-banner.js) from the kit of its
  // language, answerable once the gate, the banner's code and the kit are here (asked for by
  // embed.js beside this file: with the two of them, five requests).  The canvas
  // otherwise: a choice to check (a consent cookie), no cookies, Global Privacy Control,
  // another pack (data-pack), or a browser or host page where the HTML cannot go in (no
  // constructed stylesheets; Trusted Types enforced).
  function startConsent(w) {
    var ctx = w.ctx, R = window.ShadowRoot;
    var kitName = 'consent-banner.' + w.lang + '.json';
    var chosen = true;  // the gate checks again below; cookies out of reach: the canvas says so
    try { chosen = /(^|;\s*)(__Host-)?passerelle_consent=/.test(document.cookie); } catch (e) { /* sandboxed */ }
    if (w.attr('pack') || chosen || navigator.globalPrivacyControl === true || !R || !('adoptedStyleSheets' in R.prototype) ||
        !window.fetch || htmlNeedsPolicy() || !ctx.asset(kitName)[1]) { start(w); return; }
    Promise.all([ctx.load('consent-gate.js'), ctx.load('consent-banner.js'), ctx.kit(kitName)]).then(function (r) {
      if (w.gone) return;
      var gate = P._consentGate;
      if (gate.readCookie() || !gate.storageAvailable()) { start(w); return; }
      w.banner = P._consentBanner.show({
        root: w.host.shadowRoot, into: w.box, kit: r[2], lang: w.lang,
        announce: function (text) { liveRegion(w).textContent = text; },
        canvas: function (key) { if (!w.started) { w.key = key; start(w); } }
      });
      w.host.setAttribute('data-passerelle-state', 'ready');
      performance.mark('passerelle:consent-answerable');  // bench/embed.mjs, the tests
    }).catch(function (e) {
      if (w.gone) return;
      fail(w, e.message);
      settle(w.host, Promise.reject(e));
    });
  }

  // Whether the document refuses plain strings as HTML (Trusted Types enforced).
  function htmlNeedsPolicy() {
    try {
      document.createElement('div').innerHTML = '';
      return false;
    } catch (e) {
      return true;
    }
  }

  // The HTML banner's polite live region (the canvas makes its own), in the box.
  function liveRegion(w) {
    if (!w.live) {
      w.live = document.createElement('div');
      w.live.className = 'passerelle-live';
      w.live.setAttribute('aria-live', 'polite');
      w.box.append(w.live);
    }
    return w.live;
  }

  // Loads what is missing of passerelle.js, passerelle-module.js and consent-gate.js, then
  // mounts the view (with w.key, an action of the HTML banner, queued: the canvas does it
  // once it has laid the view out).
  function start(w) {
    w.started = true;
    var load = w.ctx.load;
    var need = [P.mount ? 0 : load('passerelle.js')];
    if (!P._createModule && !window.createPasserelleModule) need.push(load('passerelle-module.js'));
    if (w.view === 'consent' && !P._consentGate) need.push(load('consent-gate.js'));
    Promise.all(need).then(function () {
      if (w.gone) return;  // removed while the scripts loaded
      var inst = w.instance = P.mount(w.host, options(w));
      if (w.key && inst._mirror) inst._mirror.queue.push(w.key);
      settle(w.host, inst.ready);
      if (w.refocus) inst.ready.then(function () { refocus(w, 120); }, function () {});
    }).catch(function (e) {  // also what the options throw (data-pack)
      fail(w, e.message);
      settle(w.host, Promise.reject(e));
    });
  }

  // el.ready: the first start's Promise settles with this one; later starts replace it.
  function settle(el, ready) {
    ready.catch(function () {});
    if (el._settle) { ready.then(el._settle[0], el._settle[1]); el._settle = null; } else el.ready = ready;
  }

  function options(w) {
    var files = {}, asset = w.ctx.asset;
    ['passerelle.wasm', 'fonts/NotoSerif-Regular.ttf', 'fonts/NotoSerif-Italic.ttf', 'fonts/NotoSerif-Bold.ttf',
      'fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf'].forEach(function (n) { files[n] = asset(n); });
    var pack = w.attr('pack');
    return {
      view: w.view, lang: w.lang, embedded: true, container: w.box, base: w.ctx.base, assets: files,
      mirror: w.mirror, hostScroll: w.view === 'page' && !w.height && !w.aspect,
      status: {
        progress: function (f) { w.bar.value = f; },
        fail: function (title, detail) { fail(w, detail || title); },
        hide: function () { w.status.hidden = true; }
      },
      pack: pack ? new URL(pack, document.baseURI).href : asset('content/international.' + w.lang + '.json')[0],
      country: w.attr('country'), theme: w.attr('theme') || 'auto',
      onContentSize: function (size, inst) { fit(w, size, inst); },
      onLanguage: function (lang) { switchLanguage(w, lang); }
    };
  }

  // The language link: the same box, its view started again in that language; the keyboard
  // focus, if it was in the box, goes to the new view's language link.
  function switchLanguage(w, lang) {
    var el = w.host;
    if (!TEXT[lang] || el._w !== w) return;
    var focused = !!(el.shadowRoot && el.shadowRoot.activeElement);
    el.setAttribute('data-lang', lang);
    disconnect(el);
    connect(el);
    if (el._w) el._w.refocus = focused;
  }

  // The new view's language link takes the focus once its first frame has filled the mirror.
  function refocus(w, frames) {
    var link = w.mirror.querySelector('a[hreflang]');
    if (link) link.focus({ preventScroll: true });
    else if (frames > 0 && !w.gone) requestAnimationFrame(function () { refocus(w, frames - 1); });
  }

  // The box follows the size its content needs (unless the element fixed it).
  function fit(w, size, inst) {
    var host = w.host, h = Math.ceil(size.height);
    if (w.view !== 'consent') {
      if (!w.height && !w.aspect && h > 0) host.style.height = h + 'px';
      return;
    }
    // Banner: the bottom of the window; panel: all of it; hidden: the small
    // "Gérer mes cookies" box in the corner, or nothing.
    var v = inst.consentView ? inst.consentView() : 'hidden';
    // The canvas has the panel: it takes over from the HTML banner.
    if (w.banner && v === 'panel') { w.banner.remove(); w.banner = null; }
    if (!(h > 0) && v !== 'panel') host.setAttribute('data-hidden', ''); else host.removeAttribute('data-hidden');
    inst.canvas.style.clipPath = v === 'panel' ? 'none' : 'inset(calc(100% - ' + h + 'px) ' +
      (size.width > 0 ? 'calc(100% - ' + Math.ceil(size.width) + 'px)' : '0') + ' 0 0)';
  }

  // One constructed stylesheet for every box; where adoptedStyleSheets is missing (Safari
  // before 16.4), the few properties that matter are set through the CSSOM.
  function style(root) {
    if ('adoptedStyleSheets' in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      if (!E.sheet) { E.sheet = new CSSStyleSheet(); E.sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [E.sheet];
    } else if (!root.__fixed) {
      root.__fixed = true;
      var h = root.host.style;
      h.display = 'block';
      h.position = 'relative';
      h.height = '20rem';
      var fix = function () {
        [].forEach.call(root.querySelectorAll('canvas,.box,.status,.mirror'), function (n) {
          var s = n.style;
          if (n.className === 'box') { s.position = 'absolute'; s.inset = '0'; }
          else if (n.className === 'status') s.display = n.hidden ? 'none' : 'block';
          else if (n.className === 'mirror') { s.position = 'absolute'; s.width = s.height = '1px'; s.overflow = 'hidden'; s.clipPath = 'inset(50%)'; }
          else { s.display = 'block'; s.width = '100%'; if (!s.height) s.height = '100%'; if (!s.touchAction) s.touchAction = 'pan-x pan-y'; }  // the loader's 'none' (a fixed-height page) stays
        });
      };
      new MutationObserver(fix).observe(root, { childList: true, subtree: true, attributeFilter: ['hidden'] });
    }
  }
})();
