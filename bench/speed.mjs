// speed.mjs — issue 16's tables in one run: how soon each page shows its consent banner and
// becomes interactive, what it downloads before, and how long it blocks the main thread,
// Passerelle's page and embeds beside four consent banners (a plain HTML one, the limit, and
// three libraries); then Lighthouse's mobile performance figures for the pages.
//
// Table A — cold loads (fresh browser context each: empty HTTP and code caches) at 1280x800 in
// the profiles of lib.mjs (fast; slow phone: 150 ms RTT, 1.6 Mbit/s, CPU 4x), the pages taking
// turns within each run.  Pages:
//   peers       bench/peers/*.html built into build/bench-peers/ (peers.mjs), served by a
//               second nginx without the site's headers: the static HTML banner, Klaro,
//               vanilla-cookieconsent, tarteaucitron.js
//   Passerelle  the standalone page (dist/ with the site's rules), and three partner pages on
//               the site's origin (build/bench-peers/hosts/, mounted at /bench-hosts/), one
//               <script src="/embed.js" data-view="map|page|consent"> tag each
// Figures per load (ms since navigation start), read from the page's timeline (probes.mjs):
//   banner        the first frame showing the banner: an element of the page (or of an embed's
//                 shadow root) rendered as a banner, or Passerelle's 'passerelle:banner-painted';
//                 never before the first contentful paint
//   interactive   Passerelle's 'passerelle:interactive' for the row's view
//   ready         the later of banner, interactive and DOMContentLoaded
//   quiet         from ready, the end of the last long task before QUIET_MS without one
//   longest task  the longest main-thread task (Long Tasks API) up to quiet
//   TBT           Lighthouse's total blocking time over [first contentful paint, quiet]
//   requests, KB  finished before the banner (+ in flight then), and all of them at quiet
//                 (encodedBodySize: brotli where served; an embed's host page not counted)
// Table B — Lighthouse 12.2 (mobile preset) on the four peers and the standalone page, once with
// Lighthouse's default throttling (simulate: Lantern's model) and once with devtools throttling
// (the load itself throttled); LH_THROTTLING=simulate or devtools runs only one.
//
// Usage: RUNS=5 node bench/speed.mjs   (needs dist/ built and `npm install`)
//   RUNS (5) cold loads per page and profile; QUIET_MS (5000, as Lighthouse's time to
//   interactive); LIGHTHOUSE=0 skips table B.
// Prints medians and min–max; exits 1 only if a page does not load or never shows its banner.
// Depends on: ./lib.mjs, ./peers.mjs, ./probes.mjs, ./lighthouse-run.mjs, ../scripts/nginx.mjs.
import {
  setUp, DIST, machineHeader, median, table, fmtMs, fmtKB, waitForView, failLoad, profiles,
  coldPage, spread, profileLines, totalBlockingTime, longestTask, quietAfter,
} from './lib.mjs';
import { buildPeers, version, PEERS, HOSTS } from './peers.mjs';
import { watchBanner, observeLongTasks, readTimeline } from './probes.mjs';
import { launchForLighthouse, lighthouseHeader, runLighthouse, SKIP_BROKEN } from './lighthouse-run.mjs';
import { startNginx } from '../scripts/nginx.mjs';

const RUNS = Math.max(1, Math.round(Number(process.env.RUNS)) || 5);
const QUIET_MS = Math.max(500, Number(process.env.QUIET_MS) || 5000);
const LH_THROTTLING = ['simulate', 'devtools'].filter((m) => [m, 'both', undefined].includes(process.env.LH_THROTTLING));
const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT = 90000;
const PROFILES = profiles(RUNS, RUNS);
const HOST_PAGES = { 'map.html': ['map'], 'page.html': ['page'], 'consent.html': ['consent'] };

