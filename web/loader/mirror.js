// mirror.js — the semantic mirror of the standalone page and of each partner embed.
//
// The prerendered HTML of dist/index.html (passerelle-pack prerender) is the page until the
// canvas draws.  Then it stays in the document, visually hidden, for assistive technology
// and the keyboard: focus lives in it and the canvas draws the ring (pl_focus), activating
// an element does what a click on the canvas does (pl_activate), and the core's HTML
// replaces a part when what it shows changed (pl_mirror_version).  Choices made on the
// prerendered banner before the wasm is up are kept and applied as soon as it is, by the
// same rules (the core's), so none is lost and none is decided twice; but a first visit's
// decision (Tout accepter, Tout refuser, Continuer sans accepter) is recorded at once, by
// consent-record.js (earlyChoice), and the core reads it back from the cookie.
//
// Its listeners are its own scope's (they work before the module is up); destroy() of the
// view that started it (mount.js) releases them.
//
// In an embed (makeMirror(root, true): root is a part of the widget's shadow root) the
// mirror is the widget's alone: keys are listened to on it (never on the host's document),
// the host's scroll and classes are left alone, its links to pages of the site are made
// absolute against the widget's address, and the language link switches the widget in place
// (followAction, input.js).
//
// Depends on: abi.js (ABI, flag, own), time.js (now), bridge.js (withStrings), listen.js
// (makeScope), input.js (followAction, SCROLL_KEYS); consent-record.js (api._consentRecord, in
// front of passerelle.js) and consent-gate.js (api._consentGate) for earlyChoice.

// Trusted Types (a host page with require-trusted-types-for 'script'): the core's HTML, escaped
// by core/mirror/html, goes into the mirror through the loader's own policy, "passerelle",
// kept in this closure so that no other script can use it.  null without Trusted Types, or
// when the host does not allow the name (makeMirror then fails: 'trusted-types').
var HTML_POLICY = (function () {
  try {
    return window.trustedTypes ? trustedTypes.createPolicy('passerelle', { createHTML: function (h) { return h; } }) : null;
  } catch (e) {
    return null;
  }
})();

// Whether the document refuses plain strings as HTML (Trusted Types enforced).
function htmlNeedsPolicy() {
  try {
    document.createElement('div').innerHTML = '';
    return false;
  } catch (e) {
    return true;
  }
}

// Forced colours (Windows high contrast): the stylesheet shows the mirror instead of the canvas.
var FORCED_COLORS = window.matchMedia ? matchMedia('(forced-colors: active)') : null;

// Whether the standalone page's HTML is what the visitor sees and scrolls: before the canvas
// takes over, and for good with forced colours.  Then the scroll keys and in-page jumps are
// the browser's, on the HTML; moving the hidden canvas instead left the page where it was.
function htmlIsPage(m) {
  return !m.embedded && (!m.revealed || forcedColors());
}

function forcedColors() { return !!(FORCED_COLORS && FORCED_COLORS.matches); }

// Forced colours switched on or off while the page is shown (the stylesheet swaps the HTML and
// the canvas): the reader's place goes with it.  The HTML's place is noted as it scrolls: once
// the setting is off, the stylesheet has made the document unscrollable (scrollY 0) before
// the change is told.
function followForcedColors(m) {
  m.scope.listen(FORCED_COLORS, 'change', function () { swapPage(m); });
  m.scope.listen(window, 'scroll', function () { if (forcedColors()) m.htmlY = window.scrollY; }, { passive: true });
}

// After the reveal, the page goes from the canvas to the HTML (forced colours on) at the
// canvas's scroll position, or back at the HTML's.  Both lay out the same words at the same
// heights (the takeover's rule, tests/e2e/takeover.test.mjs).
function swapPage(m) {
  if (!m.revealed || !m.mod) return;
  if (forcedColors()) {
    window.scrollTo(0, m.htmlY = m.mod._pl_scroll());
  } else {
    window.scrollTo(0, 0);
    m.mod._pl_start_at(m.htmlY);
    m.instance.requestFrame();
  }
}

