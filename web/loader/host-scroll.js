// host-scroll.js — an auto-height page embed, as tall as its article however long the article
// is: its canvas covers only the part of the box the window can show (at most the window's
// height), placed at the host page's scroll position, and the C++ draws the article from
// there (pl_scroll_to).  So the backing store stays about the window's size ×
// devicePixelRatio, sharp at any length and any ratio, and the host page scrolls natively.
// When the C++ moves the article itself (a footnote jump, the keyboard focus brought into
// view, PageDown), the host page is scrolled by as much instead.
//
// Depends on: abi.js (ABI), listen.js (the view's scope).

// Returns {afterFrame()}, which frame-loop.js calls after each frame.  v: the view (mount.js).
function followHost(v, request) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas, box = canvas.parentNode;
  var mirror = v.options.mirror && v.options.mirror.root;  // kept beside the canvas: focus never scrolls the host away
  // following: the C++ moved the article in the last frame and the host was scrolled after
  // it; the host's scroll position is whole pixels, so it may differ by a fraction of one,
  // which must not stop the C++'s animation.
  var s = { top: -1, height: 0, expected: 0, following: false };
  mod._pl_set_host_scroll(ABI.Flag.on);
  canvas.style.position = 'absolute';
  function place() {
    if (!instance._mod) return;
    var r = box.getBoundingClientRect();
    var h = Math.max(1, Math.min(r.height, window.innerHeight));
    var t = Math.max(0, Math.min(-r.top, r.height - h));
    if (h !== s.height) { s.height = h; canvas.style.height = h + 'px'; }  // viewport.js follows
    if (t !== s.top) {
      s.top = t;
      canvas.style.top = t + 'px';
      if (mirror) mirror.style.top = t + 'px';
      request();
    }
    var off = Math.abs(mod._pl_scroll() - t);
    if (off > (s.following ? 2 : 0.01)) { mod._pl_scroll_to(t); request(); }
    s.expected = mod._pl_scroll();
  }
  instance._scope.listen(window, 'scroll', place, { passive: true });
  instance._scope.listen(window, 'resize', place);
  place();
  return {
    afterFrame: function () {
      var moved = mod._pl_scroll() - s.expected;
      s.following = Math.abs(moved) > 0.01;
      if (s.following) window.scrollBy({ top: moved, behavior: 'instant' });
      place();
      if (s.following) request();  // one more frame: at rest, the article is set to the host's exact position
    }
  };
}
