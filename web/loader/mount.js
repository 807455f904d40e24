// mount.js — Passerelle.mount: one view from start to end.  Checks the browser, starts the
// downloads, makes the canvas and the module, hands the module its fonts and pack, wires the
// view (frames, viewport, WebGL context, input), and frees it all again.
//
// Depends on: every file before it in scripts/build-loader.mjs's order.

// The font files, in ABI.Face order (the loader passes each one's index to pl_set_face).
// scripts/check-budgets.mjs reads this list from the shipped file.
var FACES = ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSans-Regular', 'NotoSans-Bold'];

api.mount = function (element, options) {
  options = Object.assign({}, options);
  // An element for a mirror: an embed's, made here (makeMirror needs the loader's scope).
  if (options.mirror && typeof options.mirror.start !== 'function') {
    options.mirror = HTML_POLICY || !htmlNeedsPolicy() ? makeMirror(options.mirror, !!options.embedded) : failure('trusted-types');
  }
  var view = own(ABI.View, options.view) !== undefined ? options.view : 'page';
  var instance = {
    element: element, canvas: null, view: view, frames: 0, errors: [], ready: null,
    lang: String(options.lang || document.documentElement.lang || 'fr').slice(0, 8),
    embedded: !!options.embedded, destroyed: false, _scope: makeScope(), _mod: null,
    base: options.base || scriptBase,  // the site's address: an embed's links resolve against it
    _mirror: options.mirror || null, onLanguage: options.onLanguage
  };
  // Resolves after the view's first frame (web/loader/frame-loop.js): what can wait for it does.
  instance.firstFrame = new Promise(function (ok) { instance._firstFrameDrawn = ok; });
  api.instances.push(instance);
  var status = options.status || makeStatus(options.container || element, instance.lang);
  instance.destroy = function () { destroy(instance); };

  // Whatever run() throws, even before its first promise, ends in the failure box.
  instance.ready = new Promise(function (ok) { ok(run(instance, options, status)); }).catch(function (err) {
    noteFailure(instance, err);
    if (instance.embedded) {  // a widget that cannot start holds nothing
      release(instance);
      if (instance.canvas) instance.canvas.remove();
    }
    if (!instance.destroyed) {
      status.fail(say('title-start', null, instance.lang), instance.failure);
      if (instance.embedded) element.setAttribute('data-passerelle-state', 'error');
    }
    throw err;
  });
  instance.ready.catch(function () {});  // reported in the page; no unhandled rejection
  if (instance.embedded) watchRemoval();
  return instance;
};

