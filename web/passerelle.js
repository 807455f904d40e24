// passerelle.js — starts Passerelle views in the page: downloads, canvas, input, frames.
//
// For each element with [data-passerelle-pack] it downloads the wasm (with progress), the
// fonts and the content pack in parallel, makes the module on a canvas inside the element,
// forwards that canvas's own input events to the C++ platform layer, and draws frames only
// when something changed.  Anything that goes wrong ends in a readable message in the
// element, never a blank page.
//
// Public surface: window.Passerelle.instances[i] = { element, canvas, ready (Promise),
// view, frames, errors, map }.  Performance mark 'passerelle:interactive' after the first
// complete frame with input live.  instance.map (pages with a map): select(iso),
// selected(), screenPoint(lon, lat) → {x, y} in page CSS px (like MouseEvent.pageX/Y) or
// null, and ready (a Promise settled when the geometry is drawn or has failed).
//
// Plain modern JS, no dependencies.  Expects createPasserelleModule (passerelle-module.js).
(function () {
  'use strict';

  var FACES = ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSans-Regular', 'NotoSans-Bold'];
  var KEYS = { ArrowUp: 0, ArrowDown: 1, PageUp: 2, PageDown: 3, Home: 4, End: 5 };  // passerelle::ScrollKey
  var UI_KEYS = { Tab: 0, ArrowLeft: 1, ArrowRight: 2, ArrowUp: 3, ArrowDown: 4, ' ': 5, Enter: 5, Escape: 6 };  // ui::UiKey
  // ImGuiMouseCursor values, then App::kCursorGrab (9) and kCursorGrabbing (10) for the map.
  var CURSORS = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed', 'grab', 'grabbing'];
  var CLICK_SLOP = 8;  // px a pointer may move between down and up and still click

  var api = window.Passerelle = window.Passerelle || {};
  api.instances = api.instances || [];

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

  // A download that reports its bytes as they arrive.  Rejects with a message for people.
  function download(url, onProgress) {
    return fetch(url, { credentials: 'same-origin' }).then(function (res) {
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
    });
  }

  function webgl2Available() {
    try {
      var c = document.createElement('canvas');
      var gl = c.getContext('webgl2');
      if (!gl) return false;
      var lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();  // give the probe's context back at once
      return true;
    } catch (e) {
      return false;
    }
  }

  // The status box: loading progress, then (only if needed) an error message.
  function makeStatus(element) {
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
    element.appendChild(box);
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

  function start(element) {
    var instance = { element: element, canvas: null, view: 'page', frames: 0, errors: [], ready: null };
    api.instances.push(instance);
    var status = makeStatus(element);

    instance.ready = run(instance, element, status).catch(function (err) {
      status.fail('La page n’a pas pu être chargée.', err && err.message ? err.message : String(err));
      instance.failure = err && err.message ? err.message : String(err);
      throw err;
    });
    instance.ready.catch(function () {});  // reported in the page; no unhandled rejection
    return instance;
  }

  function run(instance, element, status) {
    if (typeof WebAssembly !== 'object') {
      return Promise.reject(new Error('Votre navigateur ne prend pas en charge WebAssembly. Essayez avec un navigateur récent.'));
    }
    if (!webgl2Available()) {
      return Promise.reject(new Error('Votre navigateur ne peut pas afficher cette page : WebGL 2 est indisponible ou désactivé.'));
    }
    if (typeof createPasserelleModule !== 'function') {
      return Promise.reject(new Error('Le programme de la page (passerelle-module.js) n’a pas pu être chargé.'));
    }

    var packUrl = resolvePackUrl(element);
    var packName = decodeURIComponent(packUrl.split('?')[0].split('/').pop() || 'pack.json');
    var urls = [new URL('passerelle.wasm', scriptBase).href, packUrl].concat(
      FACES.map(function (f) { return new URL('fonts/' + f + '.ttf', scriptBase).href; }));
    // Progress: weight each download by its expected share so the bar moves evenly.
    var loaded = urls.map(function () { return 0; });
    var totals = urls.map(function () { return 0; });
    function onProgress(i) {
      return function (got, total) {
        loaded[i] = got;
        totals[i] = total || Math.max(got, totals[i]);
        var sum = 0, all = 0;
        for (var k = 0; k < urls.length; k++) { sum += loaded[k]; all += totals[k] || 1; }
        status.progress(all ? sum / all : 0);
      };
    }
    var downloads = urls.map(function (u, i) { return download(u, onProgress(i)); });

    var canvas = document.createElement('canvas');
    canvas.className = 'passerelle-canvas';
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Contenu de la page');
    instance.canvas = canvas;

    return Promise.all(downloads).then(function (buffers) {
      var wasmBytes = buffers[0];
      element.insertBefore(canvas, element.firstChild);
      return createPasserelleModule({
        canvas: canvas,
        instantiateWasm: function (imports, done) {
          WebAssembly.instantiate(wasmBytes, imports).then(function (r) { done(r.instance, r.module); },
            function (e) { status.fail('La page n’a pas pu démarrer.', String(e)); });
          return {};
        },
        print: function () {},
        printErr: function (t) { console.warn('[passerelle]', t); },
        onAbort: function (what) { status.fail('La page s’est arrêtée sur une erreur interne.', String(what)); }
      }).then(function (mod) { return { mod: mod, buffers: buffers }; });
    }).then(function (r) {
      var mod = r.mod;
      if (mod._pl_init() !== 0) throw new Error('WebGL 2 est indisponible : la page ne peut pas être dessinée.');
      for (var f = 0; f < FACES.length; f++) {
        if (!copyIn(mod, r.buffers[2 + f], function (p, n) { return mod._pl_set_face(f, p, n); })) {
          throw new Error('La police ' + FACES[f] + ' est illisible.');
        }
      }
      var nameLen = mod.lengthBytesUTF8(packName) + 1, namePtr = mod._malloc(nameLen);
      mod.stringToUTF8(packName, namePtr, nameLen);
      var errorCount = copyIn(mod, r.buffers[1], function (p, n) { return mod._pl_load_pack(p, n, namePtr); });
      mod._free(namePtr);
      instance.errors = [];
      for (var i = 0; i < errorCount; i++) instance.errors.push(mod.UTF8ToString(mod._pl_error_text(i)));
      instance.view = errorCount > 0 ? 'error' : 'page';
      if (errorCount > 0) announceErrors(element, packName, instance.errors);
      startConsent(instance, mod);
      startMap(instance, mod, packUrl);
      // For tests and tools: what is on screen now, and where.
      instance.visibleText = function () { return JSON.parse(mod.UTF8ToString(mod._pl_visible_runs())); };
      instance.scrollTop = function () { return mod._pl_scroll(); };
      wire(instance, mod, canvas);
      status.hide();
      return instance;
    });
  }

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
  function startConsent(instance, mod) {
    var gate = api._consentGate;
    var storage = gate ? gate.storageAvailable() : false;
    var cookie = gate ? gate.readCookie() : '';
    var lang = (document.documentElement.lang || 'fr').slice(0, 8);
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
      show: function () { mod._pl_consent_show(); instance.requestFrame(); },
      grant: function (purpose) {
        withStrings(mod, [purpose], function (p) { return mod._pl_consent_grant(p); });
        instance.takeConsent();
        instance.requestFrame();
      }
    }, JSON.parse(mod.UTF8ToString(mod._pl_consent_state())));
  }

  // The map: downloads its geometry (relative to the pack) after the page is up, so the text
  // is readable at once; selects from the URL's #pays=ML; keeps the URL and a live region in
  // step with the selection.
  function startMap(instance, mod, packUrl) {
    var rel = mod.UTF8ToString(mod._pl_map_geometry_url());
    if (!rel || instance.view !== 'page') return;
    var live = document.createElement('div');
    live.className = 'passerelle-live';
    live.setAttribute('aria-live', 'polite');
    instance.element.appendChild(live);
    function str(call, args) { return withStrings(mod, args, function () { return mod.UTF8ToString(call.apply(null, arguments)); }); }
    function selectFromHash(again) {
      var iso = str(mod._pl_map_parse_hash, [location.hash]);
      if (iso && (again === true || iso !== str(mod._pl_map_selected, []))) {
        withStrings(mod, [iso], function (p) { return mod._pl_map_select(p, now()); });
        mod._pl_map_take_change();  // came from the URL: nothing to write back
        if (instance.requestFrame) instance.requestFrame();
      }
    }
    instance.map = {
      select: function (iso) {
        var ok = withStrings(mod, [String(iso || '').toUpperCase()], function (p) { return mod._pl_map_select(p, now()); });
        if (instance.requestFrame) instance.requestFrame();
        return !!ok;
      },
      selected: function () { return str(mod._pl_map_selected, []) || null; },
      // For tests and tools: {ready, selected, zoom, box: {x, y, w, h} in page CSS px}.
      state: function () {
        var st = JSON.parse(mod.UTF8ToString(mod._pl_map_state()));
        var r = instance.canvas.getBoundingClientRect();
        st.box = { x: r.left + window.scrollX + st.box[0], y: r.top + window.scrollY + st.box[1], w: st.box[2], h: st.box[3] };
        return st;
      },
      screenPoint: function (lon, lat) {
        if (!mod._pl_map_screen_point(Number(lon), Number(lat))) return null;
        var r = instance.canvas.getBoundingClientRect();
        return { x: r.left + window.scrollX + mod._pl_map_point_x(), y: r.top + window.scrollY + mod._pl_map_point_y() };
      },
      // Called after each frame: writes a changed selection to the URL (replaceState: no
      // history entry per click) and announces it.
      sync: function () {
        if (!mod._pl_map_take_change()) return;
        var iso = str(mod._pl_map_selected, []);
        var hash = str(mod._pl_map_hash, [location.hash, iso]);
        if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
          history.replaceState(history.state, '', hash ? hash : location.pathname + location.search);
        }
        live.textContent = iso ? str(mod._pl_map_name, [iso]) : '';
      }
    };
    selectFromHash();
    window.addEventListener('hashchange', function () { selectFromHash(false); });
    var geometryUrl = new URL(rel, packUrl).href;
    var name = decodeURIComponent(geometryUrl.split('?')[0].split('/').pop());
    instance.map.ready = download(geometryUrl, function () {}).then(function (buffer) {
      var n = withStrings(mod, [name], function (p) {
        return copyIn(mod, buffer, function (ptr, len) { return mod._pl_map_load_geometry(ptr, len, p); });
      });
      if (n > 0) throw new Error(mod.UTF8ToString(mod._pl_map_error()));
    }).catch(function (err) {
      var msg = err && err.message ? err.message : String(err);
      if (!/^La carte/.test(msg)) {
        withStrings(mod, ['La carte n’a pas pu être chargée (' + msg + '). Le reste de la page est disponible.'],
          function (p) { mod._pl_map_unavailable(p); });
      }
      instance.map.failure = msg;
    }).then(function () {
      selectFromHash(true);  // the map can now move to the deep-linked country
      if (instance.requestFrame) instance.requestFrame();
    });
  }

  // Copies bytes into wasm memory for the duration of one call.
  function copyIn(mod, buffer, call) {
    var bytes = new Uint8Array(buffer);
    var ptr = mod._malloc(Math.max(1, bytes.length));
    mod.HEAPU8.set(bytes, ptr);
    try { return call(ptr, bytes.length); } finally { mod._free(ptr); }
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

  function wire(instance, mod, canvas) {
    var scheduled = false, first = true;
    var cssW = 0, cssH = 0, dpr = window.devicePixelRatio || 1;

    function request() {
      if (!scheduled) { scheduled = true; requestAnimationFrame(tick); }
    }
    instance.requestFrame = request;
    var bannerFrames = 0;
    instance.frameTimes = [];  // main-thread ms of the last frames (for bench/), newest last
    function tick(ts) {
      scheduled = false;
      var t0 = performance.now();
      mod._pl_set_wall_clock(Date.now() / 1000);
      var more = mod._pl_frame(ts / 1000);
      instance.frames++;
      canvas.style.cursor = CURSORS[mod._pl_cursor()] || 'default';
      if (instance.map) instance.map.sync();
      if (instance.consent) {
        instance.takeConsent();
        // ImGui shows an auto-sized window on its second frame: that one paints the banner.
        if (bannerFrames < 2 && mod._pl_consent_view() !== 0 && ++bannerFrames === 2) {
          performance.mark('passerelle:banner-painted');
        }
      }
      if (first) {
        first = false;
        performance.mark('passerelle:interactive');
        instance.element.setAttribute('data-passerelle-state', instance.view === 'error' ? 'error' : 'ready');
      }
      if (more) request();
      instance.frameTimes.push(performance.now() - t0);
      if (instance.frameTimes.length > 600) instance.frameTimes.shift();
    }

    function resize() {
      var rect = canvas.getBoundingClientRect();
      dpr = window.devicePixelRatio || 1;
      cssW = rect.width;
      cssH = rect.height;
      var w = Math.max(1, Math.round(cssW * dpr)), h = Math.max(1, Math.round(cssH * dpr));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      mod._pl_set_viewport(cssW, cssH, dpr, w, h);
      request();
    }
    new ResizeObserver(resize).observe(canvas);
    // Browser zoom and moving to another screen change devicePixelRatio without always
    // changing the canvas's CSS size: watch the ratio itself.
    (function watchRatio() {
      var mq = matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
      mq.addEventListener('change', function () { resize(); watchRatio(); }, { once: true });
    })();
    var reduce = matchMedia('(prefers-reduced-motion: reduce)');
    mod._pl_set_reduced_motion(reduce.matches ? 1 : 0);
    reduce.addEventListener('change', function () { mod._pl_set_reduced_motion(reduce.matches ? 1 : 0); });

    function local(e) {
      var r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    }
    var down = null;  // where the primary pointer went down, to tell clicks from drags
    var active = new Set();  // pointers currently down
    canvas.addEventListener('pointerdown', function (e) {
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
      var p = local(e);
      if (down && down.id === e.pointerId && Math.hypot(p.x - down.x, p.y - down.y) > CLICK_SLOP) down.moved = true;
      if (e.pointerType === 'touch') mod._pl_touch(1, e.pointerId, p.x, p.y, eventTime(e));
      else mod._pl_pointer(0, p.x, p.y);
      request();
    });
    function up(e) {
      var p = local(e);
      active.delete(e.pointerId);
      if (e.pointerType === 'touch') mod._pl_touch(2, e.pointerId, p.x, p.y, eventTime(e));
      else mod._pl_pointer(2, p.x, p.y);
      request();
    }
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', function (e) { if (down) down.moved = true; up(e); });
    canvas.addEventListener('pointerleave', function (e) {
      if (e.pointerType !== 'touch') { mod._pl_pointer(3, 0, 0); request(); }
    });
    canvas.addEventListener('click', function (e) {
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
      if (r !== 0) e.preventDefault();
      request();
    });
    canvas.addEventListener('wheel', function (e) {
      // Ctrl/⌘ + wheel and trackpad pinches (ctrlKey) zoom the map when over it; elsewhere
      // they stay the browser's page zoom.  A plain wheel scrolls the article, map or not.
      var unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? cssH : 1;
      var p = local(e);
      if (mod._pl_wheel(e.deltaX * unit, e.deltaY * unit, e.ctrlKey || e.metaKey ? 1 : 0, p.x, p.y, now())) e.preventDefault();
      request();
    }, { passive: false });
    canvas.addEventListener('blur', function () { mod._pl_blur(); request(); });
    canvas.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Widgets (the consent banner) first: Tab, arrows, Space/Enter, Escape.
      var u = UI_KEYS[e.key];
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
      var u = UI_KEYS[e.key];
      if (u !== undefined && mod._pl_ui_key(u, 0, e.shiftKey ? 1 : 0)) request();
    });
    canvas.addEventListener('contextmenu', function () { down = null; });

    resize();
    if (instance.element.hasAttribute('data-passerelle-autofocus')) canvas.focus({ preventScroll: true });
  }

  function boot() {
    var nodes = document.querySelectorAll('[data-passerelle-pack]');
    for (var i = 0; i < nodes.length; i++) {
      if (!nodes[i].__passerelle) nodes[i].__passerelle = start(nodes[i]);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
