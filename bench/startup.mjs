// startup.mjs — how long a first visit takes, and what the page costs while nobody touches it.
//
// Cold loads of the standalone page (a fresh browser context each time: empty HTTP cache, no
// compiled-code cache) at 1280x800, in two profiles:
//   fast        no throttling (loopback network, this machine's CPU)
//   slow phone  150 ms RTT, 1.6 Mbit/s down and up (200 000 B/s), CPU slowed 4x
// For each run: when the wasm finished downloading (its responseEnd), when the last of the
// wasm, fonts and pack did, First Contentful Paint, the first complete frame (mark
// 'passerelle:interactive') with its start-up breakdown (the loader's performance measures:
// compile, fonts into the wasm, pack parse + validate, font atlas, first frame; compiling
// overlaps the other downloads) and the bytes on the wire; then,
// once the view is at rest, 5 s without input: frames drawn and the renderer main thread's
// busy time (CDP Performance.getMetrics TaskDuration and ScriptDuration deltas).
//
// Usage: RUNS=7 SLOW_RUNS=7 node bench/startup.mjs   (needs dist/ built).
// Prints medians and min–max; exits 1 only if the page fails to load.
// Depends on: ./lib.mjs, ../tests/e2e/harness.mjs (waitIdle, framesDrawn).
import {
  setUp, machineHeader, median, range, table, fmtMs, fmtKB, waitForView, failLoad,
  profiles, applyProfile,
  profileLines,
} from './lib.mjs';
import { waitIdle, framesDrawn } from '../tests/e2e/harness.mjs';

const RUNS = Math.max(1, Math.round(Number(process.env.RUNS)) || 7);
const SLOW_RUNS = Math.max(1, Math.round(Number(process.env.SLOW_RUNS)) || RUNS);
const IDLE_MS = 5000;
const VIEWPORT = { width: 1280, height: 800 };

const PROFILES = profiles(RUNS, SLOW_RUNS);

// Reads the load's milestones from the page's own timeline (ms since navigation start), so
// that Node-side latency never enters the figures.
function loadTimings(page) {
  return page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const wasm = resources.filter((e) => new URL(e.name).pathname.endsWith('.wasm'));
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const mark = performance.getEntriesByName('passerelle:interactive')[0];
    // The loader's start-up measures (web/loader/time.js, measure()): durations in ms.
    const took = (name) => { const e = performance.getEntriesByName(name, 'measure')[0]; return e ? e.duration : NaN; };
    const startup = resources.filter((e) => /\.(wasm|ttf)$|\/content\/[^/]*\.json$/.test(new URL(e.name).pathname) &&
      !/map-geometry/.test(e.name));
    return {
      downloadsEnd: startup.length ? Math.max(...startup.map((e) => e.responseEnd)) : NaN,
      compileMs: took('passerelle:compile'),
      fontsMs: took('passerelle:fonts'),
      packParseMs: took('passerelle:pack-parse'),
      atlasMs: took('passerelle:font-atlas'),
      firstFrameMs: took('passerelle:first-frame'),
      wasmEnd: wasm.length ? Math.min(...wasm.map((e) => e.responseEnd)) : NaN,
      wasmFetches: wasm.length,
      fcp: fcp ? fcp.startTime : NaN,
      interactive: mark ? mark.startTime : NaN,
      transferred: (nav ? nav.transferSize : 0) + resources.reduce((a, e) => a + e.transferSize, 0),
    };
  });
}

// Picks the counters we report out of Performance.getMetrics' list of {name, value}.
function pickMetrics({ metrics }) {
  const get = (n) => (metrics.find((m) => m.name === n) || { value: NaN }).value;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), devtools: get('DevToolsCommandDuration') };
}

// Five seconds of nobody touching the page, once it has stopped drawing: a page that renders
// on demand should draw nothing and keep the renderer's main thread nearly idle.
// TaskDuration counts our own DevTools commands too; their share is subtracted.
async function idleCost(page, cdp) {
  await waitIdle(page);
  await cdp.send('Performance.enable');
  const f0 = await framesDrawn(page);
  const m0 = pickMetrics(await cdp.send('Performance.getMetrics'));
  await page.waitForTimeout(IDLE_MS);
  const m1 = pickMetrics(await cdp.send('Performance.getMetrics'));
  const f1 = await framesDrawn(page);
  const devtools = (m1.devtools - m0.devtools) || 0;
  return {
    idleFrames: f1 - f0,
    idleTaskMs: 1000 * (m1.task - m0.task - devtools),
    idleScriptMs: 1000 * (m1.script - m0.script),
  };
}

