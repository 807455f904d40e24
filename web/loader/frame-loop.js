// frame-loop.js — render on demand: a view draws a frame only when something asked for one
// (input, a resize, an animation the C++ still runs), then does what follows a frame.
//
// Depends on: abi.js (ABI, nameOf), time.js (measure), listen.js (the view's scope).

// CSS cursors by ABI.Cursor name (pl_cursor).
var CSS_CURSOR = {
  arrow: 'default', text_input: 'text', resize_all: 'move', resize_ns: 'ns-resize',
  resize_ew: 'ew-resize', resize_nesw: 'nesw-resize', resize_nwse: 'nwse-resize',
  hand: 'pointer', not_allowed: 'not-allowed', grab: 'grab', grabbing: 'grabbing'
};

// Sets instance.requestFrame; returns {request, stop}.  v: the view (mount.js, wire).
function startFrames(v) {
  var instance = v.instance, mod = v.mod;
  var scheduled = 0, first = true;
  var after = { bannerFrames: 0, cursor: '', shape: '' };
  // The standalone page may have built the first screen's atlases already (mount.js,
  // prepareModule): then the first tick draws at once.
  var fonts = v.fonts || prepareFonts(v);
  fonts.onReady = request;
  function stop() { if (scheduled) cancelAnimationFrame(scheduled); scheduled = 0; fonts.stop(); }
  instance._scope.later(stop);
  function request() {
    if (!scheduled && instance._mod && !instance.contextLost) scheduled = requestAnimationFrame(tick);
  }
  instance.requestFrame = request;
  instance.frameTimes = [];  // main-thread ms of the last frames (for bench/), newest last
  function tick(ts) {
    scheduled = 0;
    if (!instance._mod || instance.contextLost) return;
    if (!fonts.ready()) return fonts.start();  // the first frame waits for its atlases (it asks again)
    var t0 = performance.now();
    if (v.options.mirror) v.options.mirror.follow();  // the HTML scrolled since the start (before the reveal)
    mod._pl_set_wall_clock(Date.now() / 1000);
    var more = mod._pl_frame(ts / 1000);
    instance.frames++;
    afterFrame(v, after);
    fonts.afterFrame();
    if (first) {
      first = false;
      firstFrame(instance, t0, !v.options.mirror);
      instance._firstFrameDrawn();
      request();  // the second frame shows auto-sized windows (the banner)
    } else if (instance.frames === 2 && v.options.mirror) {
      v.options.mirror.reveal();  // the page's canvas replaces its HTML now, banner and all
      ready(instance);
    }
    if (more) request();
    instance.frameTimes.push(performance.now() - t0);
    if (instance.frameTimes.length > 600) instance.frameTimes.shift();
  }
  return { request: request, stop: stop };
}

// The font atlases, one slice (one atlas: pl_prepare_fonts) per task: all of them in one task
// took ~470 ms on a slow phone, with input and painting blocked.  Before the first frame only
// the atlases the first screen draws (pl_prepare_fonts says first_screen until they are
// built); the others after it, one per task, with no frame (nothing on screen changes: a
// frame that needs one builds it itself).  Between slices the browser paints and dispatches
// input (which only asks for a frame).  Leaves a 'passerelle:font-plan' measure (the build's
// beginning: metrics and layout, in a task of its own), 'passerelle:font-slice' measures (one
// per atlas) and 'passerelle:font-atlas', whose duration is the main-thread time of those
// tasks before the first frame (not the waits between them).  Its onReady, when set, is
// called each time the first screen's atlases are ready.
function prepareFonts(v) {
  var mod = v.mod, timer = 0, state = mod._pl_prepare_fonts ? 'idle' : 'ready', start = 0, busy = 0;
  function slice() {
    timer = 0;
    if (!v.instance._mod || v.instance.contextLost) { if (state === 'slicing') state = 'idle'; return; }
    var t0 = performance.now();
    if (!start) start = t0;
    var r = mod._pl_prepare_fonts(), S = ABI.FontSlices;
    // A build's beginning (metrics and layout) is no atlas: a measure of its own.
    if (r !== S.none) measure(r === S.planned ? 'passerelle:font-plan' : 'passerelle:font-slice', t0, { view: v.instance.view });
    var more = r === S.planned || r === S.first_screen || r === S.later;
    if (state !== 'slicing') {  // after the first frame: the rest, until done
      if (more) timer = setTimeout(slice, 0);
      return;
    }
    busy += performance.now() - t0;
    if (r === S.planned || r === S.first_screen) { timer = setTimeout(slice, 0); return; }
    state = 'ready';
    try {
      performance.measure('passerelle:font-atlas', { start: start, duration: busy, detail: { view: v.instance.view } });
    } catch (e) { /* old browser */ }
    if (fonts.onReady) fonts.onReady();
  }
  var fonts = {
    onReady: null,
    ready: function () { return state === 'ready'; },
    start: function () { if (state === 'idle') { state = 'slicing'; timer = setTimeout(slice, 0); } },
    // After a frame: atlases left (the start-up's, or a new build a resize or new text began)
    // go on one per task; a call with nothing left returns at once.
    afterFrame: function () { if (state === 'ready' && !timer && mod._pl_prepare_fonts) timer = setTimeout(slice, 0); },
    stop: function () { if (timer) clearTimeout(timer); timer = 0; if (state === 'slicing') state = 'idle'; }
  };
  return fonts;
}

// What follows every frame: the cursor, the map's URL and live region, the mirror, consent
// decisions, and the size the content needs.  s: what the last frames left.
function afterFrame(v, s) {
  var instance = v.instance, mod = v.mod, options = v.options;
  var c = CSS_CURSOR[nameOf(ABI.Cursor, mod._pl_cursor())] || 'default';
  if (c !== s.cursor) v.canvas.style.cursor = s.cursor = c;
  if (instance.map) instance.map.sync();
  if (options.mirror) options.mirror.sync();
  if (instance._hostScroll) instance._hostScroll.afterFrame();
  if (instance.consent && instance.takeConsent) {
    instance.takeConsent();
    // ImGui shows an auto-sized window on its second frame: that one paints the banner.
    if (s.bannerFrames < 2 && mod._pl_consent_view() !== ABI.ConsentView.hidden && ++s.bannerFrames === 2) {
      performance.mark('passerelle:banner-painted');
    }
  }
  // The height the content needs at this width: an embed without a fixed height follows
  // it, so that it never scrolls inside (the map's details grow with a selection).
  if (options.onContentSize && mod._pl_content_height) {
    var size = instance.contentSize();
    var shape = size.width + '/' + size.height + '/' + (instance.consent ? mod._pl_consent_view() : '');
    if (shape !== s.shape) { s.shape = shape; options.onContentSize(size, instance); }
  }
}

// The first complete frame with input live: the start-up is over.  A view with the page's
// mirror is shown (and ready) on the next frame, when ImGui has sized its windows.
function firstFrame(instance, t0, shown) {
  measure('passerelle:first-frame', t0, { view: instance.view });
  performance.mark('passerelle:interactive', { detail: { view: instance.view } });
  if (shown) ready(instance);
}

function ready(instance) {
  instance.element.setAttribute('data-passerelle-state', instance.view === 'error' ? 'error' : 'ready');
}