// The parts the core fills, by ABI.MirrorPart name: data-passerelle-part="consent" / "page".
function makeMirror(root, embedded) {
  var m = {
    root: root, mod: null, instance: null, version: -1, html: {}, queue: [], scope: makeScope(),
    startY: null, revealed: false,  // the HTML's scroll position the canvas starts at; shown yet
    htmlY: 0,  // with forced colours: where the HTML page was last scrolled
    embedded: !!embedded, doc: root.getRootNode ? root.getRootNode() : document  // a ShadowRoot in embeds
  };
  m.shownDialog = dialogKind(m);
  m.scope.listen(root, 'click', function (e) { onMirrorClick(m, e); });
  m.scope.listen(root, 'focusin', function (e) {
    var el = keyed(m, e.target);
    tellFocus(m, el ? el.getAttribute('data-key') : '');
  });
  m.scope.listen(root, 'focusout', function (e) {
    if (!e.relatedTarget || !root.contains(e.relatedTarget)) tellFocus(m, '');
  });
  // Keys: focus is in the mirror (or nowhere, on the body); the scroll keys move the canvas
  // once it is the page (htmlIsPage).
  var keys = m.embedded ? root : document;
  m.scope.listen(keys, 'keydown', function (e) { onMirrorKey(m, e, true); });
  m.scope.listen(keys, 'keyup', function (e) { onMirrorKey(m, e, false); });
  // The module is up: on the standalone page its first layout starts where the visitor had
  // scrolled the HTML (an embed's box has no HTML page to keep), and the focus is told.  The
  // HTML stays the page until reveal().
  m.start = function (instance, mod) {
    m.instance = instance;
    m.mod = mod;
    m.follow();
    m.sync();
    var active = keyed(m, m.doc.activeElement);
    if (active) tellFocus(m, active.getAttribute('data-key'));
  };
  // Until the reveal the HTML is what the visitor scrolls (a wheel, a finger, a find in page):
  // each frame before it starts the canvas where the HTML is now, so that a scroll made while
  // the canvas was starting is kept, not undone at the reveal.
  m.follow = function () {
    if (m.embedded || m.revealed || !m.mod._pl_start_at || window.scrollY === m.startY) return;
    m.startY = window.scrollY;
    m.mod._pl_start_at(m.startY);
  };
  // The canvas has drawn the same page, banner included (ImGui shows an auto-sized window on
  // its second frame): it shows the page now, the mirror is for assistive technology.  With
  // forced colours the HTML stays the page, where the visitor has scrolled it.
  m.reveal = function () {
    if (m.embedded) return;  // an embed's mirror is hidden from the start: the box is the canvas
    m.revealed = true;
    document.documentElement.classList.add('passerelle-canvas-on');
    if (forcedColors()) m.htmlY = window.scrollY;
    else window.scrollTo(0, 0);
  };
  if (!m.embedded && FORCED_COLORS) followForcedColors(m);
  m.sync = function () { syncMirror(m); };
  m.stop = m.scope.release;
  return m;
}

function mirrorPart(m, name) { return m.root.querySelector('[data-passerelle-part="' + name + '"]'); }

// The mirror element with a data-key that holds node, or null.
function keyed(m, node) {
  var el = node && node.closest ? node.closest('[data-key]') : null;
  return el && m.root.contains(el) ? el : null;
}

function dialogKind(m) {
  var consent = mirrorPart(m, 'consent');
  var d = consent && consent.querySelector('[role="dialog"]');
  return d ? (d.getAttribute('aria-modal') === 'true' ? 'panel' : 'banner') : 'none';
}

function tellFocus(m, key) {
  if (!m.mod) return;
  withStrings(m.mod, [key], function (k) { m.mod._pl_focus(k, now()); });
  m.instance.requestFrame();
}