// The rows.  peer: served by the peers' nginx; view: a Passerelle view (its interactive mark);
// embed: a host page (its own HTML is the partner's, not counted); banner: the selector of the
// banner element ([fixed]: position fixed, i.e. its stylesheet applies); lighthouse: in table B.
function pages() {
  return [
    { name: 'static HTML banner (the limit)', peer: true, path: '/static.html', banner: '#consent', fixed: true, lighthouse: true },
    { name: `Klaro ${version('klaro')}`, peer: true, path: '/klaro.html', banner: '#klaro .cookie-notice:not(.cookie-notice-hidden)', fixed: true, lighthouse: true },
    { name: `vanilla-cookieconsent ${version('vanilla-cookieconsent')}`, peer: true, path: '/vanilla.html', banner: '#cc-main .cm', fixed: true, lighthouse: true },
    { name: `tarteaucitron.js ${version('tarteaucitronjs')}`, peer: true, path: '/tarteaucitron.html', banner: '#tarteaucitronAlertBig', fixed: true, lighthouse: true },
    { name: 'Passerelle, standalone page', path: '/', view: 'page', banner: '[role="dialog"]', fixed: false, lighthouse: true },
    { name: 'Passerelle, map embed', path: '/bench-hosts/map.html', view: 'map', embed: true },
    { name: 'Passerelle, page embed', path: '/bench-hosts/page.html', view: 'page', embed: true },
    { name: 'Passerelle, consent embed', path: '/bench-hosts/consent.html', view: 'consent', embed: true, banner: '[role="dialog"]', fixed: false },
  ];
}

// Waits for the page's start-up to be over: Passerelle's view drawn (or failed), then its
// banner.  null when it came, else what went wrong.
async function waitReady(page, def) {
  if (def.view) {
    const state = def.embed ? await embedState(page) : await waitForView(page, TIMEOUT);
    if (state !== 'ready') return `state: ${state}`;
  }
  if (!def.banner) return null;
  try {
    await page.waitForFunction(() => ['bench:banner-visible', 'passerelle:banner-painted']
      .some((m) => performance.getEntriesByName(m).length > 0), null, { timeout: TIMEOUT, polling: 50 });
    return null;
  } catch {
    return `no banner within ${TIMEOUT / 1000} s`;
  }
}

async function embedState(page) {
  try {
    await page.waitForFunction(() => document.querySelector('passerelle-embed[data-passerelle-state]'), null,
      { timeout: TIMEOUT, polling: 50 });
  } catch {
    return 'timeout';
  }
  return page.evaluate(() => document.querySelector('passerelle-embed').getAttribute('data-passerelle-state'));
}

// Which banner was seen first.  (A missing mark is null, and null < t is true for any t > 0:
// the canvas must have painted one to win.)
function bannerFrom(tl) {
  if (tl.htmlBanner === null) return 'canvas';
  return tl.canvasBanner !== null && tl.canvasBanner < tl.htmlBanner ? 'canvas' : 'HTML';
}

// The moments of one load, from its timeline: banner (and where it was seen), interactive,
// ready.  Nothing is on screen before the first contentful paint: a banner in the first frame
// the page draws (the static banner, Passerelle's prerendered one) is marked when that frame
// is rendered, but the frame can reach the screen much later (on this machine, SwiftShader
// and a busy CPU have held it back by a second), so the banner is never earlier than FCP.
function moments(def, tl) {
  const seen = [tl.htmlBanner, tl.canvasBanner].filter((t) => t !== null);
  const banner = def.banner && seen.length ? Math.max(Math.min(...seen), tl.fcp ?? 0) : NaN;
  const interactive = def.view && tl.interactive !== null ? tl.interactive : NaN;
  const ready = Math.max(...[banner, interactive, tl.domContentLoaded].filter(Number.isFinite));
  return { banner, bannerFrom: bannerFrom(tl), interactive, ready };
}

// Waits until the network is idle and the main thread has had QUIET_MS without a long task
// since the page was ready; the timeline then.  The wait runs in the page, polled every 500 ms
// by a predicate that only reads the last task's end: polling from here, with the whole
// timeline copied each time, was itself a task, and on a busy machine a long one.  A page
// that never goes quiet is measured after 4 x QUIET_MS + 30 s as it is.
async function waitQuiet(page, def) {
  await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => {});
  const { ready } = moments(def, await page.evaluate(readTimeline, def.view || null));
  await page.waitForFunction(([from, quiet]) => {
    const last = (window.__benchLongTasks || []).reduce((m, t) => Math.max(m, t.start + t.duration), from);
    return performance.now() - last >= quiet;
  }, [ready, QUIET_MS], { polling: 500, timeout: 4 * QUIET_MS + 30000 }).catch(() => {});
  return page.evaluate(readTimeline, def.view || null);
}

