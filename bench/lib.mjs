// lib.mjs — shared helpers for the benchmarks in bench/: the served site and Chromium (from
// the browser tests' harness), a header of machine facts, statistics and aligned tables.
//
// Benchmarks print figures; they never judge them.  Nothing here asserts a timing.
// Depends on: ../tests/e2e/harness.mjs (nginx with the site's rules + playwright-core Chromium),
// node: only.
import os from 'node:os';
import { setUp, DIST, launchChromium } from '../tests/e2e/harness.mjs';

export { setUp, DIST, launchChromium };

// 1 KB = 1024 bytes in every table, said once here so that figures agree with each other.
export const KB = 1024;

// The facts a reader needs to compare two runs: which browser, which Node, which machine.
export function machineHeader(browser, title) {
  const cpus = os.cpus();
  const model = cpus.length ? cpus[0].model.replace(/\s+/g, ' ').trim() : 'unknown CPU';
  return `${title} — Chromium ${browser.version()}, Node ${process.version}, ` +
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ${cpus.length} CPU (${model}), ` +
    `${os.platform()} ${os.release()}`;
}

// Median of the defined numbers (the middle one, or the mean of the two middle ones): robust
// against the one slow run a cold start always has.
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// Smallest and largest defined numbers, to show how much the runs spread.
export function range(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return v.length ? [Math.min(...v), Math.max(...v)] : [NaN, NaN];
}

// Bytes with thousands separators, so that 327957 reads as 327 957 at a glance.
export function fmtBytes(n) {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US').replace(/,/g, ' ') : '–';
}

// Kilobytes with one decimal: precise enough to see a font subset change, short enough to scan.
export function fmtKB(n) {
  return Number.isFinite(n) ? (n / KB).toFixed(1) : '–';
}

// Milliseconds as whole numbers: timer resolution and run-to-run noise make decimals lies.
export function fmtMs(n) {
  return Number.isFinite(n) ? String(Math.round(n)) : '–';
}

// A table whose columns line up in a terminal and in a pasted report.  `columns` are
// {title, align: 'left' | 'right'}; a row that is the string '-' draws a rule (before totals).
export function table(columns, rows) {
  const widths = columns.map((c, i) => Math.max(c.title.length,
    ...rows.filter((r) => r !== '-').map((r) => String(r[i]).length)));
  const cell = (text, i) => columns[i].align === 'left'
    ? String(text).padEnd(widths[i]) : String(text).padStart(widths[i]);
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [columns.map((c, i) => cell(c.title, i)).join('  ').trimEnd(), rule];
  for (const r of rows) lines.push(r === '-' ? rule : r.map(cell).join('  ').trimEnd());
  return lines.join('\n');
}

// Waits until the page's view has drawn its first frame or shown its error box.  Longer
// timeout than the tests' openView: the throttled profile is meant to be slow.
// Returns 'ready', 'error' or 'timeout' — the caller decides (a failed load ends the bench).
export async function waitForView(page, timeout = 90000) {
  try {
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-passerelle-pack]');
      return el && (el.getAttribute('data-passerelle-state') || document.querySelector('.passerelle-error'));
    }, null, { timeout, polling: 50 });
  } catch {
    return 'timeout';
  }
  return page.evaluate(() => {
    const el = document.querySelector('[data-passerelle-pack]');
    return el.getAttribute('data-passerelle-state') || 'error';
  });
}

// Ends the process with a message when the page did not load: the only failure a bench has.
export function failLoad(what, state, page) {
  const errs = page && page.consoleErrors && page.consoleErrors.length
    ? `\n  console: ${page.consoleErrors.join('\n  console: ')}` : '';
  console.error(`bench: ${what}: the page did not load (state: ${state})${errs}`);
  process.exitCode = 1;
}

// The two load profiles every benchmark uses.  `network` is the argument of CDP
// Network.emulateNetworkConditions (latency is added to every request, i.e. one round trip);
// `cpu` is the CPU throttling rate.  Each script picks its own number of runs.
export function profiles(runs, slowRuns) {
  return [
    { name: 'fast', runs, network: null, cpu: 1 },
    {
      name: 'slow phone', runs: slowRuns, cpu: 4,
      network: { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 200000 },
    },
  ];
}

// Applies a profile to a page before it navigates, through its own DevTools session, so that
// the throttling covers every request of the load, the HTML included.
export async function applyProfile(cdp, profile) {
  await cdp.send('Network.enable');
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  if (profile.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

// A page for one cold load: a fresh context (empty HTTP cache, no compiled-code cache) at
// `viewport`, its uncaught errors kept in page.consoleErrors (failLoad prints them), the init
// scripts installed ([fn, arg] pairs, before the page's own scripts) and the profile applied
// through its own DevTools session.  The caller navigates, and closes the context.
export async function coldPage(browser, viewport, profile, initScripts = []) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  for (const [fn, arg] of initScripts) await page.addInitScript(fn, arg);
  await applyProfile(await context.newCDPSession(page), profile);
  return { context, page };
}

// "median (min–max)", or the median alone when every run gave the same figure (as formatted).
export function spread(values, fmt) {
  const [lo, hi] = range(values);
  const m = fmt(median(values));
  return fmt(lo) === fmt(hi) ? m : `${m} (${fmt(lo)}–${fmt(hi)})`;
}

// One line per profile, under a table's title: its runs, its network and its CPU.
export function profileLines(list, unit = 'runs') {
  return list.map((p) => {
    const net = p.network
      ? `${p.network.latency} ms RTT, ${(p.network.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down/up`
      : 'no network throttling';
    return `  ${p.name.padEnd(10)} ${p.runs} ${unit}: ${net}, CPU ${p.cpu}x`;
  }).join('\n');
}

// --- main-thread blocking, as Lighthouse counts it ---------------------------------------
// A task is {start, duration} in ms (a PerformanceLongTaskTiming, or a trace's top-level
// task).  Lighthouse's rule (lantern TBTUtils, calculateSumOfBlockingTime): a task is clipped
// to the window [from, to]; what remains of it beyond 50 ms is blocking time.
export const LONG_TASK_MS = 50;

export function totalBlockingTime(tasks, from, to) {
  if (!(to > from)) return 0;
  let sum = 0;
  for (const t of tasks) {
    const clipped = Math.min(t.start + t.duration, to) - Math.max(t.start, from);
    if (clipped > LONG_TASK_MS) sum += clipped - LONG_TASK_MS;
  }
  return sum;
}

// The longest task that overlaps [from, to] (its whole duration, not clipped); 0 when none.
export function longestTask(tasks, from, to) {
  return tasks.reduce((m, t) => (t.start < to && t.start + t.duration > from ? Math.max(m, t.duration) : m), 0);
}

// Where the main thread goes quiet after `from`: the end of the last long task before the first
// `quietMs` without one (Lighthouse's time to interactive looks for 5 s without a long task, and
// takes the end of the long task before them).  `from` itself when no long task follows it.
export function quietAfter(tasks, from, quietMs) {
  let t = from;
  for (const task of [...tasks].sort((a, b) => a.start - b.start)) {
    const end = task.start + task.duration;
    if (end <= t) continue;
    if (task.start - t >= quietMs) break;
    t = end;
  }
  return t;
}
