// gpu-warmup.js — the page's first WebGL context made off the main thread first: the
// standalone page's <head> starts a worker (web/gl-warmup.js, shell/index.html) that makes a
// throwaway WebGL2 context while the wasm downloads, so that the renderer's one-time wait for
// a first context (150-400 ms on the slow-phone profile) is the worker's; the view's own
// context, made after it, is short.  Embeds go without: a partner's page cannot start a worker
// from our origin, and its policy may forbid blob: workers.
//
// The <head> keeps the worker on Passerelle._warmup and its answer on the worker (answer) until
// this script is here to take it.  The promise resolves on the answer, on the worker's error (a
// missing file, a policy that refuses it) or after WARMUP_MAX_MS, whichever comes first, at
// once where no worker was started, and never rejects; the view makes its context after it
// (mount.js).  It resolves true when the worker got a WebGL2 context (a hint
// only: the view's own probe decides).
//
// Depends on: api.js (api).

var WARMUP_MAX_MS = 2000;
var gpuWarmup = null;

function warmGpu() {
  if (gpuWarmup) return gpuWarmup;
  var worker = api._warmup;
  api._warmup = null;
  gpuWarmup = new Promise(function (done) {
    if (!worker) return done(false);
    var timer = 0;
    function end(answer) {
      clearTimeout(timer);
      worker.onmessage = worker.onerror = null;
      worker.terminate();
      done(answer === true);
    }
    if ('answer' in worker) return end(worker.answer);  // it answered before this script ran
    worker.onmessage = function (e) { end(e.data); };
    worker.onerror = function (e) { e.preventDefault(); end(false); };
    timer = setTimeout(end, WARMUP_MAX_MS);
  });
  return gpuWarmup;
}