// Resolves with the instance once its first frame is asked for; rejects with a failure.
function run(instance, options, status) {
  if (options.mirror instanceof Error) { instance._mirror = null; return Promise.reject(options.mirror); }
  var canvas = instance.canvas = makeCanvas(options, instance.lang);
  presize(canvas, options.container || instance.element);
  var gl = null, d = null;
  function probe() {  // the view's WebGL2 context (the probe makes it), or the failure
    if (instance.destroyed) throw failure('removed');
    var lacking = missing(function () { return (gl = webgl2(canvas, transparent(instance))); });
    if (lacking) throw lacking;
    instance._gl = true;  // the probe made the canvas's context: release() gives it back
  }
  function download() {
    d = startDownloads(instance, options, status);
    return Promise.all([d.wasm.module].concat(d.parts.slice(1).map(function (p) { return p.promise; })));
  }
  // The WebGL2 context in a task of its own: making it waits for the GPU process (150-300 ms
  // on the slow-phone profile), on top of the page's own start in the task that called mount.
  var files, glReady;
  if (options.gpuWarmup && typeof WebAssembly === 'object') {
    // The standalone page lets a worker pay the first context's one-time wait first
    // (gpu-warmup.js), which leaves 20-150 ms for the view's own.  The view makes its context
    // after the worker's answer (at most WARMUP_MAX_MS) even when its files are in sooner: a
    // context made while the worker's is still being made waits for the same busy GPU
    // process, 300-600 ms of blocked main thread on a fast link (traced), the longest task
    // Lighthouse saw.  What needs no GL does not wait: the module is instantiated and given
    // its fonts and pack meanwhile (prepareModule), so a late answer costs the context alone.
    // The downloads do not wait either: the page's HTML already preloads the wasm and its CSS
    // fetches the fonts, so holding back the pack would save a browser without WebGL2 nothing.
    glReady = options.gpuWarmup.then(probe);
    files = download();
  } else {
    // Anywhere else the downloads start after the context: a partner's page without WebGL2
    // downloads nothing for nothing.
    files = nextTask().then(function () { probe(); return download(); });
    glReady = files;
  }
  var v = { instance: instance, mod: null, canvas: canvas, options: options, gl: null, status: status };
  var prepared = files.then(function (results) {
    if (instance.destroyed) throw failure('removed');
    var container = instance._container = options.container || instance.element;
    container.insertBefore(canvas, container.firstChild);
    return instantiate(instance, moduleFactory(), results, canvas, status);
  }).then(function (r) {
    v.mod = r.mod;
    return prepareModule(v, r.buffers, d, !!options.gpuWarmup);
  });
  // A failed probe ends the view at once, whatever the module is doing (prepareModule stops at
  // its next step: instance.failed).
  return Promise.all([glReady, prepared]).then(function () {
    v.gl = gl;
    return startModule(v, d);
  }, function (err) {
    instance.failed = true;
    throw err;
  });
}

function moduleFactory() { return api._createModule || window.createPasserelleModule; }

// What the browser lacks for a view, as a failure; null when it has everything.  probeGL: the
// WebGL2 probe (it makes the view's context: asked only when WebAssembly is there).
function missing(probeGL) {
  if (typeof WebAssembly !== 'object') return failure('no-wasm');
  if (!probeGL()) return failure('no-webgl');
  if (typeof moduleFactory() !== 'function') return failure('no-module');
  return null;
}

// ?pack= lets a page show another pack of the same site (editors preview, tests): a .json file
// under the page's content/ folder, plain names only (no %-escapes, no other origin or
// folder); anything else is a failure ('pack-url'), never silently another pack.
function resolvePackUrl(element) {
  var param = new URLSearchParams(location.search).get('pack');
  if (!param) return new URL(element.getAttribute('data-passerelle-pack') || 'content/international.fr.json', location.href).href;
  var folder = new URL('content/', location.href), u = null;
  try { u = new URL(param, location.href); } catch (e) { /* not a URL: refused below */ }
  var rest = u && u.origin === location.origin && !u.search && u.pathname.indexOf(folder.pathname) === 0
    ? u.pathname.slice(folder.pathname.length) : '';
  if (!/^([\w-]+\/)*[\w.-]+\.json$/.test(rest)) throw failure('pack-url', { url: param.slice(0, 200) });
  return folder.href + rest;
}