function activateKey(m, key, el) {
  var mod = m.mod;
  var r = withStrings(mod, [key], function (k) { return mod._pl_activate(k, now()); });
  followAction(m.instance, mod, r);
  // A footnote mark and its way back: the keyboard follows the reading to the other end.
  var href = el && el.getAttribute('href');
  if (r === ABI.ActionCode.handled && href && /^#fn(ref)?-\d+$/.test(href)) {
    var dest = m.root.querySelector(href);
    if (dest && dest.tagName !== 'A') dest = dest.querySelector('a');
    if (dest) dest.focus({ preventScroll: !htmlIsPage(m) });  // the HTML's own jump where it is the page
  }
  m.instance.requestFrame();
}

function onMirrorClick(m, e) {
  var el = keyed(m, e.target);
  if (!el) return;
  // Links to other pages are links: the browser follows them (new tab for external ones).  In
  // an embed, the language link switches the widget in place.
  if (el.tagName === 'A' && (el.target === '_blank' || (el.hasAttribute('hreflang') && !m.embedded))) return;
  var key = el.getAttribute('data-key');
  if (!m.mod) {
    if (el.tagName !== 'BUTTON') return;  // in-page links work as plain links until then
    e.preventDefault();
    // A decision closes the banner at once.  On a first visit it is recorded at once too
    // (earlyChoice); otherwise the core records it when it starts.
    var decision = /^consent:(refuse_all|accept_all|continue_without)$/.exec(key);
    if (decision) {
      var d = el.closest('[role="dialog"]');
      if (d) d.hidden = true;
      if (!earlyChoice(m, decision[1])) m.queue.push(key);
    } else {
      m.queue.push(key);
      el.setAttribute('aria-busy', 'true');
    }
    return;
  }
  e.preventDefault();
  activateKey(m, key, el);
}

// The standalone page's first choice before the canvas (issue 16: "a click on 'Tout refuser'
// waits"): recorded now by consent-record.js, as the consent embed's HTML banner does, from the
// page's data block (core/mirror/consent_kit, prerendered): cookie, proof of consent, gating,
// notice.  The canvas then reads the cookie and shows no banner.  Only on a first visit (no
// consent cookie, cookies writable, no Global Privacy Control); false otherwise, and the core
// decides when it starts, as before.
function earlyChoice(m, action) {
  var gate = api._consentGate, rec = api._consentRecord;
  var data = !m.embedded && document.getElementById('passerelle-consent-kit');
  if (!data || !gate || !rec || gate.readCookie() || !gate.storageAvailable() || navigator.globalPrivacyControl === true) return false;
  try {
    var kit = JSON.parse(data.textContent);
    rec.decide(kit, kit.lang, action, null, null);
    return true;
  } catch (err) {
    console.warn('[passerelle] the consent choice waits for the canvas:', err);
    return false;
  }
}

function onMirrorKey(m, e, down) {
  if (!m.mod || e.altKey || e.ctrlKey || e.metaKey) return;
  var t = e.composedPath ? e.composedPath()[0] : e.target;  // inside a shadow root too
  if (!(m.root.contains(t) || (!m.embedded && (t === document.body || t === document.documentElement)))) return;
  if (e.key === 'Escape') {
    escapeKey(m, e, down);
  } else if (down && e.key === 'Tab') {
    trapTab(m, e);
  } else if (down && !htmlIsPage(m)) {
    var k = own(SCROLL_KEYS, e.key);
    if (e.key === ' ') {
      if (t.closest && t.closest('button, a')) return;  // Space presses a button
      k = e.shiftKey ? ABI.ScrollKey.page_up : ABI.ScrollKey.page_down;
    }
    if (k === undefined) return;
    if (m.mod._pl_key(k, now())) { e.preventDefault(); m.instance.requestFrame(); }
  }
}