// The figures of one load (see the file's header).
function figures(def, tl) {
  const m = moments(def, tl);
  const tasks = tl.longTasks;
  const quiet = tasks ? quietAfter(tasks, m.ready, QUIET_MS) : NaN;
  const requests = [...(def.embed || !tl.navigation ? [] : [tl.navigation]), ...tl.resources];
  const before = requests.filter((r) => r.end <= m.banner);
  return {
    ...m,
    longest: tasks ? longestTask(tasks, 0, quiet) : NaN,
    tbt: tasks && tl.fcp !== null ? totalBlockingTime(tasks, tl.fcp, quiet) : NaN,
    toBanner: def.banner ? before.length : NaN,
    inFlight: def.banner ? requests.filter((r) => r.start < m.banner && r.end > m.banner).length : NaN,
    bytesToBanner: def.banner ? before.reduce((a, r) => a + r.bytes, 0) : NaN,
    bytes: requests.reduce((a, r) => a + r.bytes, 0),
  };
}

// One cold load of one page in a fresh context; its figures, or null when it failed.
async function coldLoad(browser, bases, def, profile) {
  const scripts = [[observeLongTasks]];
  if (def.banner) scripts.push([watchBanner, [def.banner, def.fixed]]);
  const { context, page } = await coldPage(browser, VIEWPORT, profile, scripts);
  try {
    await page.goto((def.peer ? bases.peers : bases.site) + def.path, { waitUntil: 'commit', timeout: TIMEOUT });
    const problem = await waitReady(page, def);
    if (problem) { failLoad(`speed: ${def.name} (${profile.name})`, problem, page); return null; }
    return figures(def, await waitQuiet(page, def));
  } finally {
    await context.close();
  }
}