// The wasm, the pack and the fonts, downloaded in parallel (each once per page), their
// progress on the status.  Returns {wasm, parts: [wasm, pack, fonts…], packUrl, packName}.
function startDownloads(instance, options, status) {
  var base = options.base || scriptBase;
  function asset(name) {
    var a = options.assets && options.assets[name];
    return a ? [new URL(a[0], base).href, a[1] || ''] : [new URL(name, base).href, ''];
  }
  var packUrl = options.pack ? new URL(options.pack, location.href).href : resolvePackUrl(instance.element);
  var wasm = asset('passerelle.wasm');
  var wasmFile = compileOnce(wasm[0], wasm[1]);
  var parts = [wasmFile, fetchOnce(packUrl, '', true)].concat(FACES.map(function (f) {
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
  return {
    wasm: wasmFile, parts: parts, packUrl: packUrl,
    packName: fileName(packUrl) || 'pack.json'
  };
}

function makeCanvas(options, lang) {
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
    canvas.setAttribute('aria-label', options.label || say('canvas', null, lang));
  }
  return canvas;
}

// The drawing buffer sized as the canvas will be (it fills box), before its WebGL context is
// made: sizing it after made the GPU side allocate it again, synchronously (about 700 ms of
// main thread on a slow phone, CPU 4x).  watchViewport's resize() sets the exact size.
function presize(canvas, box) {
  var r = box.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  if (!(r.width > 0 && r.height > 0)) return;
  canvas.width = Math.max(1, Math.min(4096, Math.round(r.width * dpr)));
  canvas.height = Math.max(1, Math.min(4096, Math.round(r.height * dpr)));
}

// This view's Emscripten module, instantiated from the compiled wasm; resolves with
// {mod, buffers: the downloads}.
function instantiate(instance, factory, results, canvas, status) {
  var wasmModule = results[0];
  return new Promise(function (resolve, reject) {
    factory({
      canvas: canvas,
      instantiateWasm: function (imports, done) {
        WebAssembly.instantiate(wasmModule, imports).then(function (inst) { done(inst, wasmModule); },
          function (err) { reject(tag(err, 'bad-wasm')); });
        return {};
      },
      print: function () {},
      printErr: function (t) { console.warn('[passerelle]', t); },
      onAbort: function (what) {
        reject(failure('abort', { what: what }));
        if (instance._mod) status.fail(say('title-abort', null, instance.lang), String(what));
      }
    }).then(function (mod) { resolve({ mod: mod, buffers: results }); }, reject);
  });
}

// A canvas that shows the host page where nothing is drawn: the embedded consent view.
function transparent(instance) { return instance.embedded && instance.view === 'consent'; }

// The module is up: ImGui and the App (pl_init), its fonts, its pack and view, each a task of
// its own (see nextTask): together they were one task of 200-500 ms on a slow phone, during
// which the page took no input.  None of it needs GL, so the standalone page does it while
// its GPU warm-up is still answering (run), and with it (early) the first layout and the first
// screen's font atlases, one per task (frame-loop.js, prepareFonts): pl_init_gl uploads their
// textures.  v: the view {instance, mod, canvas, options, gl, status}.  Resolves once done.
function prepareModule(v, buffers, d, early) {
  var instance = v.instance, mod = v.mod;
  instance._mod = mod;
  function alive() {
    if (instance.destroyed || instance.failed) { release(instance); throw failure('removed'); }
  }
  alive();
  mod._pl_init(flag(transparent(instance)));  // no GL yet: it cannot fail
  return nextTask().then(function () {
    alive();
    loadFonts(instance, mod, buffers.slice(2));
    return nextTask();
  }).then(function () {
    alive();
    loadPack(instance, mod, buffers[1], d.packName);
    setView(instance, mod);
    if (!early || !presetViewport(v)) return undefined;
    return new Promise(function (done) {
      var fonts = v.fonts = prepareFonts(v);
      fonts.onReady = done;
      instance._scope.later(function () { fonts.stop(); done(); });  // released: alive() says so
      fonts.start();
      if (fonts.ready()) done();  // a module without sliced atlases: nothing to prepare
    }).then(alive);
  });
}

// The view the module draws (after the pack: an error notice is the page view's), and whether
// it is embedded.
function setView(instance, mod) {
  if (instance.embedded && mod._pl_set_embedded) mod._pl_set_embedded(ABI.Flag.on);
  var viewCode = ABI.View[instance.view];  // undefined for 'error': the notice is the page's
  if (mod._pl_set_view) mod._pl_set_view(viewCode === undefined ? ABI.View.page : viewCode);
}

// The view's GL context given to the module (pl_init_gl: the renderer's objects), then the
// view, consent and map, frames and input, in a task after it.  Resolves with the instance.
function startModule(v, d) {
  var instance = v.instance, mod = v.mod;
  function alive() { if (instance.destroyed) { release(instance); throw failure('removed'); } }
  alive();
  if (mod._pl_init_gl() !== ABI.InitResult.ok) throw failure('gl-init');
  return nextTask().then(function () {
    alive();
    startView(v, d);
    return instance;
  });
}

// Resolves in a task of its own (a timer, not a microtask), so that the browser can paint and
// dispatch input between start-up steps.
function nextTask() { return new Promise(function (ok) { setTimeout(ok, 0); }); }

// Consent and the map started, then frames, input and the mirror.
function startView(v, d) {
  var instance = v.instance, mod = v.mod, lang = instance.lang;
  // In a partner's page only the consent view runs the consent rules: the page and map
  // views set no cookie and load nothing of anyone else's.
  if (!instance.embedded || instance.view === 'consent') startConsent(instance, mod, lang);
  if (instance.view !== 'consent') startMap(instance, mod, d.packUrl, v.options);
  addProbes(instance, mod);
  wire(v);
  v.status.hide();
  if (v.options.mirror) v.options.mirror.start(instance, mod);
}

function loadFonts(instance, mod, fonts) {
  var t0 = performance.now();
  FACES.forEach(function (name, face) {  // face: its ABI.Face code
    if (!copyIn(mod, fonts[face], function (p, n) { return mod._pl_set_face(face, p, n); })) {
      throw failure('bad-font', { face: name });
    }
  });
  measure('passerelle:fonts', t0, { view: instance.view });
}

// A bad pack: the view becomes a notice of its errors ('error'), repeated as text; an embed
// fails instead ('bad-pack': a partner's page gets a short message and a link, not a list of
// JSON errors).
function loadPack(instance, mod, buffer, packName) {
  var t0 = performance.now();
  var errorCount = withStrings(mod, [packName], function (namePtr) {
    return copyIn(mod, buffer, function (p, n) { return mod._pl_load_pack(p, n, namePtr); });
  });
  measure('passerelle:pack-parse', t0, { view: instance.view, bytes: buffer.byteLength });
  instance.errors = [];
  for (var i = 0; i < errorCount; i++) instance.errors.push(mod.UTF8ToString(mod._pl_error_text(i)));
  if (errorCount === 0) return;
  instance.view = 'error';
  if (instance.embedded) {
    instance.errors.forEach(function (e) { console.warn('[passerelle]', e); });
    throw failure('bad-pack', { pack: packName, first: instance.errors[0] });
  }
  announceErrors(instance.element, packName, instance.errors, instance.lang);
}

// For tests and tools: what is on screen now and where, the scroll offset, and the size (CSS
// px) the content needs at the current width (width 0: any width).
function addProbes(instance, mod) {
  instance.visibleText = function () { return JSON.parse(mod.UTF8ToString(mod._pl_visible_runs())); };
  instance.visibleWords = function () { return JSON.parse(mod.UTF8ToString(mod._pl_visible_words())); };
  instance.scrollTop = function () { return mod._pl_scroll(); };
  instance.contentSize = function () {
    return instance._mod && mod._pl_content_height
      ? { width: mod._pl_content_width ? mod._pl_content_width() : 0, height: mod._pl_content_height() }
      : { width: 0, height: 0 };
  };
}

// A view's frames, viewport, WebGL context and input, in that order; then the first resize.
function wire(v) {
  var frames = startFrames(v);
  var vp = watchViewport(v, frames.request);
  watchContext(v, frames.stop);
  wireInput(v, frames.request, vp);
  if (v.options.hostScroll && v.instance.view === 'page') v.instance._hostScroll = followHost(v, frames.request);
  vp.resize();
  if (v.options.autofocus && !v.options.mirror) v.canvas.focus({ preventScroll: true });
}

// Stops frames and listeners, frees ImGui and GL objects, gives the WebGL context back
// and drops the module.  Safe at any stage and more than once.
function release(instance) {
  instance._scope.release();
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

// The view is gone for good (instance.destroy(), or an embed whose element left the page):
// released, out of Passerelle.instances, and the mirror it started stops listening.
function destroy(instance) {
  if (instance.destroyed) return;
  instance.destroyed = true;
  release(instance);
  if (instance._mirror) instance._mirror.stop();
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
