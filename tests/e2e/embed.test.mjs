// Partner embeds (embed.js) in real headless Chromium, driven like a visitor: two widgets in
// an article, the host's own form and scrolling, a strict CSP, another origin, resizing,
// failures, removal, a tag added later, and the partner's consent banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNginx } from '../../scripts/nginx.mjs';
import {
  setUp, newPage, regionPixels, darkFraction, waitForEmbeds, routeHostPage, waitEmbedsIdle,
} from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const BAMAKO = [-8.0, 12.64];
const MIGRATION = [0xC4, 0x45, 0x2F];

// Counts compilations of wasm (any API) and instantiations of a compiled module, and keeps
// the window's own property names, before any script of the page runs.
function instrument(page) {
  return page.addInitScript(() => {
    const t = window.__t = { compiles: 0, instantiates: 0, violations: [], globals: Object.getOwnPropertyNames(window) };
    const W = WebAssembly, compile = W.compile, inst = W.instantiate, cs = W.compileStreaming, is = W.instantiateStreaming;
    W.compile = function (...a) { t.compiles++; return compile.apply(this, a); };
    W.instantiate = function (src, ...a) {
      if (src instanceof W.Module) t.instantiates++; else t.compiles++;
      return inst.call(this, src, ...a);
    };
    W.compileStreaming = function (...a) { t.compiles++; return cs.apply(this, a); };
    W.instantiateStreaming = function (...a) { t.compiles++; return is.apply(this, a); };
    document.addEventListener('securitypolicyviolation', (e) => {
      t.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

// Calls fn(instance, arg) in the page on the instance of a view.  Sent as an expression (no
// eval in the page: the strict-CSP page would refuse it).
const byView = (page, view, fn, arg) => page.evaluate(
  `(${fn})(window.Passerelle.instances.find((x) => x.view === ${JSON.stringify(view)}), ${JSON.stringify(arg ?? null)})`);
const wasmRequests = (page) => page.requests.filter((u) => new URL(u).pathname.endsWith('.wasm'));
const hostOf = (page, view) => page.locator(`passerelle-embed[data-view=${view}]`);
// The instance of a view scrolled into the middle of the window, its map drawn and at rest.
async function bringIntoView(page, view) {
  await hostOf(page, view).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await page.waitForFunction((v) => window.Passerelle.instances.some((i) => i.view === v &&
    i.element.getAttribute('data-passerelle-state')), view, { timeout: 30000 });
  await byView(page, view, (i) => i.map && i.map.ready);
  await waitEmbedsIdle(page, 150);
}
function pixelAt(px, x, y) {
  const k = (Math.round(y) * px.width + Math.round(x)) * 4;
  return px.data.slice(k, k + 3);
}
const near = (a, b, tol = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;

test('two widgets in an article: both ready, independent, one wasm download and one compile, one global', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await instrument(page);
  await page.goto(env.base + '/embed/partner.html');
  // Lazy: the map (near the top) starts, the page widget (further down) waits for the visitor.
  await waitForEmbeds(page, 1);
  assert.deepEqual(await page.evaluate(() => window.Passerelle.instances.map((i) => i.view)), ['map']);
  await bringIntoView(page, 'page');
  assert.deepEqual(await waitForEmbeds(page, 2), [['map', 'ready'], ['page', 'ready']]);

  // Each widget has its own canvas, in its own shadow root, untouched by the host's CSS.
  const canvases = await page.evaluate(() => [...document.querySelectorAll('passerelle-embed')].map((h) => {
    const c = h.shadowRoot.querySelector('canvas');
    return { own: window.Passerelle.instances.some((i) => i.canvas === c), border: getComputedStyle(c).borderTopWidth };
  }));
  assert.deepEqual(canvases, [{ own: true, border: '0px' }, { own: true, border: '0px' }]);
  assert.equal(await page.evaluate(() => document.querySelectorAll('canvas').length), 0, 'no canvas in the host document itself');

  // The page widget shows the article; the map widget only the figure.
  const pageText = (await byView(page, 'page', (i) => i.visibleText())).map((r) => r.text).join(' ');
  assert.match(pageText, /International/);
  await bringIntoView(page, 'map');
  const mapText = (await byView(page, 'map', (i) => i.visibleText())).map((r) => r.text).join(' ');
  assert.match(mapText, /Les pays/);
  assert.doesNotMatch(mapText, /cinquantaine/, 'the map view is the figure alone');

  // Clicking Mali in the map widget selects it there, grows its box (the details), and
  // leaves the page widget alone: not selected, not even redrawn.
  const pageFrames = await byView(page, 'page', (i) => i.frames);
  const heightBefore = await hostOf(page, 'map').evaluate((h) => h.getBoundingClientRect().height);
  const p = await byView(page, 'map', (i, ll) => i.map.screenPoint(ll[0], ll[1]), BAMAKO);
  assert.ok(p, 'Bamako is on the map');
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.mouse.click(p.x, p.y - scrollY);
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
  assert.equal(await byView(page, 'page', (i) => i.map.selected()), null);
  assert.equal(await byView(page, 'page', (i) => i.frames), pageFrames, 'the page widget drew nothing');
  const heightAfter = await hostOf(page, 'map').evaluate((h) => h.getBoundingClientRect().height);
  assert.ok(heightAfter > heightBefore + 50, `the map box grew with the details: ${heightBefore} → ${heightAfter}`);
  const canvasH = await byView(page, 'map', (i) => i.canvas.getBoundingClientRect().height);
  assert.ok(Math.abs(canvasH - heightAfter) < 1, 'the canvas fills its box: nothing scrolls inside');
  assert.equal(await page.evaluate(() => location.hash), '', 'the host URL is not touched');

  // One download and one compilation of the wasm, one instantiation per widget.
  assert.equal(wasmRequests(page).length, 1, wasmRequests(page).join(', '));
  const t = await page.evaluate(() => ({ compiles: window.__t.compiles, instantiates: window.__t.instantiates }));
  assert.deepEqual(t, { compiles: 1, instantiates: 2 });
  // Long-cacheable versioned files, and no cookie, no request to anyone else.
  assert.ok(wasmRequests(page)[0].match(/\/passerelle\.[0-9a-f]{8}\.wasm$/), wasmRequests(page)[0]);
  for (const u of page.requests) assert.ok(u.startsWith(env.base) || u.startsWith('data:'), `request: ${u}`);
  assert.deepEqual(await page.context().cookies(), []);
  // One global.
  const globals = await page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !window.__t.globals.includes(k)));
  assert.deepEqual(globals.filter((k) => k !== '__t'), ['Passerelle']);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the host page keeps its keyboard: typing, Backspace and Tab in its form; Tab into a widget and out', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.goto(env.base + '/embed/partner.html');
  await waitForEmbeds(page, 1);
  await page.locator('#name').click();
  await page.keyboard.type('Amina');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('e ');
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator('#name').inputValue(), 'Amine');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'email', 'Tab goes to the next field');
  await page.keyboard.type('a@example.org');
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator('#email').inputValue(), 'a@example.or');
  // Space and arrows in the form stay the form's (nothing of the widgets scrolls the page).
  const y0 = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('#email').inputValue(), 'a@example.o r');
  assert.equal(await page.evaluate(() => window.scrollY), y0);

  // From the form's last control, Tab enters the map widget (its mirror: the canvas is a
  // picture of it), goes through its controls, then leaves it for the next widget.
  await bringIntoView(page, 'page');
  await page.locator('#send').focus();
  await page.keyboard.press('Tab');
  const inMap = () => page.evaluate(() => {
    const h = document.querySelector('passerelle-embed[data-view=map]');
    return document.activeElement === h && h.shadowRoot.activeElement?.tagName === 'BUTTON';
  });
  assert.ok(await inMap(), 'Tab reaches the map');
  let presses = 0;
  while (await inMap() && presses < 40) { await page.keyboard.press('Tab'); presses++; }
  assert.ok(!(await inMap()), `Tab leaves the map (after ${presses} presses)`);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-view')), 'page');
  // Shift+Tab comes back into it.
  await page.keyboard.press('Shift+Tab');
  assert.ok(await inMap(), 'Shift+Tab goes back into the map');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a plain wheel over a widget scrolls the host page; Ctrl + wheel zooms the map and leaves the page still', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.goto(env.base + '/embed/partner.html');
  await waitForEmbeds(page, 1);
  await bringIntoView(page, 'map');
  const st = await byView(page, 'map', (i) => i.map.state());
  const y0 = await page.evaluate(() => window.scrollY);
  const cx = st.box.x + st.box.w / 2, cy = st.box.y - y0 + Math.min(st.box.h, 800 - (st.box.y - y0)) / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction((y) => window.scrollY > y + 100, y0, { timeout: 5000 });
  assert.equal((await byView(page, 'map', (i) => i.map.state())).zoom, 1, 'a plain wheel does not zoom');
  // Ctrl + wheel over the map: the map zooms, the host page stays where it is.
  await bringIntoView(page, 'map');
  const y1 = await page.evaluate(() => window.scrollY);
  const st1 = await byView(page, 'map', (i) => i.map.state());
  await page.mouse.move(st1.box.x + st1.box.w / 2, st1.box.y - y1 + 100);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await waitEmbedsIdle(page, 150);
  assert.ok((await byView(page, 'map', (i) => i.map.state())).zoom > 1, 'Ctrl + wheel zooms the map');
  assert.equal(await page.evaluate(() => window.scrollY), y1, 'and does not scroll the host');
  // Over the page widget too, the wheel is the host's.
  await bringIntoView(page, 'page');
  const y2 = await page.evaluate(() => window.scrollY);
  const box = await hostOf(page, 'page').boundingBox();
  await page.mouse.move(box.x + box.width / 2, 300);
  await page.mouse.wheel(0, 400);
  await page.waitForFunction((y) => window.scrollY > y + 100, y2, { timeout: 5000 });
  // The page widget is as tall as its article: its canvas follows the host's scroll.
  await waitEmbedsIdle(page, 150);
  const follow = await byView(page, 'page', (i) => [i.scrollTop(), -i.element.getBoundingClientRect().top]);
  assert.ok(Math.abs(follow[0] - Math.max(0, follow[1])) < 2, `the article is drawn from the host's scroll: ${follow}`);
  await page.context().close();
});

