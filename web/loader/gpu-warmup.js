// gpu-warmup.js — the page's first WebGL context made off the main thread first (see
// web/gl-warmup.js: the one-time 150-400 ms wait of a renderer's first context is then paid
// by a worker), so that the view's own context, made after it, is short.
//
// Only where the worker may run: same-origin (the standalone page, whose <head> starts it;
// a partner's page cannot start a worker from our origin, and its policy may forbid blob:
// workers, so embeds go without), with Worker and OffscreenCanvas.  The promise resolves on
// the worker's answer, on its error (a missing file, a policy that refuses it), or after
// WARMUP_MAX_MS, whichever comes first, and never rejects; the view does not wait for it
// once its files are in (mount.js).  It resolves true when the worker got a WebGL2 context
// (a hint only: the view's own probe decides).
//
// Depends on: api.js (api, scriptBase).

var WARMUP_MAX_MS = 2000;
var gpuWarmup = null;

function warmGpu() {
  if (gpuWarmup) return gpuWarmup;
  gpuWarmup = new Promise(function (done) {
    // The standalone page's <head> starts the worker (shell/index.html), as early as it can,
    // and keeps its answer on it (worker.answer) until the loader is here to take it.
    var worker = api._warmup || null, timer = 0;
    if (!worker) {
      var url = new URL('gl-warmup.js', scriptBase);
      if (url.origin !== location.origin || typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') {
        return done(false);
      }
      try {
        worker = new Worker(url.href);
      } catch (e) {
        return done(false);
      }
    }
    function end(answer) {
      clearTimeout(timer);
      if (worker) { worker.onmessage = worker.onerror = null; worker.terminate(); worker = null; }
      api._warmup = null;
      done(answer === true);
    }
    if ('answer' in worker) return end(worker.answer);  // it answered before this script ran
    worker.onmessage = function (e) { end(e.data); };
    worker.onerror = function (e) { if (e && e.preventDefault) e.preventDefault(); end(false); };
    timer = setTimeout(end, WARMUP_MAX_MS);
  });
  return gpuWarmup;
}
