// embed.mjs — what embedding costs a partner's page: the loader's bytes, and the time from the
// script tag to the first frame, with one widget and with two.
//
// First dist/embed.js (the tag's file, comments stripped and asset names filled in by the
// build): raw, gzip -9 and brotli -q 11 computed here with node:zlib, and the .br the server
// actually sends; the loader's budget (4 KB with brotli) is printed beside it, not judged.
//
// Then cold loads (a fresh browser context each: empty HTTP and code caches) of two host pages
// at 1280x800, served from the site's origin like dist/embed/partner.html:
//   one widget   a heading, a paragraph, then  <script src="/embed.js" data-view="map" async>
//   two widgets  the same, then a second tag with data-view="page"; both tags data-height=
//                "360px", so that both boxes are on screen and start at once (they are lazy)
// An inline script right before the first tag sets the mark 'host:tag'; embed.js sets
// 'passerelle:embed-start' when it runs; each view sets 'passerelle:interactive' (its detail
// names the view) after its first complete frame.  Figures, in ms from 'host:tag':
//   embed.js running      'passerelle:embed-start' (the loader downloaded and parsed)
//   wasm downloaded       the responseEnd of the one .wasm request (Resource Timing)
//   first frame: map      the map view's 'passerelle:interactive'
//   first frame: page     the page view's (two widgets only)
//   all widgets drawn     the later of them
// The consent view (issue 16), a third host page, one tag <script src="/embed.js"
// data-view="consent" async> (a first visit: no cookie), twice: as partners get it (the HTML
// banner, consent-banner.js) and with data-pack naming the same pack, which makes the box
// start the canvas as it did before (the canvas draws the banner).  Figures:
//   banner answerable     'passerelle:consent-answerable' (the HTML banner's buttons work), or
//                         the consent view's 'passerelle:interactive' (the canvas's first frame)
//   requests / KB before  the resources from embed.js's request to that moment (Resource
//                         Timing; KB: encoded bodies, i.e. brotli as served); the host page is
//                         not counted
// in two profiles (lib.mjs): fast (no throttling) and slow phone (150 ms RTT, 1.6 Mbit/s,
// CPU 4x), set through the page's DevTools session before it navigates.  The host page's HTML
// is answered by the test harness's route, so its own download is not part of any figure.
// Also per load: the wasm requests and compilations (1 each whatever the number of widgets).
//
// Usage: RUNS=5 SLOW_RUNS=3 node bench/embed.mjs   (needs dist/ built).
// Prints medians and min–max; exits 1 only if a widget fails to start.
// Depends on: ./lib.mjs, ./peers.mjs (hostPage), ../tests/e2e/harness.mjs (routeHostPage), node:fs, node:zlib.
import { readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  setUp, DIST, machineHeader, median, range, table, fmtMs, fmtBytes, failLoad, profiles, applyProfile,
  profileLines,
} from './lib.mjs';
import { routeHostPage } from '../tests/e2e/harness.mjs';
import { hostPage } from './peers.mjs';

const RUNS = Math.max(1, Math.round(Number(process.env.RUNS)) || 5);
const SLOW_RUNS = Math.max(1, Math.round(Number(process.env.SLOW_RUNS)) || 3);
const VIEWPORT = { width: 1280, height: 800 };
const BUDGET_BR = 4096;
const PROFILES = profiles(RUNS, SLOW_RUNS);

const SCENARIOS = [
  { name: 'one widget', views: ['map'] },
  { name: 'two widgets', views: ['map', 'page'] },
  { name: 'consent, HTML banner', views: ['consent'], consent: '' },
  { name: 'consent, canvas (data-pack)', views: ['consent'], consent: 'data-pack="/content/international.fr.json"' },
];

function sizes() {
  const file = path.join(DIST, 'embed.js');
  const raw = readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }).length;
  const served = existsSync(file + '.br') ? statSync(file + '.br').size : NaN;
  return { raw: raw.length, gz, br, served };
}

// Counts wasm compilations (any API) before the page's own scripts run.
function countCompiles() {
  const W = WebAssembly, t = window.__benchCompiles = { n: 0 };
  const wrap = (name, test) => { const f = W[name]; W[name] = function (x, ...a) { if (test(x)) t.n++; return f.call(this, x, ...a); }; };
  wrap('compile', () => true);
  wrap('compileStreaming', () => true);
  wrap('instantiateStreaming', () => true);
  wrap('instantiate', (x) => !(x instanceof W.Module));
}

