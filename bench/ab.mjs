// ab.mjs — two (or more) builds of the site side by side: the standalone page's cold start,
// the builds taking turns load after load, so that a noisy moment of this shared machine falls
// on every build alike.  For a change whose effect is smaller than the ±30 % that separate runs
// of bench/speed.mjs move by: build `dist/` before and after it, copy each aside, compare here.
//
// Each load: a fresh context (empty HTTP cache, no compiled-code cache) at 1280x800 (VIEWPORT
// to change it, e.g. 412x823), in one profile of lib.mjs (PROFILE=slow, the default: 150 ms
// RTT, 1.6 Mbit/s, CPU 4x; PROFILE=fast: none).  Printed per load and as medians (min–max):
//   FCP          first contentful paint
//   banner       the first frame showing the prerendered HTML banner (probes.mjs, watchBanner),
//                never before first contentful paint, as speed.mjs counts it
//   interactive  the mark 'passerelle:interactive' (the canvas's first complete frame)
//   TBT          total blocking time from first contentful paint to the end of the last long
//                task before 5 s without one (Lighthouse's rule, lib.mjs)
//   longest      the longest task in that window
//   first frame  the loader's 'passerelle:first-frame' measure
//   KB           brotli bytes that came over the wire until then
//
// Usage (each directory a built dist/, served by nginx with the site's rules):
//   DISTS=before=/tmp/ab/before,after=/tmp/ab/after RUNS=10 node bench/ab.mjs
// Prints figures, never judges them; exits 1 only if a load fails.
// Depends on: ./lib.mjs (and through it the browser tests' Chromium), ./probes.mjs,
// ../scripts/nginx.mjs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startNginx } from '../scripts/nginx.mjs';
import {
  machineHeader, profiles, coldPage, launchChromium, waitForView, failLoad, totalBlockingTime, longestTask,
  quietAfter, spread, table, fmtMs, fmtKB, profileLines,
} from './lib.mjs';
import { observeLongTasks, readTimeline, watchBanner } from './probes.mjs';

const QUIET_MS = 5000;
const RUNS = Math.max(1, Math.round(Number(process.env.RUNS)) || 7);
const [W, H] = (process.env.VIEWPORT || '1280x800').split('x').map(Number);
const VIEWPORT = { width: W || 1280, height: H || 800 };
const PROFILE = profiles(RUNS, RUNS)[process.env.PROFILE === 'fast' ? 0 : 1];

function builds() {
  const list = (process.env.DISTS || '').split(',').filter(Boolean).map((x) => {
    const at = x.indexOf('=');
    return at > 0 ? [x.slice(0, at), path.resolve(x.slice(at + 1))] : [path.basename(x), path.resolve(x)];
  });
  if (list.length < 2) throw new Error('ab.mjs: DISTS=name=dir,name=dir (two built dist/ folders or more)');
  for (const [name, dir] of list) {
    if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`ab.mjs: ${name}: no index.html in ${dir}`);
  }
  return list;
}

// One cold load; its figures, or null when the view did not start.
async function coldLoad(browser, url, name) {
  const { context, page } = await coldPage(browser, VIEWPORT, PROFILE,
    [[observeLongTasks], [watchBanner, ['[role="dialog"]', false]]]);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const state = await waitForView(page);
    if (state !== 'ready') { failLoad(`ab: ${name}`, state, page); return null; }
    const tl = await page.evaluate(readTimeline);
    // Wait until the main thread has been quiet long enough to close the TBT window.
    let end = quietAfter(tl.longTasks || [], tl.interactive, QUIET_MS);
    while (tl.now < end + QUIET_MS) {
      await page.waitForTimeout(Math.max(100, end + QUIET_MS - tl.now));
      Object.assign(tl, await page.evaluate(readTimeline));
      end = quietAfter(tl.longTasks || [], tl.interactive, QUIET_MS);
    }
    const to = Math.max(end, tl.interactive);
    const firstFrame = await page.evaluate(() => {
      const m = performance.getEntriesByName('passerelle:first-frame')[0];
      return m ? m.duration : NaN;
    });
    return {
      fcp: tl.fcp,
      banner: tl.htmlBanner === null ? NaN : Math.max(tl.htmlBanner, tl.fcp ?? 0),
      interactive: tl.interactive,
      tbt: tl.longTasks ? totalBlockingTime(tl.longTasks, tl.fcp, to) : NaN,
      longest: tl.longTasks ? longestTask(tl.longTasks, tl.fcp, to) : NaN,
      firstFrame,
      bytes: (tl.navigation ? tl.navigation.bytes : 0) +
        tl.resources.filter((r) => r.end <= tl.interactive).reduce((a, r) => a + r.bytes, 0),
    };
  } finally {
    await context.close();
  }
}

const list = builds();
const servers = [];
for (const [, dir] of list) servers.push(await startNginx({ root: dir }));
const browser = await launchChromium();
let failed = false;
try {
  console.log(machineHeader(browser, `ab: ${list.map(([n]) => n).join(' vs ')}, ` +
    `standalone page at ${VIEWPORT.width}x${VIEWPORT.height}, builds alternated`));
  console.log(profileLines([PROFILE], 'loads per build'));
  const results = list.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (let b = 0; b < list.length; b++) {
      const r = await coldLoad(browser, servers[b].url, list[b][0]);
      if (!r) { failed = true; continue; }
      results[b].push(r);
      console.log(`  ${list[b][0].padEnd(12)} FCP ${fmtMs(r.fcp)}, banner ${fmtMs(r.banner)}, ` +
        `interactive ${fmtMs(r.interactive)}, TBT ${fmtMs(r.tbt)}, ` +
        `longest ${fmtMs(r.longest)}, first frame ${fmtMs(r.firstFrame)}, ${fmtKB(r.bytes)} KB`);
    }
  }
  const col = (key, fmt) => (rs) => (rs.length ? spread(rs.map((r) => r[key]), fmt) : '–');
  const cols = [['fcp', fmtMs], ['banner', fmtMs], ['interactive', fmtMs], ['tbt', fmtMs], ['longest', fmtMs], ['firstFrame', fmtMs], ['bytes', fmtKB]];
  const titles = ['build', 'FCP', 'banner', 'interactive', 'TBT', 'longest task', 'first frame', 'KB to interactive'];
  console.log('\n' + table(titles.map((title, i) => ({ title, align: i ? 'right' : 'left' })),
    list.map(([name], b) => [name, ...cols.map(([k, f]) => col(k, f)(results[b]))])));
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}
process.exit(failed ? 1 : 0);