test('under a strict Content-Security-Policy: no violation, and the widgets draw', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await instrument(page);
  const res = await page.goto(env.base + '/embed/csp.html');
  assert.match(res.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
  await waitForEmbeds(page, 1);
  await bringIntoView(page, 'map');
  await bringIntoView(page, 'page');
  assert.deepEqual(await waitForEmbeds(page, 2), [['map', 'ready'], ['page', 'ready']]);
  await bringIntoView(page, 'map');
  // The map's partner countries are painted in their colour where the map says they are.
  const y = await page.evaluate(() => window.scrollY);
  const p = await byView(page, 'map', (i, ll) => i.map.screenPoint(ll[0], ll[1]), BAMAKO);
  const px = await regionPixels(page, { x: 0, y: 0, width: 1000, height: 800 });
  assert.ok(near(pixelAt(px, p.x, p.y - y), MIGRATION), `Mali painted: ${pixelAt(px, p.x, p.y - y)}`);
  assert.deepEqual(await page.evaluate(() => window.__t.violations), []);
  assert.ok(!page.consoleErrors.some((e) => /Content Security Policy|Refused/.test(e)), page.consoleErrors.join('\n'));
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('from another origin: a host page on 127.0.0.2 embeds the widget served by 127.0.0.1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-host-'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Hôte</title><link rel="icon" href="data:,"></head><body><h1>Un autre site</h1><p>Texte de remplissage.</p>
<script src="${env.base}/embed.js" data-view="map" data-country="SN" async></script><p>Fin.</p></body></html>`);
  chmodSync(dir, 0o755);  // nginx's workers may be another user
  // The partner's own site: nginx without Passerelle's rules (deploy/nginx/local/peer.conf).
  const other = await startNginx({ root: dir, host: '127.0.0.2', site: false });
  const hostUrl = other.url;
  try {
    const page = await newPage(env, { width: 900, height: 800 });
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(hostUrl);
    assert.deepEqual(await waitForEmbeds(page, 1), [['map', 'ready']]);
    await bringIntoView(page, 'map');
    assert.equal(await byView(page, 'map', (i) => i.map.state().ready), true, 'the geometry came across origins');
    assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'SN', 'data-country');
    assert.equal(await byView(page, 'map', (i) => i.map.select('ML')), true);
    await waitEmbedsIdle(page, 150);
    assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
    // The loader's own scripts came with their integrity, in CORS mode.
    const scripts = await page.evaluate(() => [...document.querySelectorAll('script[integrity]')]
      .map((s) => [new URL(s.src).pathname.replace(/[0-9a-f]{8}/, 'HASH'), s.crossOrigin, /^sha384-/.test(s.integrity)]));
    assert.deepEqual(scripts.sort(), [['/embed-widget.HASH.js', 'anonymous', true],
      ['/passerelle-module.HASH.js', 'anonymous', true], ['/passerelle.HASH.js', 'anonymous', true]]);
    // Every file came from 127.0.0.1 with CORS; the versioned ones are immutable.
    const wasm = responses.find((r) => r.url().endsWith('.wasm'));
    assert.equal(wasm.headers()['access-control-allow-origin'], '*');
    assert.equal(wasm.headers()['content-type'], 'application/wasm');
    assert.match(wasm.headers()['cache-control'], /max-age=31536000, immutable/);
    const loader = responses.find((r) => /\/embed\.js$/.test(r.url()));
    assert.match(loader.headers()['cache-control'], /max-age=300/);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(await page.context().cookies(), []);
    await page.context().close();
  } finally {
    await other.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

const SLOT_PAGE = (attrs) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hôte</title><link rel="icon" href="data:,"></head>
<body><div id="slot"></div><input id="field"><script src="/embed.js" ${attrs}></script></body></html>`;

test('the widget follows its container: canvas backing store = CSS size × devicePixelRatio, also fixed heights', async () => {
  const page = await newPage(env, { width: 1000, height: 800, deviceScaleFactor: 1.5 });
  await page.goto(await routeHostPage(page, env, '/embed/resize-host.html', SLOT_PAGE('data-view="map" data-target="#slot"')));
  await waitForEmbeds(page, 1);
  const sizes = () => byView(page, 'map', (i) => {
    const r = i.canvas.getBoundingClientRect();
    return { cssW: r.width, cssH: r.height, w: i.canvas.width, h: i.canvas.height, dpr: devicePixelRatio };
  });
  for (const width of ['333.3px', '640px', '100%', '500px']) {
    await page.evaluate((w) => { document.querySelector('#slot').style.width = w; }, width);
    await page.waitForFunction(() => {
      const i = window.Passerelle.instances[0], r = i.canvas.getBoundingClientRect();
      return i.canvas.width === Math.round(r.width * devicePixelRatio) && i.canvas.height === Math.round(r.height * devicePixelRatio);
    }, null, { timeout: 5000 }).catch(() => {});
    const s = await sizes();
    const slot = await page.evaluate(() => document.querySelector('#slot').getBoundingClientRect().width);
    assert.ok(Math.abs(s.cssW - slot) < 0.01 && Math.abs(slot - (width === '100%' ? 984 : parseFloat(width))) < 0.1,
      `${width}: CSS width ${s.cssW}, container ${slot}`);
    assert.equal(s.w, Math.round(s.cssW * s.dpr), `${width}: backing width`);
    assert.equal(s.h, Math.round(s.cssH * s.dpr), `${width}: backing height`);
  }
  await page.context().close();

  // data-height fixes the box; data-aspect gives it a ratio.
  const fixed = await newPage(env, { width: 800, height: 800, deviceScaleFactor: 2 });
  await fixed.goto(await routeHostPage(fixed, env, '/embed/fixed-host.html', `<!doctype html><html lang="fr">
<head><meta charset="utf-8"><title>Hôte</title><link rel="icon" href="data:,"></head><body>
<script src="/embed.js" data-view="map" data-height="300px"></script>
<script src="/embed.js" data-view="page" data-aspect="2/1"></script></body></html>`));
  await waitForEmbeds(fixed, 2);
  const boxes = await fixed.evaluate(() => window.Passerelle.instances.map((i) => {
    const r = i.element.getBoundingClientRect();
    return [i.view, Math.round(r.width), Math.round(r.height), i.canvas.height];
  }));
  // 800 px window, the body's 8 px margins: 784 px wide.
  assert.deepEqual(boxes.sort(), [['map', 784, 300, 600], ['page', 784, 392, 784]]);
  await fixed.context().close();
});

test('a broken data-pack: a short message and a link in the box, the host page unaffected', async () => {
  for (const pack of ['/fixtures/bad-syntax.json', '/fixtures/missing.json']) {
    const page = await newPage(env, { width: 900, height: 800 });
    await page.goto(await routeHostPage(page, env, '/embed/broken-host.html',
      SLOT_PAGE(`data-view="map" data-lang="fr" data-target="#slot" data-pack="${pack}"`)));
    assert.deepEqual(await waitForEmbeds(page, 1), [['map', 'error']], pack);
    const box = page.locator('passerelle-embed');
    assert.match(await box.locator('[role=alert]').textContent(), /La carte n’a pas pu s’afficher ici\./);
    const link = box.getByRole('link');
    assert.equal(await link.getAttribute('href'), env.base + '/index.html');
    assert.ok(await link.isVisible());
    // Nothing drawn and no WebGL context kept.
    assert.equal(await box.locator('canvas').count(), 0);
    assert.equal(await page.evaluate(() => window.Passerelle.instances[0].canvas === null ||
      !window.Passerelle.instances[0].canvas.isConnected), true);
    // The host page still works.
    await page.locator('#field').click();
    await page.keyboard.type('ok');
    await page.keyboard.press('Backspace');
    assert.equal(await page.locator('#field').inputValue(), 'o');
    assert.deepEqual(page.consoleErrors.filter((e) => !/404/.test(e)), [], pack);
    await page.context().close();
  }
});

test('without WebGL2 the box says so (in English when asked) and links to the page', async () => {
  const page = await newPage(env, { width: 900, height: 800 });
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      return type === 'webgl2' ? null : orig.call(this, type, ...rest);
    };
  });
  await page.goto(await routeHostPage(page, env, '/embed/nogl-host.html', SLOT_PAGE('data-view="page" data-lang="en"')));
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'error']]);
  const box = page.locator('passerelle-embed');
  assert.match(await box.locator('[role=alert]').textContent(), /The page could not be shown here\./);
  assert.equal(await box.getByRole('link').getAttribute('href'), env.base + '/index.en.html');
  assert.equal(wasmRequests(page).length, 0, 'nothing big downloaded for nothing');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('removing a widget frees its WebGL context; a tag added later mounts into data-target without a second wasm', async () => {
  const page = await newPage(env, { width: 900, height: 800 });
  await instrument(page);
  await page.goto(await routeHostPage(page, env, '/embed/late-host.html', SLOT_PAGE('data-view="map"')));
  await waitForEmbeds(page, 1);
  // A tag inserted after load, mounting into #slot.
  await page.evaluate((src) => {
    const s = document.createElement('script');
    s.src = src;
    s.setAttribute('data-view', 'page');
    s.setAttribute('data-target', '#slot');
    document.body.append(s);
  }, env.base + '/embed.js');
  await page.waitForFunction(() => document.querySelector('#slot passerelle-embed[data-passerelle-state=ready]'), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.Passerelle.instances.length), 2);
  assert.equal(wasmRequests(page).length, 1);
  assert.equal(await page.evaluate(() => window.__t.compiles), 1);

  // Remove the map widget: its context is lost (given back), its instance gone, and the
  // other widget carries on.
  await page.evaluate(() => {
    const i = window.Passerelle.instances.find((x) => x.view === 'map');
    window.__removed = i;
    i.element.remove();
  });
  await page.waitForFunction(() => window.__removed.destroyed === true, null, { timeout: 5000 });
  const after = await page.evaluate(() => ({
    lost: window.__removed.canvas.getContext('webgl2').isContextLost(),
    views: window.Passerelle.instances.map((i) => i.view),
    frames: window.__removed.frames,
  }));
  assert.equal(after.lost, true, 'the WebGL context is given back');
  assert.deepEqual(after.views, ['page']);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__removed.frames), after.frames, 'no frame after removal');
  assert.equal(await byView(page, 'page', (i) => typeof i.visibleText()), 'object', 'the other widget still answers');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The canvas's banner: with data-pack (a partner's own purposes) the box starts the canvas at