// All runs of one profile, the pages taking turns within each run so that a noisy moment of
// the machine does not fall on one page only.  A dot per load on stderr.
async function runProfile(browser, bases, defs, profile) {
  const runs = new Map(defs.map((d) => [d, []]));
  process.stderr.write(`speed: ${profile.name} `);
  for (let i = 0; i < profile.runs; i++) {
    for (const def of defs) {
      const r = await coldLoad(browser, bases, def, profile);
      if (!r) { process.stderr.write('\n'); return null; }
      runs.get(def).push(r);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  return runs;
}

// Table A: one row per page.
function tableA(defs, fast, slow) {
  const count = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '–');
  const dash = (text, applies) => (applies ? text : '—');
  const columns = ['page', 'req. to banner', 'KB to banner', 'KB in all', 'banner fast', 'banner slow',
    'interactive fast', 'interactive slow', 'longest task slow', 'TBT slow']
    .map((title, i) => ({ title, align: i ? 'right' : 'left' }));
  const rows = defs.map((def) => {
    const f = fast.get(def), s = slow.get(def), all = [...f, ...s];
    const col = (runs, key, fmt) => spread(runs.map((r) => r[key]), fmt);
    const flying = median(s.map((r) => r.inFlight));
    const html = all.filter((r) => r.bannerFrom === 'HTML').length;
    const from = !def.view || !def.banner ? '' : html === all.length ? ' [banner: HTML]' : html ? ` [banner: HTML ${html}/${all.length}]` : ' [banner: canvas]';
    return [
      def.name + from,
      dash(col(s, 'toBanner', count) + (flying >= 0.5 ? ` +${Math.round(flying)}` : ''), def.banner),
      dash(col(s, 'bytesToBanner', fmtKB), def.banner),
      col(all, 'bytes', fmtKB),
      dash(col(f, 'banner', fmtMs), def.banner), dash(col(s, 'banner', fmtMs), def.banner),
      dash(col(f, 'interactive', fmtMs), def.view), dash(col(s, 'interactive', fmtMs), def.view),
      col(s, 'longest', (n) => (n === 0 ? '< 50' : fmtMs(n))),
      col(s, 'tbt', fmtMs),
    ];
  });
  return table(columns, rows);
}

function printTableA(defs, fast, slow) {
  console.log('\nA. First visit (no consent cookie): cold loads at 1280x800, fresh browser context per load, brotli files served');
  console.log(profileLines(PROFILES, 'loads per page'));
  console.log('  median (min–max) over the loads, one figure when all agree; ms since navigation start; 1 KB = 1024 B\n');
  console.log(tableA(defs, fast, slow));
  console.log(`
  req. / KB to banner  slow phone: requests finished before the banner showed (+ still in flight then) and their
                       encoded bytes (brotli); the page's HTML included, an embed's host page not
  KB in all            every request by the time the network and the main thread are quiet, both profiles
  banner               the first frame showing the banner: a rendered banner element (HTML; an embed's shadow root
                       included) or the frame that paints Passerelle's canvas banner (passerelle:banner-painted);
                       never before the first contentful paint
  interactive          passerelle:interactive, the first complete canvas frame with input live ("—": no canvas)
  longest task, TBT    slow phone, Long Tasks API: the longest main-thread task up to quiet; total blocking time
                       (Lighthouse's rule) from first contentful paint to quiet: the end of the last long task before
                       ${QUIET_MS / 1000} s without one, counted from the later of banner, interactive and DOMContentLoaded
  The peers' article is static HTML in system fonts; Passerelle's page draws it with wasm and fonts on a canvas.`);
}

// Table B: Lighthouse's mobile preset on the pages marked for it, one run per page and method.
const METHOD = {
  simulate: 'simulated (Lighthouse\'s default, as PageSpeed Insights: an unthrottled load, then Lantern\'s model of 150 ms RTT, 1.6 Mbit/s, CPU 4x)',
  devtools: 'devtools (the load itself throttled: 562.5 ms per request, 1.5 Mbit/s down, CPU 4x)',
};

// One page's row: score and metrics, or "–" and why.  Lighthouse failing is reported in the
// table, never fatal: the benches fail only on a page that does not load (table A).
async function lighthouseRow(chrome, bases, def, method) {
  let lhr;
  try {
    lhr = await runLighthouse(chrome, (def.peer ? bases.peers : bases.site) + def.path,
      { categories: ['performance'], throttlingMethod: method, skip: SKIP_BROKEN });
  } catch (e) {
    return [def.name, '–', '–', '–', '–', '–', String(e.message || e).split('\n')[0].slice(0, 80)];
  }
  const ms = (id) => fmtMs(lhr.audits[id]?.numericValue);
  const perf = lhr.categories.performance?.score;
  return [def.name, perf === null || perf === undefined ? '–' : String(Math.round(perf * 100)),
    ms('total-blocking-time'), ms('largest-contentful-paint'), ms('interactive'), ms('first-contentful-paint'),
    lhr.runtimeError ? lhr.runtimeError.code : ''];
}

async function tableB(defs, bases) {
  let chrome;
  try {
    chrome = await launchForLighthouse();
  } catch (e) {
    console.log(`\nB. Lighthouse: ${e.message}`);
    return;
  }
  try {
    console.log('\n' + await lighthouseHeader('B. Lighthouse', chrome.version, 'mobile preset, one run per page and throttling method'));
    console.log(`  audits left out (the trace engine fails on this Chromium; no weight in the score): ${SKIP_BROKEN.join(', ')}`);
    for (const method of LH_THROTTLING) {
      const rows = [];
      for (const def of defs.filter((d) => d.lighthouse)) {
        process.stderr.write(`speed: lighthouse (${method}) ${def.name}\n`);
        rows.push(await lighthouseRow(chrome, bases, def, method));
      }
      console.log(`\n  throttling ${METHOD[method]}\n`);
      console.log(table(['page', 'performance', 'TBT ms', 'LCP ms', 'TTI ms', 'FCP ms', 'error']
        .map((title, i) => ({ title, align: i && i < 6 ? 'right' : 'left' })), rows));
    }
  } finally {
    await chrome.kill();
  }
}

async function main() {
  const defs = pages();
  await buildPeers(HOST_PAGES);
  const env = await setUp();
  const site = await startNginx({ root: DIST, extraRoots: [['/bench-hosts/', HOSTS]] });
  const peers = await startNginx({ root: PEERS, site: false });
  const bases = { site: site.url.replace(/\/$/, ''), peers: peers.url.replace(/\/$/, '') };
  try {
    console.log(machineHeader(env.browser, 'bench/speed'));
    // One load not counted: the first load of a fresh browser also starts its GPU process
    // and warms its caches of compiled code, which would fall on the first page only.
    if (!(await coldLoad(env.browser, bases, defs[0], PROFILES[0]))) return;
    const results = [];
    for (const profile of PROFILES) {
      const runs = await runProfile(env.browser, bases, defs, profile);
      if (!runs) return;
      results.push(runs);
    }
    printTableA(defs, ...results);
    if (process.env.LIGHTHOUSE !== '0') await tableB(defs, bases);
  } finally {
    await site.stop();
    await peers.stop();
    await env.close();
  }
}

await main();
