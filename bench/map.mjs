// map.mjs — what the interactive map costs: its download, and the main thread's time per frame
// while someone pans it, zooms into it or scrolls past it.
//
// First the geometry file as served: dist/content/map-geometry.json and the .gz and .br the
// build writes beside it (nginx sends the .br to browsers that accept it).
//
// Then, in headless Chromium at 1280x800, one load of / per CPU profile (unthrottled, then
// CPU 4x slower through CDP Emulation.setCPUThrottlingRate, set once the page and the map
// are up: the load itself is startup.mjs's business).  Each load answers the consent banner
// ("Tout refuser"), waits for the map's geometry (instances[0].map.ready), wheels the page in
// the left margin until the map box is 40 px below the top, and runs three scenarios, each
// from rest (waitIdle) with the frame record emptied first:
//   pan          mouse down at the map's centre, ~3 s of small moves round a circle, mouse up
//   pan, zoom x4 the + button clicked twice (zoom 4), at rest, then the same ~3 s of panning
//   page scroll  ~3 s of 40 px wheel steps over the middle of the page, turning back at an end
// Per scenario: frames drawn, their main-thread time (instances[0].frameTimes: performance.now()
// around each frame's callback, C++ frame and JS bookkeeping; newest last, at most 600) as
// p50, p95 and max, and frames per second achieved (frames / the scenario's wall time).
//
// Usage: node bench/map.mjs   (needs dist/ built; DURATION_MS=3000 sets each scenario's length)
// Prints the figures; exits 1 only if the page or the map fails to load.
// Depends on: ./lib.mjs, ../tests/e2e/harness.mjs (waitIdle), node:fs.
import { statSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  setUp, DIST, machineHeader, table, fmtBytes, fmtKB, waitForView, failLoad, applyProfile,
} from './lib.mjs';
import { waitIdle } from '../tests/e2e/harness.mjs';

const DURATION_MS = Math.max(500, Number(process.env.DURATION_MS) || 3000);
const VIEWPORT = { width: 1280, height: 800 };
const MAP_TOP = 40;       // where the map box's top is brought to, CSS px from the viewport top
const WHEEL_STEP = 40;    // px per wheel event in the page-scroll scenario
const CPU_PROFILES = [{ name: 'unthrottled', cpu: 1 }, { name: 'CPU 4x slower', cpu: 4 }];
const GEOMETRY = path.join(DIST, 'content', 'map-geometry.json');

// A dist/ built before instance.frameTimes existed: time each requestAnimationFrame callback
// instead (the view's frames are its only rAF callbacks once the page is up), same measure.
function installFallbackTimer() {
  window.__benchFrameTimes = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now();
    try { cb(ts); } finally { window.__benchFrameTimes.push(performance.now() - t0); }
  });
}

// The frame record in use: the view's own, else the fallback's.  Emptied / read as a copy.
const clearFrames = (page) => page.evaluate(() => {
  (window.Passerelle.instances[0].frameTimes || window.__benchFrameTimes).length = 0;
});
const readFrames = (page) => page.evaluate(() =>
  Array.from(window.Passerelle.instances[0].frameTimes || window.__benchFrameTimes));
const mapState = (page) => page.evaluate(() => window.Passerelle.instances[0].map.state());

// Nearest-rank percentile (p in 0..100) of a list of numbers.
function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

// Runs one scenario from rest and returns its frame figures.  `act` does the input and
// returns when it is over; the wall time is measured around it on this side.
async function measure(page, act) {
  await waitIdle(page, 150);
  await clearFrames(page);
  const t0 = performance.now();
  await act();
  const seconds = (performance.now() - t0) / 1000;
  const times = await readFrames(page);
  return {
    frames: times.length, seconds, fps: times.length / seconds,
    p50: percentile(times, 50), p95: percentile(times, 95), max: times.length ? Math.max(...times) : NaN,
  };
}

// Drags the map round a circle about its centre for DURATION_MS: many small moves (two
// pointer events each, 3° apart), as a hand would, then back to the centre and up.  Each
// event waits until the page has taken the previous one (CDP Input.dispatchMouseEvent), so a
// busy page gets fewer, later events and the gesture overruns DURATION_MS a little.
async function panCircle(page, box) {
  const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  const r = Math.min(box.w, box.h) / 4;
  const end = performance.now() + DURATION_MS;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + r, cy, { steps: 2 });
  for (let a = Math.PI / 60; performance.now() < end; a += Math.PI / 60) {
    await page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a), { steps: 2 });
  }
  await page.mouse.move(cx, cy, { steps: 2 });
  await page.mouse.up();
}

// Wheels the page in 40 px steps for DURATION_MS over the middle of the viewport (text and
// map pass under the pointer), turning back whenever a step no longer moves the article.
async function scrollPage(page) {
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  let dir = 1;
  let last = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
  const end = performance.now() + DURATION_MS;
  while (performance.now() < end) {
    await page.mouse.wheel(0, dir * WHEEL_STEP);
    await page.waitForTimeout(16);  // about one wheel event per display frame
    const top = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
    if (top === last) dir = -dir;
    last = top;
  }
}