// once, as it does on a return visit with a cookie to check or with Global Privacy Control; a
// first visit with the bundled pack gets the HTML banner first (tests/e2e/embed-consent.test.mjs).
test('data-view="consent" drawn by the canvas: the partner’s banner at the bottom of the window, gating the host’s scripts', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  const url = await routeHostPage(page, env, '/embed/consent-host.html', `<!doctype html><html lang="fr"><head>
<meta charset="utf-8"><title>Hôte</title><link rel="icon" href="data:,"></head><body><h1>Un site partenaire</h1>
<button id="host-button" onclick="window.hostClicks = (window.hostClicks || 0) + 1">Un bouton du site</button>
<script type="text/plain" data-passerelle-purpose="audience">window.gatedRuns = (window.gatedRuns || 0) + 1;</script>
<script src="/embed.js" data-view="consent" data-pack="/content/international.fr.json"></script></body></html>`);
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['consent', 'ready']]);
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'consent', (i) => i.consentView()), 'banner');
  const buttons = await byView(page, 'consent', (i) => i.consentButtons());
  assert.deepEqual(buttons.map((b) => b.label), ['Tout refuser', 'Tout accepter', 'Personnaliser']);
  // The banner is at the bottom of the window and drawn there; the page above stays usable.
  for (const b of buttons) assert.ok(b.y > 400, `button ${b.label} near the bottom (y ${b.y})`);
  const hostButton = await page.locator('#host-button').boundingBox();
  await page.mouse.click(hostButton.x + 5, hostButton.y + 5);
  assert.equal(await page.evaluate(() => window.hostClicks), 1, 'the host page is clickable around the banner');
  // The canvas covers the window but is transparent and clipped to the banner: the host's
  // heading is seen, and the banner is painted at the bottom.
  const h1 = await page.locator('h1').boundingBox();
  assert.ok(darkFraction(await regionPixels(page, h1)) > 0.03, 'the host heading shows');
  const b0 = buttons[0];
  assert.ok(darkFraction(await regionPixels(page, { x: b0.x, y: b0.y, width: b0.w, height: b0.h }), 250) > 0.3, 'the banner is painted');
  assert.equal(await page.evaluate(() => window.gatedRuns), undefined, 'nothing gated before a choice');
  assert.deepEqual(await page.context().cookies(), []);
  // Accepting runs the host's gated script and stores the choice in the host's cookie.
  const accept = buttons.find((b) => b.label === 'Tout accepter');
  await page.mouse.click(accept.x + accept.w / 2, accept.y + accept.h / 2);
  await waitEmbedsIdle(page, 150);
  assert.equal(await page.evaluate(() => window.gatedRuns), 1);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');
  assert.ok(cookie, 'the choice is stored on the host');
  assert.equal(await byView(page, 'consent', (i) => i.consentView()), 'hidden');
  // Passerelle.consent.show() reopens it, as the panel: the whole window.
  await page.evaluate(() => window.Passerelle.consent.show());
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'consent', (i) => i.consentView()), 'panel');
  assert.equal(await byView(page, 'consent', (i) => i.canvas.style.clipPath), 'none');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('phone: one finger over the map widget scrolls the host page, a tap selects a country', async () => {
  const page = await newPage(env, { width: 375, height: 740, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await page.goto(env.base + '/embed/partner.html');
  await waitForEmbeds(page, 1);
  await bringIntoView(page, 'map');
  const st = await byView(page, 'map', (i) => i.map.state());
  const y0 = await page.evaluate(() => window.scrollY);
  const x = st.box.x + st.box.w / 2, y = st.box.y - y0 + st.box.h / 2;
  // A slow one-finger drag, 200 px up (raw touch events: the browser itself must scroll).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y + 100 }] });
  for (let k = 1; k <= 20; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + 100 - 10 * k }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction((y) => window.scrollY > y + 150, y0, { timeout: 5000 });
  assert.equal((await byView(page, 'map', (i) => i.map.state())).zoom, 1, 'the map did not move');
  // A tap on Mali selects it (once the host's scroll has come to rest, and the widgets too).
  for (let last = -1, k = 0; k < 40; k++) {
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) break;
    last = y;
    await page.waitForTimeout(150);
  }
  await waitEmbedsIdle(page, 150);
  const p = await byView(page, 'map', (i, ll) => i.map.screenPoint(ll[0], ll[1]), BAMAKO);
  const y1 = await page.evaluate(() => window.scrollY);
  assert.ok(p && p.y - y1 > 0 && p.y - y1 < 740, 'Bamako on screen');
  await page.touchscreen.tap(Math.round(p.x), Math.round(p.y - y1));
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a versioned file that does not match its integrity is refused: message and link, nothing run', async () => {
  const page = await newPage(env, { width: 900, height: 800 });
  await page.route(/\/passerelle\.[0-9a-f]{8}\.wasm$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }));
  await page.goto(await routeHostPage(page, env, '/embed/sri-host.html', SLOT_PAGE('data-view="map"')));
  assert.deepEqual(await waitForEmbeds(page, 1), [['map', 'error']]);
  assert.match(await page.locator('passerelle-embed [role=alert]').textContent(), /La carte n’a pas pu s’afficher ici\./);
  assert.match(await page.evaluate(() => window.Passerelle.instances[0].failure), /intégrité/);
  await page.context().close();
});

