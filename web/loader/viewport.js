// viewport.js — the canvas's backing store: the WebGL2 probe (and the largest side the GPU
// allows), the size and devicePixelRatio handed to the C++, and the media queries it follows.
//
// Depends on: abi.js (flag), listen.js (the view's scope).

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

// Follows the canvas's size, the pixel ratio, prefers-reduced-motion and the colour scheme.  Returns
// {resize(), cssHeight()}; the caller runs resize() once its input is wired.
function watchViewport(v, request) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas, scope = instance._scope;
  var cssH = 0;
  // Backing store = CSS size × devicePixelRatio, within what the GPU allows (a very tall
  // auto-height page view on a phone would pass it: its ratio is lowered to fit).
  function resize() {
    if (!instance._mod) return;
    var rect = canvas.getBoundingClientRect();
    var dpr = window.devicePixelRatio || 1, maxSide = v.gl.maxSide;
    var cssW = rect.width;
    cssH = rect.height;
    var side = Math.max(cssW, cssH);
    if (side * dpr > maxSide) dpr = maxSide / side;
    var w = Math.max(1, Math.min(maxSide, Math.round(cssW * dpr)));
    var h = Math.max(1, Math.min(maxSide, Math.round(cssH * dpr)));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    mod._pl_set_viewport(cssW, cssH, dpr, w, h);
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
