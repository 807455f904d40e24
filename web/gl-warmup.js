// gl-warmup.js — a worker that makes one throwaway WebGL2 context on an OffscreenCanvas and
// says whether it got one.  Started by the standalone page's loader (web/loader/gpu-warmup.js)
// before the view makes its own context on the main thread.
//
// Why: the first WebGL context of a page's renderer process costs a one-time wait (the GPU
// channel, the shader translator): 150-400 ms on the slow-phone profile, measured, against
// 20-80 ms for every context after it.  Paid here, off the main thread, that wait no longer
// blocks the page's clicks and scrolling.  The context is dropped with the worker; what was
// set up for it stays with the process.
var ok = false;
try {
  ok = !!new OffscreenCanvas(1, 1).getContext('webgl2');
} catch (e) {
  ok = false;
}
postMessage(ok);
close();