// Wheels the page in the left margin until the map box's top is MAP_TOP px below the top.
async function bringMapIntoView(page) {
  for (let i = 0; i < 5; i++) {
    const st = await mapState(page);
    const dy = st.box.y - MAP_TOP;
    if (Math.abs(dy) < 2) return st;
    await page.mouse.move(8, VIEWPORT.height / 2);
    await page.mouse.wheel(0, dy);
    await waitIdle(page, 150);
  }
  return mapState(page);  // as near as the page's end allows
}

// One load of / in a fresh context, the map up, then the three scenarios at `cpu` throttling.
// Returns {rows, zoom, source} or null when the page or the map failed to load.
async function runProfile(env, profile) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(installFallbackTimer);
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await page.goto(env.base + '/', { waitUntil: 'commit', timeout: 90000 });
    const state = await waitForView(page);
    if (state !== 'ready') { failLoad(`map (${profile.name})`, state, page); return null; }
    const failure = await page.evaluate(async () => {
      const map = window.Passerelle.instances[0].map;
      if (!map) return 'the page has no map';
      await map.ready;
      return map.failure || (map.state().ready ? null : 'the geometry is not drawn');
    });
    if (failure) { failLoad(`map (${profile.name})`, failure, page); return null; }
    await waitIdle(page, 150);
    const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
    const refuse = buttons.find((b) => b.label === 'Tout refuser');
    if (refuse) await page.mouse.click(refuse.x + refuse.w / 2, refuse.y + refuse.h / 2);
    const box = (await bringMapIntoView(page)).box;
    const source = await page.evaluate(() => (window.Passerelle.instances[0].frameTimes
      ? 'instances[0].frameTimes' : 'requestAnimationFrame callbacks (dist/ predates frameTimes)'));
    await applyProfile(cdp, { network: null, cpu: profile.cpu });

    const rows = [];
    process.stderr.write(`map: ${profile.name} `);
    rows.push(['pan', await measure(page, () => panCircle(page, box))]);
    process.stderr.write('.');
    // The + button: the first of the controls in the map's top-right corner (map_view.cpp).
    const size = box.w < 560 ? 44 : 36;
    const plus = { x: box.x + box.w - 10 - size / 2, y: box.y + 10 + size / 2 };
    await page.mouse.click(plus.x, plus.y);
    await page.mouse.click(plus.x, plus.y);
    await waitIdle(page, 150);
    const zoom = (await mapState(page)).zoom;
    rows.push([`pan, zoom x${+zoom.toFixed(2)}`, await measure(page, () => panCircle(page, box))]);
    process.stderr.write('.');
    rows.push(['page scroll (wheel)', await measure(page, () => scrollPage(page))]);
    process.stderr.write('\n');
    return { rows, source };
  } finally {
    await context.close();
  }
}

// The geometry file as the build leaves it in dist/: raw and its precompressed siblings.
function geometrySizes() {
  const size = (f) => (existsSync(f) ? statSync(f).size : NaN);
  const raw = size(GEOMETRY);
  return [
    ['map-geometry.json', raw],
    ['map-geometry.json.gz (gzip -9)', size(GEOMETRY + '.gz')],
    ['map-geometry.json.br (brotli -q 11, what is sent)', size(GEOMETRY + '.br')],
  ].map(([name, n]) => [name, fmtBytes(n), fmtKB(n), Number.isFinite(n / raw) ? `${Math.round(100 * n / raw)} %` : '–']);
}

async function main() {
  const env = await setUp();
  try {
    console.log(machineHeader(env.browser, 'bench/map'));
    console.log('\nThe map geometry in dist/content/ (1 KB = 1024 B)\n');
    console.log(table([
      { title: 'file', align: 'left' }, { title: 'bytes', align: 'right' },
      { title: 'KB', align: 'right' }, { title: 'of raw', align: 'right' },
    ], geometrySizes()));

    const results = [];
    for (const profile of CPU_PROFILES) {
      const r = await runProfile(env, profile);
      if (!r) return;
      results.push({ profile, ...r });
    }
    const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
    console.log(`\nMain-thread time per frame, / at 1280x800, map box brought to ${MAP_TOP} px from the top,` +
      ` ~${DURATION_MS / 1000} s per scenario`);
    console.log(`  frame times from ${results[0].source}; ms; fps = frames / scenario wall time\n`);
    const rows = [];
    for (const { profile, rows: rs } of results) {
      if (rows.length) rows.push('-');
      for (const [name, m] of rs) {
        rows.push([profile.name, name, String(m.frames), f1(m.seconds), f1(m.fps), f1(m.p50), f1(m.p95), f1(m.max)]);
      }
    }
    console.log(table([
      { title: 'CPU', align: 'left' }, { title: 'scenario', align: 'left' },
      { title: 'frames', align: 'right' }, { title: 's', align: 'right' }, { title: 'fps', align: 'right' },
      { title: 'p50 ms', align: 'right' }, { title: 'p95 ms', align: 'right' }, { title: 'max ms', align: 'right' },
    ], rows));
  } finally {
    await env.close();
  }
}

await main();
