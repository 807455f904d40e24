// harness.mjs — shared set-up for the browser tests: the built dist/ served by nginx with the
// site's rules (scripts/nginx.mjs, deploy/nginx/) on a free port of 127.0.0.1 (with
// tests/fixtures mounted at /fixtures/ and /content/fixtures/), and Debian's Chromium driven
// by playwright-core.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { startNginx } from '../../scripts/nginx.mjs';
import { startConsentLog } from '../../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(root, 'dist');

// Debian's Chromium (or $CHROMIUM) as every browser test and benchmark drives it: WebGL on
// SwiftShader, no sandbox, nothing of its own on the network.
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}

export async function setUp() {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is not built: run scripts/build-site.sh');
  // The standalone page sends its proofs of consent to /consent-log: the service runs beside
  // nginx as in production, on a fresh SQLite file, without a rate limit (every test is one
  // client, 127.0.0.1) and for any origin (the port is not known before nginx starts).
  const consentDb = path.join(root, `build/consent-log/e2e-${process.pid}-${Date.now()}.db`);
  const consentLog = await startConsentLog({ db: consentDb, origins: ['*'], rate: 0 });
  const server = await startNginx({ root: DIST, consentLog: consentLog.port, extraRoots: [
    ['/fixtures/', path.join(root, 'tests/fixtures')],
    // ?pack= takes only packs of the site's content/ folder: the fixtures, there too.
    ['/content/fixtures/', path.join(root, 'tests/fixtures')],
  ] });
  const base = server.url.replace(/\/$/, '');
  const browser = await launchChromium();
  return {
    base, browser, consentDb,
    async close() { await browser.close(); await server.stop(); await consentLog.stop(); },
  };
}

// A new page that records console errors and every request's origin.  colorScheme ('light',
// 'dark') and forcedColors ('none', 'active') emulate the visitor's system settings.
export async function newPage(env, { width = 1280, height = 800, deviceScaleFactor = 1, hasTouch = false, isMobile = false,
  colorScheme = 'light', forcedColors = 'none' } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor, hasTouch, isMobile,
    colorScheme, forcedColors });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error') page.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  return page;
}

// Opens a URL of the site and waits until the view has drawn its first frame (or failed).
export async function openView(page, env, pathAndQuery = '/') {
  await page.goto(env.base + pathAndQuery);
  return waitView(page);
}

// Waits until the view of the page already open has drawn its first frame (or failed).
export async function waitView(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-passerelle-pack]');
    return el && (el.getAttribute('data-passerelle-state') || document.querySelector('.passerelle-error'));
  }, null, { timeout: 30000 });
  return page.evaluate(() => document.querySelector('[data-passerelle-pack]').getAttribute('data-passerelle-state'));
}

export function visibleText(page) {
  return page.evaluate(() => window.Passerelle.instances[0].visibleText());
}

export function framesDrawn(page) {
  return page.evaluate(() => window.Passerelle.instances[0].frames);
}

// The map geometry's load steps taken so far on the page (one 'passerelle:map-step' measure
// each, web/loader/map.js): a load in steps draws no frame until its last step, so frames
// alone would call a page at rest while its map is still loading (and the layout about to
// change with the map's proportions).
function mapStepsTaken() {
  return performance.getEntriesByName('passerelle:map-step', 'measure').length;
}

// Waits until the view stops drawing (render on demand) and no map load is in progress:
// frames and map steps unchanged for `quiet` ms.  Returns the frames drawn.
export async function waitIdle(page, quiet = 300) {
  let last = null;
  for (let i = 0; i < 100; i++) {
    const now = await page.evaluate(`[window.Passerelle.instances[0].frames, (${mapStepsTaken})()]`);
    if (last && now[0] === last[0] && now[1] === last[1]) return now[0];
    last = now;
    await page.waitForTimeout(quiet);
  }
  throw new Error('the view never came to rest');
}

// An init script (page.addInitScript(countTasksAtMeasures)) that tells which task each of the
// loader's performance measures was taken in: it counts the page's tasks (a message posted to
// itself, again and again, until window.__stopTicks) and, at each measure, appends {ticks} to
// window.__measureTicks[name].  Measures taken in one task see the same count: that is how
// the tests check that start-up work is cut into tasks of its own.  A test may set
// window.__onMeasure(name, count) in an init script of its own: what it returns is kept as
// the entry's `extra` (e.g. a state read at that very moment).
export function countTasksAtMeasures() {
  let ticks = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { ticks++; if (!window.__stopTicks) channel.port2.postMessage(0); };
  channel.port2.postMessage(0);
  window.__measureTicks = {};
  const measure = performance.measure.bind(performance);
  performance.measure = function (name, ...rest) {
    const list = (window.__measureTicks[name] ||= []);
    const entry = { ticks };
    list.push(entry);
    if (window.__onMeasure) entry.extra = window.__onMeasure(name, list.length);
    return measure(name, ...rest);
  };
}

// Pixels of a region of the screen as {data, width, height} (RGBA), via a PNG screenshot
// decoded in the page itself (no image library needed).
// With `cdp`, captures through the DevTools protocol instead: Playwright's own screenshot
// re-applies its viewport, which would undo a test's Emulation.setDeviceMetricsOverride.
export async function regionPixels(page, clip, cdp = null) {
  const b64 = cdp
    ? (await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...clip, scale: 1 } })).data
    : (await page.screenshot({ clip })).toString('base64');
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return { width: c.width, height: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
  }, b64);
}

// Fraction of pixels darker than `threshold` (0–255 luminance) in the pixels.
export function darkFraction({ data }, threshold = 128) {
  let dark = 0, n = 0;
  for (let i = 0; i < data.length; i += 4) {
    const l = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
    if (l < threshold) dark++;
    n++;
  }
  return n ? dark / n : 0;
}

// --- partner embeds (embed.js) ----------------------------------------------------------

// Waits until `count` embed boxes (<passerelle-embed>) have drawn their first frame or shown
// their failure message; returns their [view, state] pairs in document order.
export async function waitForEmbeds(page, count, timeout = 30000) {
  await page.waitForFunction((n) => document.querySelectorAll('passerelle-embed[data-passerelle-state]').length >= n,
    count, { timeout });
  return page.evaluate(() => [...document.querySelectorAll('passerelle-embed')]
    .map((h) => [h.getAttribute('data-view'), h.getAttribute('data-passerelle-state')]));
}

// Serves `html` at `pathname` of the site for this page only (a host page made by a test),
// so that it is same-origin with embed.js, like the demo pages of dist/embed/.
export async function routeHostPage(page, env, pathname, html) {
  await page.route(env.base + pathname, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  return env.base + pathname;
}

// Waits until no embedded view draws (render on demand): the sum of their frames unchanged
// for `quiet` ms.
export async function waitEmbedsIdle(page, quiet = 300) {
  let last = null;
  for (let i = 0; i < 100; i++) {
    // No instance (a consent box's HTML banner, before its canvas): nothing draws.
    const now = await page.evaluate(`[(window.Passerelle.instances || []).reduce((a, x) => a + x.frames, 0), (${mapStepsTaken})()]`);
    if (last && now[0] === last[0] && now[1] === last[1]) return now[0];
    last = now;
    await page.waitForTimeout(quiet);
  }
  throw new Error('the embedded views never came to rest');
}
