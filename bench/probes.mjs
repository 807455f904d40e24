// probes.mjs — what the benches run inside the page: init scripts, installed before the page's
// own scripts (page.addInitScript), that put marks and records on the page's timeline, and the
// function that reads them back (page.evaluate).  Every function here is serialised into the
// page: it may use only browser globals and its own argument.
//
// Depends on: nothing (browser globals only).

// Sets the mark 'bench:banner-visible' in the first frame in which an element matching
// `selector` is rendered as a banner — in the document, or in the open shadow root of a
// <passerelle-embed> (an embed's HTML banner).  Rendered: it and every ancestor (across the
// shadow boundary) displayed, visible, not clipped (clip-path) nor transparent, no ancestor
// that hides overflow in a box under 16x16 px (a visually hidden screen-reader copy is not a
// banner), its own box at least 16x16 px, and with `fixed`, position: fixed (its stylesheet
// applies).  A MutationObserver catches the insertion or the class/style change that shows it;
// a rAF poll catches what only a stylesheet arriving, a CSS transition or a change inside a
// shadow root does.  A rAF callback runs in the rendering step of the frame that will show the
// element: the same method, with the same bias, for every page.
export function watchBanner([selector, fixed]) {
  let done = false;
  const parentOf = (el) => el.parentElement || (el.parentNode && el.parentNode.host) || null;
  const rendered = (el) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility !== 'visible' || (fixed && cs.position !== 'fixed')) return false;
    const box = el.getBoundingClientRect();
    if (box.width < 16 || box.height < 16) return false;
    for (let a = el; a; a = parentOf(a)) {
      const s = a === el ? cs : getComputedStyle(a);
      if (s.display === 'none' || s.clipPath !== 'none' || Number(s.opacity) === 0) return false;
      if (a !== el && s.overflow !== 'visible') {
        const b = a.getBoundingClientRect();
        if (b.width < 16 || b.height < 16) return false;
      }
    }
    return true;
  };
  const candidates = () => {
    const found = [...document.querySelectorAll(selector)];
    for (const host of document.querySelectorAll('passerelle-embed')) {
      if (host.shadowRoot) found.push(...host.shadowRoot.querySelectorAll(selector));
    }
    return found;
  };
  const observer = new MutationObserver(() => check());
  function check() {
    if (done || !candidates().some(rendered)) return;
    done = true;
    performance.mark('bench:banner-visible');
    observer.disconnect();
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const poll = () => { check(); if (!done) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
}

// Records every long task (50 ms or more) of the page's main thread as {start, duration} in
// window.__benchLongTasks (the Long Tasks API; buffered, so that tasks before the observer
// started are kept where the browser buffers them).
export function observeLongTasks() {
  const tasks = window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    window.__benchLongTasks = null;  // no Long Tasks API: the figures say "–"
  }
}

// The page's timeline, in ms since navigation start: marks, paints, long tasks and every
// request that went to the network (start, end, encoded body bytes: what came over the wire,
// brotli where served).  A resource answered from the cache (transferSize 0: the fonts the
// prerendered HTML preloaded, fetched again by the loader) was downloaded once, not twice.
// (Every request here is same-origin, so transferSize is never hidden.)
// `view`: which Passerelle view's 'passerelle:interactive' mark to read.
export function readTimeline(view) {
  const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : null; };
  const nav = performance.getEntriesByType('navigation')[0];
  const interactive = performance.getEntriesByName('passerelle:interactive')
    .find((e) => !view || (e.detail && e.detail.view === view));
  return {
    htmlBanner: at('bench:banner-visible'),
    canvasBanner: at('passerelle:banner-painted'),
    interactive: interactive ? interactive.startTime : null,
    fcp: at('first-contentful-paint'),
    domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
    navigation: nav ? { start: 0, end: nav.responseEnd, bytes: nav.encodedBodySize } : null,
    resources: performance.getEntriesByType('resource').filter((e) => e.transferSize > 0)
      .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd, bytes: e.encodedBodySize })),
    longTasks: window.__benchLongTasks,
    now: performance.now(),
  };
}