// One cold load of a scenario; its figures, or null when a widget did not start.
async function coldLoad(env, profile, scenario) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
    await page.addInitScript(countCompiles);
    const cdp = await context.newCDPSession(page);
    await applyProfile(cdp, profile);
    const html = hostPage(scenario.views, { mark: true, ...(scenario.consent === undefined ? {} : { attrs: scenario.consent }) });
    const url = await routeHostPage(page, env, '/embed/bench-host.html', html);
    await page.goto(url, { waitUntil: 'commit', timeout: 90000 });
    try {
      await page.waitForFunction((n) => document.querySelectorAll('passerelle-embed[data-passerelle-state]').length >= n,
        scenario.views.length, { timeout: 90000, polling: 50 });
    } catch {
      failLoad(`embed (${scenario.name}, ${profile.name})`, 'timeout', page);
      return null;
    }
    const states = await page.evaluate(() => [...document.querySelectorAll('passerelle-embed')].map((h) => h.getAttribute('data-passerelle-state')));
    if (states.some((s) => s !== 'ready')) { failLoad(`embed (${scenario.name}, ${profile.name})`, states.join(','), page); return null; }
    return await page.evaluate(() => {
      const t0 = performance.getEntriesByName('host:tag')[0].startTime;
      const start = performance.getEntriesByName('passerelle:embed-start')[0];
      const frames = performance.getEntriesByName('passerelle:interactive');
      const first = (view) => { const m = frames.find((e) => e.detail && e.detail.view === view); return m ? m.startTime - t0 : NaN; };
      const all = performance.getEntriesByType('resource');
      const wasm = all.filter((e) => new URL(e.name).pathname.endsWith('.wasm'));
      const html = performance.getEntriesByName('passerelle:consent-answerable')[0];
      const answerable = html ? html.startTime : (frames.find((e) => e.detail && e.detail.view === 'consent') || {}).startTime;
      const tag = all.find((e) => /\/embed(\.[0-9a-f]{8})?\.js$/.test(e.name));
      const before = answerable === undefined || !tag ? [] : all.filter((e) => e.startTime >= tag.startTime && e.startTime <= answerable);
      return {
        answerable: answerable === undefined ? NaN : answerable - t0,
        requests: answerable === undefined ? NaN : before.length,
        kb: answerable === undefined ? NaN : before.reduce((a, e) => a + e.encodedBodySize, 0) / 1024,
        script: start ? start.startTime - t0 : NaN,
        wasmEnd: wasm.length ? wasm[0].responseEnd - t0 : NaN,
        map: first('map'),
        page: first('page'),
        all: Math.max(...frames.map((e) => e.startTime - t0)),
        wasmFetches: wasm.length,
        compiles: window.__benchCompiles.n,
      };
    });
  } finally {
    await context.close();
  }
}

const ROWS = [
  ['embed.js running (passerelle:embed-start)', 'script', () => true],
  ['wasm downloaded (responseEnd)', 'wasmEnd', () => true],
  ['first frame: map', 'map', (sc) => sc.views.includes('map')],
  ['consent banner answerable', 'answerable', (sc) => sc.views.includes('consent')],
  ['first frame: page', 'page', (sc) => sc.views.includes('page')],
  ['all widgets drawn', 'all', (sc) => sc.views.length > 1],
];

async function main() {
  const env = await setUp();
  try {
    console.log(machineHeader(env.browser, 'bench/embed'));
    const s = sizes();
    console.log('\ndist/embed.js, the file of the tag (1 KB = 1024 B)\n');
    console.log(table(
      [{ title: 'file', align: 'left' }, { title: 'raw B', align: 'right' }, { title: 'gzip-9 B', align: 'right' },
        { title: 'brotli-11 B', align: 'right' }, { title: 'served .br B', align: 'right' }, { title: 'budget (brotli) B', align: 'right' }],
      [['embed.js', fmtBytes(s.raw), fmtBytes(s.gz), fmtBytes(s.br), fmtBytes(s.served), fmtBytes(BUDGET_BR)]]));

    const results = [];
    for (const scenario of SCENARIOS) {
      for (const profile of PROFILES) {
        process.stderr.write(`embed: ${scenario.name}, ${profile.name} `);
        const runs = [];
        for (let i = 0; i < profile.runs; i++) {
          const r = await coldLoad(env, profile, scenario);
          if (!r) { process.stderr.write('\n'); return; }
          runs.push(r);
          process.stderr.write('.');
        }
        process.stderr.write('\n');
        results.push({ scenario, profile, runs });
      }
    }

    console.log('\nCold loads of a host page at 1280x800, fresh browser context per run; ms from the mark before the first tag');
    console.log(profileLines(PROFILES));
    for (const scenario of SCENARIOS) {
      const mine = results.filter((r) => r.scenario === scenario);
      const columns = [{ title: `${scenario.name} (${scenario.views.join(' + ')})`, align: 'left' }];
      for (const r of mine) columns.push({ title: `${r.profile.name} median`, align: 'right' }, { title: 'min–max', align: 'right' });
      const rows = ROWS.filter(([, , applies]) => applies(scenario)).map(([label, key]) => {
        const cells = [label];
        for (const r of mine) {
          const v = r.runs.map((x) => x[key]);
          const [lo, hi] = range(v);
          cells.push(fmtMs(median(v)), `${fmtMs(lo)}–${fmtMs(hi)}`);
        }
        return cells;
      });
      rows.push('-');
      const counts = [['wasm requests per load', 'wasmFetches'], ['wasm compilations per load', 'compiles']];
      if (scenario.views.includes('consent')) counts.unshift(['requests before answerable', 'requests'], ['KB before answerable (as served)', 'kb']);
      for (const [label, key] of counts) {
        const cells = [label];
        for (const r of mine) {
          const [lo, hi] = range(r.runs.map((x) => (key === 'kb' ? Math.round(x[key] * 10) / 10 : x[key])));
          cells.push(lo === hi ? String(lo) : `${lo}–${hi}`, '');
        }
        rows.push(cells);
      }
      console.log('');
      console.log(table(columns, rows));
    }
  } finally {
    await env.close();
  }
}

await main();
