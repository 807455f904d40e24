// input.js — a view's canvas's own input events, handed to the C++: pointer and touch,
// clicks, the wheel and keys.  Every listener is the view's (scope.listen), so it goes when the
// view is released.
//
// Depends on: abi.js (ABI, flag, own), time.js (now, eventTime), listen.js (the view's scope).

var CLICK_SLOP = 8;  // px a pointer may move between down and up and still click

// DOM KeyboardEvent.key → the code pl_key and pl_ui_key take.
var SCROLL_KEYS = {
  ArrowUp: ABI.ScrollKey.line_up, ArrowDown: ABI.ScrollKey.line_down, PageUp: ABI.ScrollKey.page_up,
  PageDown: ABI.ScrollKey.page_down, Home: ABI.ScrollKey.home, End: ABI.ScrollKey.end
};
var UI_KEYS = {
  Tab: ABI.UiKey.tab, ArrowLeft: ABI.UiKey.left, ArrowRight: ABI.UiKey.right, ArrowUp: ABI.UiKey.up,
  ArrowDown: ABI.UiKey.down, ' ': ABI.UiKey.activate, Enter: ABI.UiKey.activate, Escape: ABI.UiKey.escape
};

// The canvas's input, wired.  vp: watchViewport's (the wheel's page unit is its height).
function wireInput(v, request, vp) {
  var drag = { down: null };  // where the primary pointer went down, to tell clicks from drags
  wirePointer(v, request, drag);
  wireClick(v, request, drag);
  wireWheel(v, request, vp);
  wireKeys(v, request);
}

// Canvas CSS px of a pointer event.
function localPoint(canvas, e) {
  var r = canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

// A fixed-height page embed: its article scrolls under one finger, as a native scrolling box
// does, so the browser gets no finger there (pl_touch hands the rest over to the host at the
// article's edges).  Everywhere else in a partner's page, one finger scrolls the host (the
// shadow stylesheet's pan-x pan-y), and two fingers on the map are the map's.
function fingerScrollsBox(v) {
  return !!(v.instance.embedded && v.instance.view === 'page' && !v.options.hostScroll);
}

// Mouse and pen go to pl_pointer, fingers to pl_touch (by pointerId).
function wirePointer(v, request, drag) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas, listen = instance._scope.listen;
  var active = new Set();  // pointers currently down
  var box = fingerScrollsBox(v);
  // Fingers are placed against the canvas where it was when the gesture began: handing a
  // drag over to the host moves the canvas under the finger, which must not read as the
  // finger moving back.
  var origin = null;
  if (box) canvas.style.touchAction = 'none';
  function send(e, pointer, touch) {
    var p = localPoint(canvas, e);
    if (e.pointerType !== 'touch') mod._pl_pointer(pointer, p.x, p.y);
    else {
      if (origin) p = { x: e.clientX - origin.left, y: e.clientY - origin.top };
      var rest = mod._pl_touch(touch, e.pointerId, p.x, p.y, eventTime(e));
      if (rest && box) window.scrollBy({ top: rest, behavior: 'instant' });
    }
    request();
  }
  listen(canvas, 'pointerdown', function (e) {
    if (!instance._mod) return;
    if (e.pointerType === 'touch' && active.size === 0) origin = canvas.getBoundingClientRect();
    var p = localPoint(canvas, e);
    // A second finger makes a pinch, never a click.
    if (active.size > 0 && drag.down) drag.down.moved = true;
    else drag.down = { x: p.x, y: p.y, id: e.pointerId, moved: false };
    active.add(e.pointerId);
    try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ }
    send(e, ABI.Pointer.down, ABI.Touch.begin);
  });
  listen(canvas, 'pointermove', function (e) {
    if (!instance._mod) return;
    var p = localPoint(canvas, e), down = drag.down;
    if (down && down.id === e.pointerId && Math.hypot(p.x - down.x, p.y - down.y) > CLICK_SLOP) down.moved = true;
    send(e, ABI.Pointer.move, ABI.Touch.move);
  });
  function up(e) {
    if (!instance._mod) return;
    active.delete(e.pointerId);
    send(e, ABI.Pointer.up, ABI.Touch.end);
    if (active.size === 0) origin = null;
  }
  listen(canvas, 'pointerup', up);
  listen(canvas, 'pointercancel', function (e) { if (drag.down) drag.down.moved = true; up(e); });
  listen(canvas, 'pointerleave', function (e) {
    if (instance._mod && e.pointerType !== 'touch') { mod._pl_pointer(ABI.Pointer.leave, 0, 0); request(); }
  });
  listen(canvas, 'contextmenu', function () { drag.down = null; });
}