// One cold load in a fresh context; returns its figures, or null when the page did not load.
async function coldLoad(env, profile) {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await applyProfile(cdp, profile);
    await page.goto(env.base + '/', { waitUntil: 'commit', timeout: 90000 });
    const state = await waitForView(page);
    if (state !== 'ready') { failLoad(`startup (${profile.name})`, state, page); return null; }
    const timings = await loadTimings(page);
    return { ...timings, ...(await idleCost(page, cdp)) };
  } finally {
    await context.close();
  }
}

// All runs of one profile, with a dot per run on stderr so that a slow machine shows life.
async function runProfile(env, profile) {
  const runs = [];
  process.stderr.write(`startup: ${profile.name} `);
  for (let i = 0; i < profile.runs; i++) {
    const r = await coldLoad(env, profile);
    if (!r) { process.stderr.write('\n'); return null; }
    runs.push(r);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return runs;
}

// The rows of the report: label, how to read a value, and the per-run field it comes from.
const ROWS = [
  ['wasm downloaded (responseEnd)', 'ms', 'wasmEnd'],
  ['wasm, fonts and pack all downloaded', 'ms', 'downloadsEnd'],
  ['first contentful paint', 'ms', 'fcp'],
  ['first complete frame (passerelle:interactive)', 'ms', 'interactive'],
  ['  of which: compile the wasm (passerelle:compile)', 'ms', 'compileMs'],
  ['  of which: fonts into the wasm (passerelle:fonts)', 'ms', 'fontsMs'],
  ['  of which: pack parse + validate (passerelle:pack-parse)', 'ms', 'packParseMs'],
  ['  of which: font atlas (passerelle:font-atlas)', 'ms', 'atlasMs'],
  ['  of which: first frame (passerelle:first-frame)', 'ms', 'firstFrameMs'],
  ['bytes transferred (all requests)', 'KB', 'transferred'],
  [`idle ${IDLE_MS / 1000} s: frames drawn`, 'n', 'idleFrames'],
  [`idle ${IDLE_MS / 1000} s: renderer main-thread tasks`, 'ms', 'idleTaskMs'],
  [`idle ${IDLE_MS / 1000} s: of which script`, 'ms', 'idleScriptMs'],
];

// Formats one figure in its unit.
function fmt(unit, v) {
  if (unit === 'KB') return fmtKB(v);
  if (unit === 'n') return Number.isFinite(v) ? String(Math.round(v)) : '–';
  return fmtMs(v);
}

// One table: a row per metric, for each profile its median and its min–max.
function report(results) {
  const columns = [{ title: 'metric', align: 'left' }, { title: 'unit', align: 'left' }];
  for (const { profile } of results) {
    columns.push({ title: `${profile.name} median`, align: 'right' }, { title: 'min–max', align: 'right' });
  }
  const rows = ROWS.map(([label, unit, key]) => {
    const cells = [label, unit];
    for (const { runs } of results) {
      const values = runs.map((r) => r[key]);
      const [lo, hi] = range(values);
      cells.push(fmt(unit, median(values)), `${fmt(unit, lo)}–${fmt(unit, hi)}`);
    }
    return cells;
  });
  return table(columns, rows);
}

async function main() {
  const env = await setUp();
  try {
    console.log(machineHeader(env.browser, 'bench/startup'));
    const results = [];
    for (const profile of PROFILES) {
      const runs = await runProfile(env, profile);
      if (!runs) return;
      results.push({ profile, runs });
    }
    console.log('\nCold load of / at 1280x800, fresh browser context per run, precompressed files served');
    console.log(profileLines(results.map((r) => r.profile)));
    const extra = results.flatMap(({ runs }) => runs).filter((r) => r.wasmFetches !== 1);
    if (extra.length) console.log(`  note: ${extra.length} run(s) fetched the wasm ${extra[0].wasmFetches} times (preload not reused)`);
    console.log('  times in ms since navigation start; 1 KB = 1024 B\n');
    console.log(report(results));
  } finally {
    await env.close();
  }
}

await main();
