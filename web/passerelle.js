// passerelle.js — starts Passerelle views in a page: downloads, canvas, input, frames.
//
// Passerelle.mount(element, options) starts one view: it downloads the wasm (with progress),
// the fonts and the content pack in parallel, makes a module on a canvas of its own,
// forwards that canvas's own input events to the C++ platform layer, and draws frames only
// when something changed.  Anything that goes wrong ends in a readable message, never a
// blank box.  The standalone page (shell/index.html) mounts each [data-passerelle-pack]
// element; embed.js mounts the widgets of partner sites, each in its own shadow root.
//
// However many views a page holds, each file is downloaded once and the wasm compiled once
// (one WebAssembly.Module, kept); each view instantiates its own Emscripten module from it,
// with its own memory, canvas, WebGL context and state.
//
// options (all optional):
//   view        'page' (default), 'map' (the map figure only) or 'consent' (the banner only)
//   pack        URL of the content pack (default: the element's data-passerelle-pack, else
//               content/international.fr.json; the standalone page also honours a
//               same-origin ?pack=)
//   lang        'fr' or 'en' (default: <html lang>)
//   embedded    true in a partner's page: a plain wheel and one finger are the host's, the
//               consent rules start only in the 'consent' view, the URL is never touched
//               (options.country instead of #pays=), and the view frees its WebGL context
//               when its element leaves the document
//   container   Element or ShadowRoot the canvas goes into (default: element)
//   base        URL of the folder holding the wasm and fonts (default: this script's)
//   assets      {'passerelle.wasm': [url, integrity], 'fonts/X.ttf': [url, integrity]}:
//               versioned names and their Subresource Integrity, filled in by the build
//   country     ISO code to select once the map is drawn (embeds)
//   status      {progress(fraction), fail(title, detail), hide()} (default: a box in the
//               container with a progress bar, then the message and "Réessayer")
//   onContentSize({width, height}, instance)  after a frame, when the size the content needs
//               at the current width (or the consent view's state) changed: embeds size their
//               box by it (width 0: any width)
//   autofocus   focus the canvas once it is up (not with a mirror: focus is the mirror's)
//   mirror      the standalone page's semantic mirror (makeMirror): see below
//
// Public surface: window.Passerelle.mount, window.Passerelle.instances[i] = { element,
// canvas, ready (Promise), view, frames, errors, map, destroy() }.  Performance mark
// 'passerelle:interactive' after each view's first complete frame with input live (its
// detail says which view).  instance.map (views with a map): select(iso), selected(),
// screenPoint(lon, lat) → {x, y} in page CSS px (like MouseEvent.pageX/Y) or null, and ready
// (a Promise settled when the geometry is drawn or has failed).
//
// Plain modern JS, no dependencies.  Expects the Emscripten factory: Passerelle._createModule
// (the versioned, wrapped passerelle-module.<hash>.js) or createPasserelleModule
// (passerelle-module.js).
(function () {
  'use strict';

  var api = window.Passerelle = window.Passerelle || {};
  api.instances = api.instances || [];
  if (api.mount) return;  // loaded twice (a standalone page that also embeds): one is enough

  var FACES = ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSans-Regular', 'NotoSans-Bold'];
  var VIEWS = { page: 0, map: 1, consent: 2 };  // _pl_set_view
  var KEYS = { ArrowUp: 0, ArrowDown: 1, PageUp: 2, PageDown: 3, Home: 4, End: 5 };  // passerelle::ScrollKey
  var UI_KEYS = { Tab: 0, ArrowLeft: 1, ArrowRight: 2, ArrowUp: 3, ArrowDown: 4, ' ': 5, Enter: 5, Escape: 6 };  // ui::UiKey
  // ImGuiMouseCursor values, then App::kCursorGrab (9) and kCursorGrabbing (10) for the map.
  var CURSORS = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed', 'grab', 'grabbing'];
  var CLICK_SLOP = 8;  // px a pointer may move between down and up and still click

  var scriptBase = (function () {
    var s = document.currentScript;
    return s && s.src ? new URL('.', s.src).href : new URL('.', location.href).href;
  })();

  function now() { return performance.now() / 1000; }
  // When the event happened (not when a busy main thread got round to it), on the same clock
  // as now(): the release velocity of a flick is computed from these, so delays must not
  // look like the finger resting.
  function eventTime(e) {
    return e.timeStamp > 0 && e.timeStamp <= performance.now() + 1 ? e.timeStamp / 1000 : now();
  }
  function message(err) { return err && err.message ? err.message : String(err); }
  // A start-up step's duration on the page's timeline (bench/startup.mjs reads them):
  // passerelle:compile, :fonts, :pack-parse, :font-atlas, :first-frame.
  function measure(name, start, detail) {
    try { performance.measure(name, { start: start, end: performance.now(), detail: detail }); } catch (e) { /* old browser */ }
  }

  // --- downloads, once per page -------------------------------------------------------------

  // A download that reports its bytes as they arrive.  Rejects with a message for people.
  // With an integrity ("sha384-…"), the bytes are checked: by SubtleCrypto after the download
  // (the progress stays live), or by fetch itself where SubtleCrypto is missing (http pages).
  function download(url, onProgress, integrity) {
    var subtle = integrity && window.crypto && crypto.subtle;
    var init = { credentials: 'same-origin' };
    if (integrity && !subtle) init.integrity = integrity;
    return fetch(url, init).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status + ' pour ' + url);
      // With Content-Encoding, Content-Length counts compressed bytes but the stream yields
      // decoded ones: use the decoded size when the server says it, else "unknown".
      var encoded = !!res.headers.get('Content-Encoding');
      var total = Number(res.headers.get(encoded ? 'X-Decoded-Length' : 'Content-Length')) || 0;
      if (!res.body || !res.body.getReader) {
        return res.arrayBuffer().then(function (b) { onProgress(b.byteLength, b.byteLength); return b; });
      }
      var reader = res.body.getReader();
      var chunks = [], received = 0;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            var out = new Uint8Array(received), at = 0;
            chunks.forEach(function (c) { out.set(c, at); at += c.length; });
            return out.buffer;
          }
          chunks.push(r.value);
          received += r.value.length;
          onProgress(received, total);
          return pump();
        });
      }
      return pump();
    }).then(function (buffer) {
      var m = subtle && /^sha(256|384|512)-(\S+)$/.exec(integrity);
      if (!m) return buffer;
      return subtle.digest('SHA-' + m[1], buffer).then(function (hash) {
        var s = '', b = new Uint8Array(hash);
        for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
        if (btoa(s) !== m[2]) throw new Error('Le fichier ' + url + ' ne correspond pas à son empreinte (intégrité).');
        return buffer;
      });
    });
  }

  // url → {promise (bytes), got, total, listeners}: every view that needs a file shares one
  // download of it.  A failed download is forgotten, so that a later view tries again.
  var files = {};
  function fetchOnce(url, integrity) {
    var f = files[url];
    if (f) return f;
    f = files[url] = { got: 0, total: 0, listeners: [] };
    f.promise = download(url, function (got, total) {
      f.got = got;
      f.total = total;
      f.listeners.forEach(function (fn) { fn(); });
    }, integrity);
    f.promise.then(function () { f.listeners = []; }, function () { if (files[url] === f) delete files[url]; });
    return f;
  }

  // The wasm: downloaded and compiled once; f.module is a Promise of the WebAssembly.Module.
  function compileOnce(url, integrity) {
    var f = fetchOnce(url, integrity);
    if (!f.module) {
      f.module = f.promise.then(function (bytes) {
        var t0 = performance.now();
        return WebAssembly.compile(bytes).then(function (m) {
          measure('passerelle:compile', t0);
          return m;
        });
      });
      f.module.then(function () { f.promise = null; },  // the bytes are not needed any more
        function () { if (files[url] === f) delete files[url]; });
    }
    return f;
  }

  // WebGL2 is probed once per page; also gives the largest drawing buffer side it allows.
  var probe;
  function webgl2() {
    if (probe !== undefined) return probe;
    probe = null;
    try {
      var c = document.createElement('canvas');
      var gl = c.getContext('webgl2');
      if (gl) {
        var dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) || [4096, 4096];
        probe = { maxSide: Math.min(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) || 4096, dims[0], dims[1]) };
        var lose = gl.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();  // give the probe's context back at once
      }
    } catch (e) {
      probe = null;
    }
    return probe;
  }

  // --- the status box (standalone page) -----------------------------------------------------

  // Loading progress, then (only if needed) an error message with a retry button.
  function makeStatus(container) {
    var box = document.createElement('div');
    box.className = 'passerelle-status';
    box.setAttribute('role', 'status');
    var label = document.createElement('p');
    label.className = 'passerelle-status-label';
    label.textContent = 'Chargement de la page…';
    var bar = document.createElement('progress');
    bar.className = 'passerelle-progress';
    bar.max = 1;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Progression du chargement');
    box.appendChild(label);
    box.appendChild(bar);
    container.appendChild(box);
    return {
      progress: function (fraction) { bar.value = Math.max(0, Math.min(1, fraction)); },
      fail: function (title, detail) {
        box.className = 'passerelle-status passerelle-error';
        box.setAttribute('role', 'alert');
        box.textContent = '';
        var h = document.createElement('p');
        h.className = 'passerelle-error-title';
        h.textContent = title;
        box.appendChild(h);
        if (detail) {
          var p = document.createElement('p');
          p.className = 'passerelle-error-detail';
          p.textContent = detail;
          box.appendChild(p);
        }
        var retry = document.createElement('button');
        retry.type = 'button';
        retry.textContent = 'Réessayer';
        retry.addEventListener('click', function () { location.reload(); });
        box.appendChild(retry);
        box.hidden = false;
      },
      hide: function () { box.hidden = true; }
    };
  }

  function resolvePackUrl(element) {
    var pack = element.getAttribute('data-passerelle-pack') || 'content/international.fr.json';
    // ?pack= lets a page show another pack of the same site (editors preview, tests);
    // never another origin's.
    var param = new URLSearchParams(location.search).get('pack');
    if (param) {
      var u = new URL(param, location.href);
      if (u.origin === location.origin) return u.href;
    }
    return new URL(pack, location.href).href;
  }

  // --- mounting ---------------------------------------------------------------------------

  api.mount = function (element, options) {
    options = options || {};
    var view = VIEWS.hasOwnProperty(options.view) ? options.view : 'page';
    var instance = {
      element: element, canvas: null, view: view, frames: 0, errors: [], ready: null,
      embedded: !!options.embedded, destroyed: false, _cleanups: [], _mod: null
    };
    api.instances.push(instance);
    var status = options.status || makeStatus(options.container || element);
    instance.destroy = function () { destroy(instance); };

    instance.ready = run(instance, options, status).catch(function (err) {
      instance.failure = message(err);
      if (instance.embedded) {  // a widget that cannot start holds nothing
        release(instance);
        if (instance.canvas) instance.canvas.remove();
      }
      if (!instance.destroyed) {
        status.fail('La page n’a pas pu être chargée.', instance.failure);
        if (instance.embedded) element.setAttribute('data-passerelle-state', 'error');
      }
      throw err;
    });
    instance.ready.catch(function () {});  // reported in the page; no unhandled rejection
    if (instance.embedded) watchRemoval();
    return instance;
  };

  function run(instance, options, status) {
    if (typeof WebAssembly !== 'object') {
      return Promise.reject(new Error('Votre navigateur ne prend pas en charge WebAssembly. Essayez avec un navigateur récent.'));
    }
    var gl = webgl2();
    if (!gl) {
      return Promise.reject(new Error('Votre navigateur ne peut pas afficher cette page : WebGL 2 est indisponible ou désactivé.'));
    }
    var factory = api._createModule || window.createPasserelleModule;
    if (typeof factory !== 'function') {
      return Promise.reject(new Error('Le programme de la page (passerelle-module.js) n’a pas pu être chargé.'));
    }

    var element = instance.element;
    var base = options.base || scriptBase;
    function asset(name) {
      var a = options.assets && options.assets[name];
      return a ? [new URL(a[0], base).href, a[1] || ''] : [new URL(name, base).href, ''];
    }
    var packUrl = options.pack ? new URL(options.pack, location.href).href : resolvePackUrl(element);
    var packName = decodeURIComponent(packUrl.split('?')[0].split('/').pop() || 'pack.json');
    var wasm = asset('passerelle.wasm');
    var wasmFile = compileOnce(wasm[0], wasm[1]);
    var parts = [wasmFile, fetchOnce(packUrl, '')].concat(FACES.map(function (f) {
      var a = asset('fonts/' + f + '.ttf');
      return fetchOnce(a[0], a[1]);
    }));
    // Progress: each file weighs its size, so the bar moves evenly; shared downloads report
    // to every view that waits for them.
    function progress() {
      var sum = 0, all = 0;
      parts.forEach(function (p) {
        var done = !p.promise && p.module;  // the wasm, compiled: its bytes are gone
        sum += done ? 1 : p.got;
        all += done ? 1 : (p.total || Math.max(p.got, 1));
      });
      status.progress(all ? sum / all : 0);
    }
    parts.forEach(function (p) { if (p.listeners) p.listeners.push(progress); });
    progress();

    var canvas = document.createElement('canvas');
    canvas.className = 'passerelle-canvas';
    if (options.mirror) {
      // The mirror is what assistive technology reads and the keyboard moves through; the
      // canvas is a picture of it (focusable by a click only, for the scroll keys).
      canvas.tabIndex = -1;
      canvas.setAttribute('aria-hidden', 'true');
    } else {
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', options.label || 'Contenu de la page');
    }
    instance.canvas = canvas;

    var waits = [wasmFile.module].concat(parts.slice(1).map(function (p) { return p.promise; }));
    return Promise.all(waits).then(function (results) {
      if (instance.destroyed) throw new Error('removed');
      var wasmModule = results[0];
      (options.container || element).insertBefore(canvas, (options.container || element).firstChild);
      return new Promise(function (resolve, reject) {
        factory({
          canvas: canvas,
          instantiateWasm: function (imports, done) {
            WebAssembly.instantiate(wasmModule, imports).then(function (inst) { done(inst, wasmModule); }, reject);
            return {};
          },
          print: function () {},
          printErr: function (t) { console.warn('[passerelle]', t); },
          onAbort: function (what) {
            reject(new Error('La page s’est arrêtée sur une erreur interne (' + what + ').'));
            if (instance._mod) status.fail('La page s’est arrêtée sur une erreur interne.', String(what));
          }
        }).then(function (mod) { resolve({ mod: mod, buffers: results }); }, reject);
      });
    }).then(function (r) {
      var mod = r.mod;
      instance._mod = mod;
      if (instance.destroyed) { release(instance); throw new Error('removed'); }
      if (mod._pl_init(instance.embedded && instance.view === 'consent' ? 1 : 0) !== 0) throw new Error('WebGL 2 est indisponible : la page ne peut pas être dessinée.');
      instance._gl = true;
      var t0 = performance.now();
      for (var f = 0; f < FACES.length; f++) {
        if (!copyIn(mod, r.buffers[2 + f], function (p, n) { return mod._pl_set_face(f, p, n); })) {
          throw new Error('La police ' + FACES[f] + ' est illisible.');
        }
      }
      measure('passerelle:fonts', t0, { view: instance.view });
      t0 = performance.now();
      var errorCount = withStrings(mod, [packName], function (namePtr) {
        return copyIn(mod, r.buffers[1], function (p, n) { return mod._pl_load_pack(p, n, namePtr); });
      });
      measure('passerelle:pack-parse', t0, { view: instance.view, bytes: r.buffers[1].byteLength });
      instance.errors = [];
      for (var i = 0; i < errorCount; i++) instance.errors.push(mod.UTF8ToString(mod._pl_error_text(i)));
      if (errorCount > 0) {
        instance.view = 'error';
        // A partner's page gets a short message and a link, not a list of JSON errors.
        if (instance.embedded) {
          instance.errors.forEach(function (e) { console.warn('[passerelle]', e); });
          throw new Error('Le contenu ' + packName + ' est invalide : ' + instance.errors[0]);
        }
        announceErrors(element, packName, instance.errors);
      }
      var lang = String(options.lang || document.documentElement.lang || 'fr').slice(0, 8);
      if (mod._pl_set_lang) withStrings(mod, [lang], function (l) { mod._pl_set_lang(l); });
      if (instance.embedded && mod._pl_set_embedded) mod._pl_set_embedded(1);
      if (mod._pl_set_view) mod._pl_set_view(VIEWS[instance.view] || 0);
      // In a partner's page only the consent view runs the consent rules: the page and map
      // views set no cookie and load nothing of anyone else's.
      if (!instance.embedded || instance.view === 'consent') startConsent(instance, mod, lang);
      if (instance.view !== 'consent') startMap(instance, mod, packUrl, options);
      // For tests and tools: what is on screen now, and where.
      instance.visibleText = function () { return JSON.parse(mod.UTF8ToString(mod._pl_visible_runs())); };
      instance.scrollTop = function () { return mod._pl_scroll(); };
      // The size (CSS px) the content needs at the current width; width 0: any width.
      instance.contentSize = function () {
        return instance._mod && mod._pl_content_height
          ? { width: mod._pl_content_width ? mod._pl_content_width() : 0, height: mod._pl_content_height() }
          : { width: 0, height: 0 };
      };
      wire(instance, mod, canvas, options, gl, status);
      status.hide();
      if (options.mirror) options.mirror.start(instance, mod);
      return instance;
    });
  }

  // --- freeing ----------------------------------------------------------------------------

  // Stops frames and listeners, frees ImGui and GL objects, gives the WebGL context back
  // and drops the module.  Safe at any stage and more than once.
  function release(instance) {
    instance._cleanups.splice(0).forEach(function (fn) { try { fn(); } catch (e) { /* already gone */ } });
    var mod = instance._mod;
    instance._mod = null;
    if (mod && instance._gl && mod._pl_shutdown) {
      try { mod._pl_shutdown(); } catch (e) { /* a failed module has nothing left to free */ }
    }
    if (instance.canvas && instance._gl) {
      var gl = instance.canvas.getContext('webgl2');
      var lose = gl && gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
    }
    instance._gl = false;
  }

  function destroy(instance) {
    if (instance.destroyed) return;
    instance.destroyed = true;
    release(instance);
    instance.view = 'destroyed';
    var i = api.instances.indexOf(instance);
    if (i >= 0) api.instances.splice(i, 1);
    if (instance.map) instance.map.ready = Promise.resolve();
  }

  // One observer for the page: a widget whose element left the document is destroyed.  It
  // watches the tree only (no event of the host's is listened to), and stops with the last
  // widget.
  var watcher = null;
  function watchRemoval() {
    if (watcher || !window.MutationObserver) return;
    watcher = new MutationObserver(function (records) {
      if (!records.some(function (r) { return r.removedNodes.length > 0; })) return;
      api.instances.slice().forEach(function (i) {
        if (i.embedded && !i.element.isConnected) destroy(i);
      });
      if (!api.instances.some(function (i) { return i.embedded; })) { watcher.disconnect(); watcher = null; }
    });
    watcher.observe(document.documentElement, { childList: true, subtree: true });
  }

  // --- the C++ bridge ---------------------------------------------------------------------

  // Passes NUL-terminated copies of strings to a call.
  function withStrings(mod, strings, call) {
    var ptrs = strings.map(function (str) {
      var n = mod.lengthBytesUTF8(str) + 1, p = mod._malloc(n);
      mod.stringToUTF8(str, p, n);
      return p;
    });
    try { return call.apply(null, ptrs); } finally { ptrs.forEach(function (p) { mod._free(p); }); }
  }

  // Starts the consent rules (when the pack declares consent) with what the browser knows,
  // and connects them to consent-gate.js, which enforces them in the document.
  function startConsent(instance, mod, lang) {
    var gate = api._consentGate;
    var storage = gate ? gate.storageAvailable() : false;
    var cookie = gate ? gate.readCookie() : '';
    var gpc = navigator.globalPrivacyControl === true ? 1 : 0;
    var on = withStrings(mod, [cookie, lang], function (c, l) {
      return mod._pl_consent_start(c, Date.now() / 1000, gpc, storage ? 1 : 0, l);
    });
    instance.consent = !!on;
    instance.consentStorage = storage;
    // For tests and tools: the consent widget's state and buttons (CSS px).
    instance.consentView = function () { return ['hidden', 'banner', 'panel'][mod._pl_consent_view()]; };
    instance.consentButtons = function () { return JSON.parse(mod.UTF8ToString(mod._pl_consent_buttons())); };
    if (!on || !gate) return;
    instance.takeConsent = function () {
      var names = gate.cookieNames().join(',');
      var outs = JSON.parse(withStrings(mod, [names], function (n) { return mod.UTF8ToString(mod._pl_consent_take(n)); }));
      outs.forEach(function (o) { gate.decided(o); });
    };
    gate.attach({
      show: function () { if (instance._mod) { mod._pl_consent_show(); instance.requestFrame(); } },
      grant: function (purpose) {
        if (!instance._mod) return;
        withStrings(mod, [purpose], function (p) { return mod._pl_consent_grant(p); });
        instance.takeConsent();
        instance.requestFrame();
      }
    }, JSON.parse(mod.UTF8ToString(mod._pl_consent_state())));
  }

  // The map: downloads its geometry (relative to the pack) after the page is up, so the text
  // is readable at once.  The standalone page selects from the URL's #pays=ML and keeps the
  // URL in step with the selection; an embed selects options.country and leaves the host's
  // URL alone.  Both announce the selection in a live region.
  function startMap(instance, mod, packUrl, options) {
    var rel = mod.UTF8ToString(mod._pl_map_geometry_url());
    if (!rel || instance.view === 'error') return;
    var routed = !instance.embedded;
    var live = document.createElement('div');
    live.className = 'passerelle-live';
    live.setAttribute('aria-live', 'polite');
    (options.container || instance.element).appendChild(live);
    function str(call, args) { return withStrings(mod, args, function () { return mod.UTF8ToString(call.apply(null, arguments)); }); }
    function wanted() {
      if (!routed) return String(options.country || '').toUpperCase();
      return str(mod._pl_map_parse_hash, [location.hash]);
    }
    function selectWanted(again) {
      if (!instance._mod) return;
      var iso = wanted();
      if (iso && (again === true || iso !== str(mod._pl_map_selected, []))) {
        withStrings(mod, [iso], function (p) { return mod._pl_map_select(p, now()); });
        mod._pl_map_take_change();  // came from the URL or the tag: nothing to write back
        if (instance.requestFrame) instance.requestFrame();
      }
    }
    instance.map = {
      select: function (iso) {
        if (!instance._mod) return false;
        var ok = withStrings(mod, [String(iso || '').toUpperCase()], function (p) { return mod._pl_map_select(p, now()); });
        if (instance.requestFrame) instance.requestFrame();
        return !!ok;
      },
      selected: function () { return instance._mod ? str(mod._pl_map_selected, []) || null : null; },
      // For tests and tools: {ready, selected, zoom, box: {x, y, w, h} in page CSS px}.
      state: function () {
        var st = JSON.parse(mod.UTF8ToString(mod._pl_map_state()));
        var r = instance.canvas.getBoundingClientRect();
        st.box = { x: r.left + window.scrollX + st.box[0], y: r.top + window.scrollY + st.box[1], w: st.box[2], h: st.box[3] };
        return st;
      },
      screenPoint: function (lon, lat) {
        if (!instance._mod || !mod._pl_map_screen_point(Number(lon), Number(lat))) return null;
        var r = instance.canvas.getBoundingClientRect();
        return { x: r.left + window.scrollX + mod._pl_map_point_x(), y: r.top + window.scrollY + mod._pl_map_point_y() };
      },
      // Called after each frame: writes a changed selection to the URL (standalone page only;
      // replaceState: no history entry per click) and announces it.
      sync: function () {
        if (!mod._pl_map_take_change()) return;
        var iso = str(mod._pl_map_selected, []);
        if (routed) {
          var hash = str(mod._pl_map_hash, [location.hash, iso]);
          if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
            history.replaceState(history.state, '', hash ? hash : location.pathname + location.search);
          }
        }
        live.textContent = iso ? str(mod._pl_map_name, [iso]) : '';
      }
    };
    selectWanted();
    if (routed) {
      var onHash = function () { selectWanted(false); };
      window.addEventListener('hashchange', onHash);
      instance._cleanups.push(function () { window.removeEventListener('hashchange', onHash); });
    }
    var geometryUrl = new URL(rel, packUrl).href;
    var name = decodeURIComponent(geometryUrl.split('?')[0].split('/').pop());
    instance.map.ready = fetchOnce(geometryUrl, '').promise.then(function (buffer) {
      if (!instance._mod) return;
      var n = withStrings(mod, [name], function (p) {
        return copyIn(mod, buffer, function (ptr, len) { return mod._pl_map_load_geometry(ptr, len, p); });
      });
      if (n > 0) throw new Error(mod.UTF8ToString(mod._pl_map_error()));
    }).catch(function (err) {
      var msg = message(err);
      if (instance._mod && !/^La carte/.test(msg)) {
        withStrings(mod, ['La carte n’a pas pu être chargée (' + msg + '). Le reste de la page est disponible.'],
          function (p) { mod._pl_map_unavailable(p); });
      }
      instance.map.failure = msg;
    }).then(function () {
      selectWanted(true);  // the map can now move to the deep-linked country
      if (instance.requestFrame && instance._mod) instance.requestFrame();
    });
  }

  // Copies bytes into wasm memory for the duration of one call.
  function copyIn(mod, buffer, call) {
    var bytes = new Uint8Array(buffer);
    var ptr = mod._malloc(Math.max(1, bytes.length));
    if (!ptr) throw outOfMemory(bytes.length);
    mod.HEAPU8.set(bytes, ptr);
    try { return call(ptr, bytes.length); } finally { mod._free(ptr); }
  }

  // malloc gave nothing: the browser refused to grow the wasm memory (a phone short of
  // memory, or a file far larger than the page expects).
  function outOfMemory(bytes) {
    return new Error('Pas assez de mémoire pour ouvrir un fichier de ' + (bytes / 1048576).toFixed(1) +
      ' Mo : le navigateur a refusé d’en donner plus à la page. Fermez d’autres onglets, puis réessayez.');
  }

  // The canvas shows the errors; this repeats them as text for assistive technology and
  // for copying.
  function announceErrors(element, packName, errors) {
    var box = document.createElement('div');
    box.className = 'passerelle-errors-text';
    box.setAttribute('role', 'alert');
    var p = document.createElement('p');
    p.textContent = 'Le contenu ' + packName + ' est invalide (' + errors.length + ' erreur' + (errors.length > 1 ? 's' : '') + ').';
    box.appendChild(p);
    var ul = document.createElement('ul');
    errors.forEach(function (e) { var li = document.createElement('li'); li.textContent = e; ul.appendChild(li); });
    box.appendChild(ul);
    element.appendChild(box);
  }

  // --- frames and input -------------------------------------------------------------------

  function wire(instance, mod, canvas, options, gl, status) {
    var scheduled = 0, first = true;
    var cssW = 0, cssH = 0, dpr = window.devicePixelRatio || 1;
    var cleanups = instance._cleanups;
    cleanups.push(function () { if (scheduled) cancelAnimationFrame(scheduled); scheduled = 0; });

    function request() {
      if (!scheduled && instance._mod && !instance.contextLost) scheduled = requestAnimationFrame(tick);
    }
    instance.requestFrame = request;
    var bannerFrames = 0, cursor = '', shape = '';
    instance.frameTimes = [];  // main-thread ms of the last frames (for bench/), newest last
    function tick(ts) {
      scheduled = 0;
      if (!instance._mod || instance.contextLost) return;
      var t0 = performance.now();
      if (first && mod._pl_prepare_fonts) {  // the font atlas, built before the first frame
        mod._pl_prepare_fonts();
        measure('passerelle:font-atlas', t0, { view: instance.view });
        t0 = performance.now();
      }
      mod._pl_set_wall_clock(Date.now() / 1000);
      var more = mod._pl_frame(ts / 1000);
      instance.frames++;
      var c = CURSORS[mod._pl_cursor()] || 'default';
      if (c !== cursor) canvas.style.cursor = cursor = c;
      if (instance.map) instance.map.sync();
      if (options.mirror) options.mirror.sync();
      if (instance.consent && instance.takeConsent) {
        instance.takeConsent();
        // ImGui shows an auto-sized window on its second frame: that one paints the banner.
        if (bannerFrames < 2 && mod._pl_consent_view() !== 0 && ++bannerFrames === 2) {
          performance.mark('passerelle:banner-painted');
        }
      }
      // The height the content needs at this width: an embed without a fixed height follows
      // it, so that it never scrolls inside (the map's details grow with a selection).
      if (options.onContentSize && mod._pl_content_height) {
        var size = instance.contentSize();
        var s = size.width + '/' + size.height + '/' + (instance.consent ? mod._pl_consent_view() : '');
        if (s !== shape) { shape = s; options.onContentSize(size, instance); }
      }
      if (first) {
        first = false;
        measure('passerelle:first-frame', t0, { view: instance.view });
        performance.mark('passerelle:interactive', { detail: { view: instance.view } });
        instance.element.setAttribute('data-passerelle-state', instance.view === 'error' ? 'error' : 'ready');
      }
      if (more) request();
      instance.frameTimes.push(performance.now() - t0);
      if (instance.frameTimes.length > 600) instance.frameTimes.shift();
    }

    // Backing store = CSS size × devicePixelRatio, within what the GPU allows (a very tall
    // auto-height page view on a phone would pass it: its ratio is lowered to fit).
    function resize() {
      if (!instance._mod) return;
      var rect = canvas.getBoundingClientRect();
      dpr = window.devicePixelRatio || 1;
      cssW = rect.width;
      cssH = rect.height;
      var side = Math.max(cssW, cssH);
      if (side * dpr > gl.maxSide) dpr = gl.maxSide / side;
      var w = Math.max(1, Math.min(gl.maxSide, Math.round(cssW * dpr)));
      var h = Math.max(1, Math.min(gl.maxSide, Math.round(cssH * dpr)));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      mod._pl_set_viewport(cssW, cssH, dpr, w, h);
      request();
    }
    var ro = new ResizeObserver(resize);
    ro.observe(canvas);
    cleanups.push(function () { ro.disconnect(); });
    // Browser zoom and moving to another screen change devicePixelRatio without always
    // changing the canvas's CSS size: watch the ratio itself.
    var ratioQuery = null;
    function onRatio() { resize(); watchRatio(); }
    function watchRatio() {
      ratioQuery = matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
      ratioQuery.addEventListener('change', onRatio, { once: true });
    }
    watchRatio();
    cleanups.push(function () { ratioQuery.removeEventListener('change', onRatio); });
    var reduce = matchMedia('(prefers-reduced-motion: reduce)');
    function onReduce() { if (instance._mod) mod._pl_set_reduced_motion(reduce.matches ? 1 : 0); }
    onReduce();
    reduce.addEventListener('change', onReduce);
    cleanups.push(function () { reduce.removeEventListener('change', onReduce); });
    watchContext(instance, mod, canvas, status, function () {
      if (scheduled) cancelAnimationFrame(scheduled);
      scheduled = 0;
    });

    function local(e) {
      var r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    }
    var down = null;  // where the primary pointer went down, to tell clicks from drags
    var active = new Set();  // pointers currently down
    canvas.addEventListener('pointerdown', function (e) {
      if (!instance._mod) return;
      var p = local(e);
      // A second finger makes a pinch, never a click.
      if (active.size > 0 && down) down.moved = true;
      else down = { x: p.x, y: p.y, id: e.pointerId, moved: false };
      active.add(e.pointerId);
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
      if (e.pointerType === 'touch') mod._pl_touch(0, e.pointerId, p.x, p.y, eventTime(e));
      else mod._pl_pointer(1, p.x, p.y);
      request();
    });
    canvas.addEventListener('pointermove', function (e) {
      if (!instance._mod) return;
      var p = local(e);
      if (down && down.id === e.pointerId && Math.hypot(p.x - down.x, p.y - down.y) > CLICK_SLOP) down.moved = true;
      if (e.pointerType === 'touch') mod._pl_touch(1, e.pointerId, p.x, p.y, eventTime(e));
      else mod._pl_pointer(0, p.x, p.y);
      request();
    });
    function up(e) {
      if (!instance._mod) return;
      var p = local(e);
      active.delete(e.pointerId);
      if (e.pointerType === 'touch') mod._pl_touch(2, e.pointerId, p.x, p.y, eventTime(e));
      else mod._pl_pointer(2, p.x, p.y);
      request();
    }
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', function (e) { if (down) down.moved = true; up(e); });
    canvas.addEventListener('pointerleave', function (e) {
      if (instance._mod && e.pointerType !== 'touch') { mod._pl_pointer(3, 0, 0); request(); }
    });
    canvas.addEventListener('click', function (e) {
      if (!instance._mod) return;
      var p = local(e);
      var dragged = down && down.moved;
      down = null;
      if (dragged) return;
      var r = mod._pl_click(p.x, p.y, now());
      if (r === 2) {
        // Inside the click event, so popup blockers let it through.  noopener: the new page
        // cannot reach back into this one.
        window.open(mod.UTF8ToString(mod._pl_pending_url()), '_blank', 'noopener');
      }
      if (r === 3) location.assign(new URL(mod.UTF8ToString(mod._pl_pending_url()), location.href).href);
      if (r !== 0) e.preventDefault();
      request();
    });
    canvas.addEventListener('wheel', function (e) {
      if (!instance._mod) return;
      // Ctrl/⌘ + wheel and trackpad pinches (ctrlKey) zoom the map when over it; elsewhere
      // they stay the browser's page zoom.  A plain wheel scrolls the article (in an embed:
      // the host's page), map or not.  Only what the C++ used is kept from the browser.
      var unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? cssH : 1;
      var p = local(e);
      if (mod._pl_wheel(e.deltaX * unit, e.deltaY * unit, e.ctrlKey || e.metaKey ? 1 : 0, p.x, p.y, now())) e.preventDefault();
      request();
    }, { passive: false });
    canvas.addEventListener('blur', function () { if (instance._mod) { mod._pl_blur(); request(); } });
    // Keys reach a view only while its canvas has focus; Tab leaves it once the C++ has no
    // widget left to move to.
    canvas.addEventListener('keydown', function (e) {
      if (!instance._mod || e.altKey || e.ctrlKey || e.metaKey) return;
      // Widgets (the consent banner) first: Tab, arrows, Space/Enter, Escape.  With a mirror,
      // the widgets' keyboard is the mirror's: Tab goes there.
      var u = options.mirror && e.key !== 'Escape' ? undefined : UI_KEYS[e.key];
      if (u !== undefined && mod._pl_ui_key(u, 1, e.shiftKey ? 1 : 0)) {
        e.preventDefault();
        request();
        return;
      }
      var k = KEYS[e.key];
      if (e.key === ' ' || e.key === 'Spacebar') k = e.shiftKey ? KEYS.PageUp : KEYS.PageDown;
      if (k === undefined) return;
      if (mod._pl_key(k, now())) { e.preventDefault(); request(); }
    });
    canvas.addEventListener('keyup', function (e) {
      if (!instance._mod) return;
      var u = options.mirror && e.key !== 'Escape' ? undefined : UI_KEYS[e.key];
      if (u !== undefined && mod._pl_ui_key(u, 0, e.shiftKey ? 1 : 0)) request();
    });
    canvas.addEventListener('contextmenu', function () { down = null; });

    resize();
    if (options.autofocus && !options.mirror) canvas.focus({ preventScroll: true });
  }


  // --- the semantic mirror (standalone page) ------------------------------------------------

  // The prerendered HTML of dist/index.html (passerelle-pack prerender) is the page until the
  // canvas draws.  Then it stays in the document, visually hidden, for assistive technology
  // and the keyboard: focus lives in it and the canvas draws the ring (pl_focus), activating
  // an element does what a click on the canvas does (pl_activate), and the core's HTML
  // replaces a part when what it shows changed (pl_mirror_version).  Choices made on the
  // prerendered banner before the wasm is up are kept and applied as soon as it is, by the
  // same rules (the core's), so none is lost and none is decided twice.
  var PARTS = ['consent', 'page'];  // App::MirrorPart
  function makeMirror(root) {
    var m = { root: root, mod: null, instance: null, version: -1, html: {}, queue: [] };
    function part(name) { return root.querySelector('[data-passerelle-part="' + name + '"]'); }
    function keyed(node) {
      var el = node && node.closest ? node.closest('[data-key]') : null;
      return el && root.contains(el) ? el : null;
    }
    function dialogKind() {
      var d = part('consent') && part('consent').querySelector('[role="dialog"]');
      return d ? (d.getAttribute('aria-modal') === 'true' ? 'panel' : 'banner') : 'none';
    }
    var shownDialog = dialogKind();
    function tellFocus(key) {
      if (!m.mod) return;
      withStrings(m.mod, [key], function (k) { m.mod._pl_focus(k, now()); });
      m.instance.requestFrame();
    }
    function activate(key, el) {
      var mod = m.mod;
      var r = withStrings(mod, [key], function (k) { return mod._pl_activate(k, now()); });
      if (r === 2) window.open(mod.UTF8ToString(mod._pl_pending_url()), '_blank', 'noopener');
      if (r === 3) location.assign(new URL(mod.UTF8ToString(mod._pl_pending_url()), location.href).href);
      // A footnote mark and its way back: the keyboard follows the reading to the other end.
      var href = el && el.getAttribute('href');
      if (r === 1 && href && /^#fn(ref)?-\d+$/.test(href)) {
        var dest = root.querySelector(href);
        if (dest && dest.tagName !== 'A') dest = dest.querySelector('a');
        if (dest) dest.focus({ preventScroll: true });
      }
      m.instance.requestFrame();
    }

    root.addEventListener('click', function (e) {
      var el = keyed(e.target);
      if (!el) return;
      // Links to other pages are links: the browser follows them (new tab for external ones).
      if (el.tagName === 'A' && (el.target === '_blank' || el.hasAttribute('hreflang'))) return;
      var key = el.getAttribute('data-key');
      if (!m.mod) {
        if (el.tagName !== 'BUTTON') return;  // in-page links work as plain links until then
        e.preventDefault();
        m.queue.push(key);
        // A decision closes the banner at once; the core records it when it starts.
        if (/^consent:(refuse_all|accept_all|continue_without)$/.test(key)) {
          var d = el.closest('[role="dialog"]');
          if (d) d.hidden = true;
        } else {
          el.setAttribute('aria-busy', 'true');
        }
        return;
      }
      e.preventDefault();
      activate(key, el);
    });
    root.addEventListener('focusin', function (e) {
      var el = keyed(e.target);
      tellFocus(el ? el.getAttribute('data-key') : '');
    });
    root.addEventListener('focusout', function (e) {
      if (!e.relatedTarget || !root.contains(e.relatedTarget)) tellFocus('');
    });
    // Keys: focus is in the mirror (or nowhere, on the body), the page is the canvas's.
    function onKey(e, down) {
      if (!m.mod || e.altKey || e.ctrlKey || e.metaKey) return;
      var t = e.target;
      if (!(root.contains(t) || t === document.body || t === document.documentElement)) return;
      if (e.key === 'Escape') {  // closes the panel; on the map's controls, deselects
        var onMap = down && !root.querySelector('[aria-modal="true"]') && t.closest && t.closest('figure');
        if (onMap && withStrings(m.mod, ['map:deselect'], function (k) { return m.mod._pl_activate(k, now()); })) {
          e.preventDefault();
        } else if (m.mod._pl_ui_key(6, down ? 1 : 0, 0)) {
          e.preventDefault();
        }
        m.instance.requestFrame();
        return;
      }
      if (!down) return;
      if (e.key === 'Tab') {  // the settings panel is modal: Tab stays inside
        var dialog = root.querySelector('[role="dialog"][aria-modal="true"]');
        if (!dialog) return;
        var items = dialog.querySelectorAll('[data-key]');
        var first = items[0], last = items[items.length - 1];
        if (!dialog.contains(t) || (e.shiftKey && t === first) || (!e.shiftKey && t === last)) {
          e.preventDefault();
          (e.shiftKey ? last : first).focus({ preventScroll: true });
        }
        return;
      }
      var k = KEYS[e.key];
      if (e.key === ' ') {
        if (t.closest && t.closest('button, a')) return;  // Space presses a button
        k = e.shiftKey ? KEYS.PageUp : KEYS.PageDown;
      }
      if (k === undefined) return;
      if (m.mod._pl_key(k, now())) { e.preventDefault(); m.instance.requestFrame(); }
    }
    document.addEventListener('keydown', function (e) { onKey(e, true); });
    document.addEventListener('keyup', function (e) { onKey(e, false); });

    // The canvas is up: it shows the page, the mirror is for assistive technology.
    m.start = function (instance, mod) {
      m.instance = instance;
      m.mod = mod;
      document.documentElement.classList.add('passerelle-canvas-on');
      window.scrollTo(0, 0);
      m.sync();
      var active = document.activeElement;
      if (active && root.contains(active) && keyed(active)) tellFocus(keyed(active).getAttribute('data-key'));
    };
    // After a frame: copy the parts that changed, keep the focus on the same item.
    m.sync = function () {
      var mod = m.mod;
      // Clicks made on the prerendered page, applied once a frame has laid the page out.
      if (mod && m.queue.length && mod._pl_mirror_version() > 0) {
        m.queue.splice(0).forEach(function (key) { activate(key, null); });
      }
      // Version 0: no frame has built the mirror yet (the prerendered one stays).
      if (!mod || mod._pl_mirror_version() === 0 || mod._pl_mirror_version() === m.version) return;
      m.version = mod._pl_mirror_version();
      var active = document.activeElement;
      var activeKey = active && root.contains(active) ? active.getAttribute('data-key') : null;
      PARTS.forEach(function (name, i) {
        var html = mod.UTF8ToString(mod._pl_mirror_html(i));
        var host = part(name);
        if (!host || m.html[name] === html) return;
        m.html[name] = html;
        host.innerHTML = html;
      });
      var kind = dialogKind(), opened = kind !== 'none' && kind !== shownDialog;
      shownDialog = kind;
      var focusLost = active && !active.isConnected;
      if (opened && (focusLost || !active || active === document.body || root.contains(active))) {
        // A dialog that opens takes the focus (its first control).
        var firstIn = part('consent').querySelector('[role="dialog"] [data-key]');
        if (firstIn) firstIn.focus({ preventScroll: true });
      } else if (focusLost) {
        var again = activeKey && root.querySelector('[data-key="' + activeKey + '"]');
        // The item is gone (the banner after a choice): "Gérer mes cookies" comes next.
        if (!again) again = part('consent') && part('consent').querySelector('[data-key]');
        if (again) again.focus({ preventScroll: true });
      }
    };
    return m;
  }

  // The standalone page's status: progress in a strip at the top; a failure is a notice above
  // the prerendered page, which shows again (readable without the canvas).
  function pageStatus(host) {
    var s = makeStatus(host);
    var fail = s.fail;
    s.fail = function (title, detail) {
      document.documentElement.classList.remove('passerelle-canvas-on');
      fail(title, detail);
    };
    return s;
  }

  // The browser may take the WebGL context back (a GPU reset, too many contexts, the tab in
  // the background on a phone): every GL object is gone.  preventDefault() asks for it back;
  // frames stop meanwhile.  Once restored, the C++ makes its GL objects again (shaders,
  // buffers, the font texture from the atlas it kept) and the view draws again.  If the context
  // does not come back within LOST_WAIT_MS, the visitor is told (and the page still recovers if
  // it does come back later).
  var LOST_WAIT_MS = 5000;
  function watchContext(instance, mod, canvas, status, stopFrames) {
    var timer = 0;
    function onLost(e) {
      if (!instance._mod || instance.destroyed) return;
      e.preventDefault();
      instance.contextLost = true;
      instance.contextLosses = (instance.contextLosses || 0) + 1;
      stopFrames();
      timer = setTimeout(function () {
        if (!instance.contextLost || !instance._mod) return;
        instance.failure = 'Le contexte WebGL a été perdu.';
        status.fail('La page ne peut plus être dessinée.', instance.failure);
      }, LOST_WAIT_MS);
    }
    function onRestored() {
      if (!instance._mod || instance.destroyed || !instance.contextLost) return;
      clearTimeout(timer);
      instance.contextLost = false;
      if (!mod._pl_gl_restore()) {
        instance.failure = 'Le contexte WebGL n’a pas pu être recréé.';
        status.fail('La page ne peut plus être dessinée.', instance.failure);
        if (instance.embedded) instance.element.setAttribute('data-passerelle-state', 'error');
        release(instance);
        return;
      }
      if (instance.failure === 'Le contexte WebGL a été perdu.') { instance.failure = undefined; status.hide(); }
      instance.requestFrame();
    }
    canvas.addEventListener('webglcontextlost', onLost);
    canvas.addEventListener('webglcontextrestored', onRestored);
    instance._cleanups.push(function () {
      clearTimeout(timer);
      canvas.removeEventListener('webglcontextlost', onLost);
      canvas.removeEventListener('webglcontextrestored', onRestored);
    });
  }

  // --- the standalone page ----------------------------------------------------------------

  function boot() {
    var nodes = document.querySelectorAll('[data-passerelle-pack]');
    var mirror = document.querySelector('[data-passerelle-mirror]');
    var statusHost = document.querySelector('.passerelle-statusbar');
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].__passerelle) continue;
      var options = { autofocus: nodes[i].hasAttribute('data-passerelle-autofocus') };
      if (mirror && i === 0) {  // one mirror: the page's
        options.mirror = makeMirror(mirror);
        if (statusHost) options.status = pageStatus(statusHost);
      }
      nodes[i].__passerelle = api.mount(nodes[i], options);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