test('data-lang="en": the widget shows the English pack', async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.goto(await routeHostPage(page, env, '/embed/en-host.html', SLOT_PAGE('data-view="map" data-lang="en" data-target="#slot"')));
  await waitForEmbeds(page, 1);
  const text = await page.evaluate(() => window.Passerelle.instances[0].visibleText().map((r) => r.text).join(' '));
  assert.match(text, /The countries of La Cimade’s international work/);
  assert.match(text, /Algeria/);
  assert.doesNotMatch(text, /Algérie/);
  await page.context().close();
});

// Issue 13, item 7a, and issue 14: a page link drawn in a widget ("English") belongs to the
// widget: it switches the widget's language in place, never moves the host page.
test('the canvas\'s "English" link in a widget switches the widget to English in place; the host page stays', async () => {
  const page = await newPage(env, { width: 1000, height: 900 });
  // The host page is in a folder of its own: its own index.en.html would be /embed/index.en.html.
  const hostUrl = await routeHostPage(page, env, '/embed/links-host.html', SLOT_PAGE('data-view="page" data-lang="fr" data-target="#slot"'));
  await page.goto(hostUrl);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  const history0 = await page.evaluate(() => history.length);
  await hostOf(page, 'page').evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await waitEmbedsIdle(page, 150);
  const link = (await byView(page, 'page', (i) => i.visibleText())).find((r) => r.link === 'page');
  assert.ok(link, 'the language link is drawn');
  const box = await byView(page, 'page', (i) => { const r = i.canvas.getBoundingClientRect(); return { x: r.left, y: r.top }; });
  await page.mouse.click(box.x + link.x + link.w / 2, box.y + link.y + link.h / 2);
  await page.waitForFunction(() => window.Passerelle.instances.length === 1 && window.Passerelle.instances[0].lang === 'en' &&
    window.Passerelle.instances[0].element.getAttribute('data-passerelle-state') === 'ready', null, { timeout: 30000 });
  const text = (await byView(page, 'page', (i) => i.visibleText())).map((r) => r.text).join(' ');
  assert.match(text, /Français/, 'the English page, with its way back');
  assert.equal(await hostOf(page, 'page').getAttribute('data-lang'), 'en');
  assert.equal(page.context().pages().length, 1, 'no new tab');
  assert.equal(page.url(), hostUrl, 'the partner\'s page did not move');
  assert.equal(await page.evaluate(() => history.length), history0, 'no history entry');
  // The mirror's links to pages of the site point at the widget's site, never the host's.
  const hrefs = await hostOf(page, 'page').evaluate((h) => [...h.shadowRoot.querySelectorAll('a[href]')]
    .map((a) => a.getAttribute('href')).filter((u) => !u.startsWith('#')));
  assert.ok(hrefs.length > 0);
  for (const u of hrefs) assert.ok(!u.startsWith(env.base + '/embed/') && /^https?:/.test(u), u);
  assert.ok(hrefs.includes(env.base + '/index.html'), hrefs.join(' '));
  await page.context().close();
});

// Issue 13, item 4, in a widget: a data-pack whose name is not valid %-encoded UTF-8 ends in the
// box's failure message (it used to throw "URI malformed" and stay on "Chargement…"); so does
// a data-pack that is no URL at all.
test('a data-pack with a malformed %-escape, or no URL at all: the box says it failed, no endless loading', async () => {
  for (const pack of ['/fixtures/%E0%A4%A.json', 'http://[']) {
    const page = await newPage(env, { width: 900, height: 800 });
    await page.goto(await routeHostPage(page, env, '/embed/malformed-host.html',
      SLOT_PAGE(`data-view="map" data-lang="fr" data-target="#slot" data-pack="${pack}"`)));
    assert.deepEqual(await waitForEmbeds(page, 1, 15000), [['map', 'error']], pack);
    assert.match(await page.locator('passerelle-embed [role=alert]').textContent(), /La carte n’a pas pu s’afficher ici\./);
    await page.context().close();
  }
});
