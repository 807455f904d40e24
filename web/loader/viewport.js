// viewport.js — the canvas's backing store: the WebGL2 probe, which makes the view's context
// (and the largest side the GPU allows), the size and devicePixelRatio handed to the C++, and the media queries it follows.
//
// Depends on: abi.js (flag), listen.js (the view's scope).

// WebGL2 is probed on the view's own canvas, with the very attributes pl_js_create_gl_context
// (web/passerelle-library.js) asks for: keep the two lists the same.  The context made here is
// then the one the C++ draws with (getContext gives a canvas its context back), so a view makes
// one WebGL context, not a throwaway probe and then its own: each took 100-200 ms of main
// thread on a slow phone (CPU 4x).  Returns {maxSide: the largest drawing buffer side the GPU
// allows}, or null without WebGL2.
var maxSide = 0;
function webgl2(canvas, alpha) {
  var gl = null;
  try {
    gl = canvas.getContext('webgl2', {
      alpha: !!alpha, depth: false, stencil: false, antialias: false, premultipliedAlpha: true,
      preserveDrawingBuffer: false, powerPreference: 'low-power'
    });
  } catch (e) {
    gl = null;
  }
  if (!gl) return null;
  if (!maxSide) {
    var dims = gl.getParameter(gl.MAX_VIEWPORT_DIMS) || [4096, 4096];
    maxSide = Math.min(gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) || 4096, dims[0], dims[1]);
  }
  return { maxSide: maxSide };
}

// The colours the canvas draws in: theme 'light' or 'dark' as asked (an embed's data-theme),
// else ('auto') the system's prefers-color-scheme, followed live as the HTML's CSS follows it.
function watchScheme(theme, instance, mod, request) {
  var dark = matchMedia('(prefers-color-scheme: dark)');
  function onScheme() {
    if (!instance._mod) return;
    var isDark = theme === 'dark' || (theme !== 'light' && dark.matches);
    mod._pl_set_scheme(isDark ? ABI.Scheme.dark : ABI.Scheme.light);
    request();
  }
  onScheme();
  if (theme !== 'light' && theme !== 'dark') instance._scope.listen(dark, 'change', onScheme);
}

// The canvas's CSS size, and its backing store's: CSS size × devicePixelRatio, within limit
// (the largest side the GPU allows; a very tall auto-height page view on a phone would pass it:
// its ratio is lowered to fit).  Returns {cssW, cssH, dpr, w, h}.
function backingSize(canvas, limit) {
  var rect = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
  var side = Math.max(rect.width, rect.height);
  if (side * dpr > limit) dpr = limit / side;
  return {
    cssW: rect.width, cssH: rect.height, dpr: dpr,
    w: Math.max(1, Math.min(limit, Math.round(rect.width * dpr))),
    h: Math.max(1, Math.min(limit, Math.round(rect.height * dpr)))
  };
}

// The viewport the first layout and font atlases are made for before the view has its WebGL
// context (mount.js, prepareModule): the canvas's box as resize() will see it, within the
// GPU's limit once a context told it (4096 until then, which every WebGL2 GPU allows).  The
// drawing buffer is left alone (resizing it is the context's business: resize()), and the
// App does nothing again when resize() hands it the same viewport.  False when the canvas has
// no box yet.
function presetViewport(v) {
  var b = backingSize(v.canvas, maxSide || 4096);
  if (!(b.cssW > 0 && b.cssH > 0)) return false;
  v.mod._pl_set_viewport(b.cssW, b.cssH, b.dpr, b.w, b.h);
  return true;
}

// Follows the canvas's size, the pixel ratio, prefers-reduced-motion and the colour scheme.  Returns
// {resize(), cssHeight()}; the caller runs resize() once its input is wired.
function watchViewport(v, request) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas, scope = instance._scope;
  var cssH = 0;
  function resize() {
    if (!instance._mod) return;
    var b = backingSize(canvas, v.gl.maxSide);
    cssH = b.cssH;
    if (canvas.width !== b.w) canvas.width = b.w;
    if (canvas.height !== b.h) canvas.height = b.h;
    mod._pl_set_viewport(b.cssW, b.cssH, b.dpr, b.w, b.h);
    request();
  }
  var ro = new ResizeObserver(resize);
  ro.observe(canvas);
  scope.later(function () { ro.disconnect(); });
  // Browser zoom and moving to another screen change devicePixelRatio without always
  // changing the canvas's CSS size: watch the ratio itself (a query for the ratio of now,
  // made again after each change).
  function watchRatio() {
    var query = matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    scope.listen(query, 'change', function () { resize(); watchRatio(); }, { once: true });
  }
  watchRatio();
  var reduce = matchMedia('(prefers-reduced-motion: reduce)');
  function onReduce() { if (instance._mod) mod._pl_set_reduced_motion(flag(reduce.matches)); }
  onReduce();
  scope.listen(reduce, 'change', onReduce);
  watchScheme(v.options.theme, instance, mod, request);
  return { resize: resize, cssHeight: function () { return cssH; } };
}