// A click that was not a drag: pl_click decides, inside the click event (so that a new tab
// opens within the gesture).
function wireClick(v, request, drag) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas;
  instance._scope.listen(canvas, 'click', function (e) {
    if (!instance._mod) return;
    var p = localPoint(canvas, e);
    var dragged = drag.down && drag.down.moved;
    drag.down = null;
    if (dragged) return;
    var r = mod._pl_click(p.x, p.y, now());
    followAction(instance, mod, r);
    if (r !== ABI.ActionCode.none) e.preventDefault();
    request();
  });
}

// Does what pl_click or pl_activate returned (ABI.ActionCode) beyond the page itself.
function followAction(instance, mod, code) {
  if (code !== ABI.ActionCode.open_url && code !== ABI.ActionCode.open_page) return;
  // The other language, in an embed that can switch: in place (after this event: the switch
  // ends this view).
  if (code === ABI.ActionCode.open_page && instance.embedded && instance.onLanguage) {
    var lang = mod.UTF8ToString(mod._pl_pending_lang());
    setTimeout(function () { instance.onLanguage(lang); });
    return;
  }
  // A page of the site (the other language…) resolves against the site: in an embed that is
  // the widget's origin (instance.base), never the partner's page, and the partner's page
  // stays where it is (a new tab, as for every other link).
  var url = new URL(mod.UTF8ToString(mod._pl_pending_url()), instance.embedded ? instance.base : location.href).href;
  // Inside the click event, so popup blockers let it through.  noopener: the new page
  // cannot reach back into this one.
  if (code === ABI.ActionCode.open_url || instance.embedded) window.open(url, '_blank', 'noopener');
  else location.assign(url);
}

function wireWheel(v, request, vp) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas;
  instance._scope.listen(canvas, 'wheel', function (e) {
    if (!instance._mod) return;
    // Ctrl/⌘ + wheel and trackpad pinches (ctrlKey) zoom the map when over it; elsewhere
    // they stay the browser's page zoom.  A plain wheel scrolls the article (in an embed:
    // the host's page), map or not.  Only what the C++ used is kept from the browser.
    var unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? vp.cssHeight() : 1;
    var p = localPoint(canvas, e);
    if (mod._pl_wheel(e.deltaX * unit, e.deltaY * unit, flag(e.ctrlKey || e.metaKey), p.x, p.y, now())) e.preventDefault();
    request();
  }, { passive: false });
}

// Keys reach a view only while its canvas has focus; Tab leaves it once the C++ has no
// widget left to move to.
function wireKeys(v, request) {
  var instance = v.instance, mod = v.mod, canvas = v.canvas, listen = instance._scope.listen;
  // Widgets (the consent banner) first: Tab, arrows, Space/Enter, Escape.  With a mirror,
  // the widgets' keyboard is the mirror's: Tab goes there.
  function uiKey(e) { return v.options.mirror && e.key !== 'Escape' ? undefined : own(UI_KEYS, e.key); }
  listen(canvas, 'blur', function () { if (instance._mod) { mod._pl_blur(); request(); } });
  listen(canvas, 'keydown', function (e) {
    if (!instance._mod || e.altKey || e.ctrlKey || e.metaKey) return;
    var u = uiKey(e);
    if (u !== undefined && mod._pl_ui_key(u, ABI.Flag.on, flag(e.shiftKey))) {
      e.preventDefault();
      request();
      return;
    }
    var k = own(SCROLL_KEYS, e.key);
    if (e.key === ' ' || e.key === 'Spacebar') k = e.shiftKey ? ABI.ScrollKey.page_up : ABI.ScrollKey.page_down;
    if (k === undefined) return;
    if (mod._pl_key(k, now())) { e.preventDefault(); request(); }
  });
  listen(canvas, 'keyup', function (e) {
    if (!instance._mod) return;
    var u = uiKey(e);
    if (u !== undefined && mod._pl_ui_key(u, ABI.Flag.off, flag(e.shiftKey))) request();
  });
}