// Escape closes the panel; on the map's controls, deselects.
function escapeKey(m, e, down) {
  var mod = m.mod, t = e.target;
  var onMap = down && !m.root.querySelector('[aria-modal="true"]') && t.closest && t.closest('figure');
  if (onMap && withStrings(mod, ['map:deselect'], function (k) { return mod._pl_activate(k, now()); })) {
    e.preventDefault();
  } else if (mod._pl_ui_key(ABI.UiKey.escape, flag(down), ABI.Flag.off)) {
    e.preventDefault();
  }
  m.instance.requestFrame();
}

// The settings panel is modal: Tab stays inside.
function trapTab(m, e) {
  var t = e.target;
  var dialog = m.root.querySelector('[role="dialog"][aria-modal="true"]');
  if (!dialog) return;
  var items = dialog.querySelectorAll('[data-key]');
  var first = items[0], last = items[items.length - 1];
  if (!dialog.contains(t) || (e.shiftKey && t === first) || (!e.shiftKey && t === last)) {
    e.preventDefault();
    (e.shiftKey ? last : first).focus({ preventScroll: true });
  }
}

// After a frame: copy the parts that changed, keep the focus on the same item.
function syncMirror(m) {
  var mod = m.mod, root = m.root;
  // Clicks made on the prerendered page, applied once a frame has laid the page out.
  if (mod && m.queue.length && mod._pl_mirror_version() > 0) {
    m.queue.splice(0).forEach(function (key) { activateKey(m, key, null); });
  }
  // Version 0: no frame has built the mirror yet (the prerendered one stays).
  if (!mod || mod._pl_mirror_version() === 0 || mod._pl_mirror_version() === m.version) return;
  m.version = mod._pl_mirror_version();
  var active = m.doc.activeElement;
  var activeKey = active && root.contains(active) ? active.getAttribute('data-key') : null;
  Object.keys(ABI.MirrorPart).forEach(function (name) {
    var html = mod.UTF8ToString(mod._pl_mirror_html(ABI.MirrorPart[name]));
    var host = mirrorPart(m, name);
    if (!host || m.html[name] === html) return;
    m.html[name] = html;
    host.innerHTML = HTML_POLICY ? HTML_POLICY.createHTML(html) : html;
    if (m.embedded) absoluteLinks(host, m.instance.base);
  });
  var kind = dialogKind(m), opened = kind !== 'none' && kind !== m.shownDialog;
  m.shownDialog = kind;
  var focusLost = active && !active.isConnected;
  // A dialog that opens takes the focus (its first control); in an embed, only the modal panel
  // takes it from the host page (the banner waits at the end of the host's Tab order).
  var takes = m.embedded ? kind === 'panel' : !active || active === document.body;
  if (opened && (focusLost || takes || root.contains(active))) {
    // The panel closed back to the banner: the focus goes back to what opened it
    // ("Personnaliser"), as a dialog's does, not to the banner's first choice ("Tout refuser",
    // one Enter away from a refusal not meant).
    var dialog = '[role="dialog"] ';
    var back = kind === 'banner' && m.opener && mirrorPart(m, 'consent').querySelector(dialog + '[data-key="' + CSS.escape(m.opener) + '"]');
    var firstIn = back || mirrorPart(m, 'consent').querySelector(dialog + '[data-key]');
    if (kind === 'panel') m.opener = activeKey;
    if (firstIn) firstIn.focus({ preventScroll: true });
  } else if (focusLost) {
    var again = activeKey && root.querySelector('[data-key="' + CSS.escape(activeKey) + '"]');
    // The item is gone (the banner after a choice): "Gérer mes cookies" comes next.
    if (!again) again = mirrorPart(m, 'consent') && mirrorPart(m, 'consent').querySelector('[data-key]');
    if (again) again.focus({ preventScroll: true });
  }
}

// In an embed, a link to a page of the site ("index.en.html") belongs to the widget's
// address, never the host page's; in-page links (#fn-1) stay the mirror's.
function absoluteLinks(part, base) {
  [].forEach.call(part.querySelectorAll('a[href]'), function (a) {
    var href = a.getAttribute('href');
    if (href.charAt(0) !== '#') a.setAttribute('href', new URL(href, base).href);
  });
}
