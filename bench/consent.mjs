// consent.mjs — how soon a first visitor sees the consent banner, and what the page ships
// for it: Passerelle's standalone page next to the same kind of page with two common
// JavaScript consent libraries, vanilla-cookieconsent (v3) and tarteaucitron.js.
//
// The peer pages are built here, at bench time, into build/bench-peers/ (git-ignored) from
// the templates in bench/peers/: the article of content/international.fr.json as static HTML,
// plus the library (copied out of node_modules) configured in French with Passerelle's three
// purposes.  Every peer file gets a brotli-11 sibling, as dist/ does.  nginx serves dist/
// with the site's rules, and the peers from a second nginx (scripts/nginx.mjs, site: false):
// the same way of serving files (types, the .br siblings), without Passerelle's headers (its
// Content-Security-Policy would refuse the peers' inline set-up scripts).
//
// Each run is a cold load in a fresh browser context at 1280x800, in the profiles of
// startup.mjs (fast; slow phone: 150 ms RTT, 1.6 Mbit/s, CPU 4x).  Time to banner:
//   Passerelle  the earlier of: the mark 'passerelle:banner-painted' (set in the frame that
//               paints the canvas banner), and the first frame in which a [role="dialog"]
//               element of the HTML (the prerendered consent dialog, inside
//               [data-passerelle-part="consent"]) is rendered: not display none, visibility
//               visible, a nonzero box — watched like the peers' banners, below
//   peers       the first moment the library's banner element is rendered as a banner
//               (display not none, visibility visible, position fixed — i.e. its stylesheet
//               applies — and a nonzero box), seen by a MutationObserver and a rAF poll that
//               an init script installs before the page's own scripts run.
// Time to interactive:
//   Passerelle  the mark 'passerelle:interactive' (the first complete canvas frame with input
//               live: the article and the banner answer the pointer and the keyboard)
//   peers       the later of the banner and DOMContentLoaded's end (the article is static HTML,
//               live as soon as it is parsed; the banner's buttons work once it is shown)
// Bytes shipped: transferSize of the navigation and of every resource, once the network is
// quiet after the banner; requests: their count.
//
// Usage: RUNS=5 SLOW_RUNS=3 node bench/consent.mjs   (needs dist/ built and `npm install`).
// Prints medians and min–max; exits 1 only if a page never shows its banner.
// Depends on: ./lib.mjs, ../scripts/nginx.mjs, node_modules/{vanilla-cookieconsent,tarteaucitronjs}.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import {
  setUp, DIST, machineHeader, median, range, table, fmtMs, fmtKB, waitForView,
  profiles, applyProfile,
} from './lib.mjs';
import { startNginx } from '../scripts/nginx.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = path.join(ROOT, 'bench/peers');
const PEERS = path.join(ROOT, 'build/bench-peers');
const MODULES = path.join(ROOT, 'node_modules');

const RUNS = Math.max(1, Math.round(Number(process.env.RUNS)) || 5);
const SLOW_RUNS = Math.max(1, Math.round(Number(process.env.SLOW_RUNS)) || 3);
const VIEWPORT = { width: 1280, height: 800 };
const BANNER_TIMEOUT = 90000;

const PROFILES = profiles(RUNS, SLOW_RUNS);

// What each peer page needs out of node_modules: [package, file in the package, file in
// build/bench-peers/<package>/].  tarteaucitron.min.js fetches the other three itself, from
// beside its own address, as it would from its CDN.
const LIBRARY_FILES = [
  ['vanilla-cookieconsent', 'dist/cookieconsent.umd.js', 'cookieconsent.umd.js'],
  ['vanilla-cookieconsent', 'dist/cookieconsent.css', 'cookieconsent.css'],
  ['tarteaucitronjs', 'tarteaucitron.min.js', 'tarteaucitron.min.js'],
  ['tarteaucitronjs', 'tarteaucitron.services.min.js', 'tarteaucitron.services.min.js'],
  ['tarteaucitronjs', 'lang/tarteaucitron.fr.min.js', 'lang/tarteaucitron.fr.min.js'],
  ['tarteaucitronjs', 'css/tarteaucitron.min.css', 'css/tarteaucitron.min.css'],
];

// The installed version of a package, for the table's labels; a plain message when the
// devDependencies are not installed.
function version(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(MODULES, pkg, 'package.json'), 'utf8')).version;
  } catch {
    throw new Error(`node_modules/${pkg} is missing: run \`npm install\` (it is a devDependency)`);
  }
}

// The three pages.  `banner` is the CSS selector of a peer's banner element; Passerelle's
// banner is inside its canvas and announced by a performance mark instead.
function pages() {
  return [
    { name: 'Passerelle (WASM + ImGui)', path: '/', banner: '[role="dialog"]', fixed: false, passerelle: true },
    { name: `vanilla-cookieconsent ${version('vanilla-cookieconsent')}`, path: '/vanilla.html', peer: true, banner: '#cc-main .cm', fixed: true },
    { name: `tarteaucitron.js ${version('tarteaucitronjs')}`, path: '/tarteaucitron.html', peer: true, banner: '#tarteaucitronAlertBig', fixed: true },
  ];
}

// HTML comments are notes for developers: they are not shipped to the peer pages.
function stripComments(html) {
  return html.replace(/<!--[\s\S]*?-->\n?/g, '');
}

// Writes a brotli-11 sibling (with a size hint, as `brotli -q 11`) next to a file, as the
// build does for dist/; nginx sends it to browsers that accept br.
async function precompress(file) {
  const buf = await fs.readFile(file);
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  await fs.writeFile(file + '.br', br);
}

// Builds build/bench-peers/ from scratch: each template with the article in place of its
// "article" marker, the library files, and a .br beside every file.
async function buildPeers() {
  await fs.rm(PEERS, { recursive: true, force: true });
  await fs.mkdir(PEERS, { recursive: true });
  const article = stripComments(await fs.readFile(path.join(TEMPLATES, 'article.html'), 'utf8'));
  const written = [];
  for (const name of ['vanilla.html', 'tarteaucitron.html']) {
    const template = await fs.readFile(path.join(TEMPLATES, name), 'utf8');
    const marked = template.replace('<!-- article -->', '\u0000article\u0000');
    const html = stripComments(marked).replace('\u0000article\u0000\n', article);
    if (html.includes('\u0000')) throw new Error(`bench/peers/${name}: no <!-- article --> marker on its own line`);
    await fs.writeFile(path.join(PEERS, name), html);
    written.push(path.join(PEERS, name));
  }
  for (const [pkg, from, to] of LIBRARY_FILES) {
    const dest = path.join(PEERS, pkg, to);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(path.join(MODULES, pkg, from), dest);
    written.push(dest);
  }
  await Promise.all(written.map(precompress));
}

// Runs in the page before its own scripts: sets the mark 'bench:banner-visible' the first time
// the element `selector` is rendered as a banner.  A MutationObserver catches the insertion or
// the class/style change that shows it; a rAF poll catches what only a stylesheet arriving or
// a CSS transition changes.  Both stop once the mark is set.
function watchBanner([selector, fixed]) {
  let done = false;
  const shown = () => [...document.querySelectorAll(selector)].some((el) => {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility !== 'visible' || (fixed && cs.position !== 'fixed')) return false;
    // A visually hidden copy (a screen-reader mirror: 1 px, clipped) is not a banner.
    if (cs.clipPath !== 'none' || Number(cs.opacity) === 0) return false;
    const box = el.getBoundingClientRect();
    return box.width >= 16 && box.height >= 16;
  });
  const observer = new MutationObserver(() => check());
  function check() {
    if (done || !shown()) return;
    done = true;
    performance.mark('bench:banner-visible');
    observer.disconnect();
  }
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  const poll = () => { check(); if (!done) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
}

// Ends the bench with a message when a page never showed its banner: the only failure.
function failBanner(what, page) {
  const errs = page.consoleErrors.length ? `\n  console: ${page.consoleErrors.join('\n  console: ')}` : '';
  console.error(`bench: consent: ${what}: no banner within ${BANNER_TIMEOUT / 1000} s${errs}`);
  process.exitCode = 1;
}

// Waits for the page's banner (and, for Passerelle, its first complete frame); false when it
// never comes (or Passerelle's view failed).
async function waitForBanner(page, def) {
  if (def.passerelle) {
    const state = await waitForView(page, BANNER_TIMEOUT);
    if (state !== 'ready') return false;
  }
  const marks = def.passerelle ? ['bench:banner-visible', 'passerelle:banner-painted'] : ['bench:banner-visible'];
  try {
    await page.waitForFunction((ms) => ms.some((m) => performance.getEntriesByName(m).length > 0), marks,
      { timeout: BANNER_TIMEOUT, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

// Reads the banner time (ms since navigation start) and the bytes and requests of the load
// from the page's own timeline, once the network has been quiet for 500 ms (what loads after
// the banner is shipped too).
async function loadFigures(page, def) {
  await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => {});
  return page.evaluate((passerelle) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const at = (m) => { const e = performance.getEntriesByName(m)[0]; return e ? e.startTime : Infinity; };
    const html = at('bench:banner-visible'), canvas = at('passerelle:banner-painted');
    const banner = Math.min(html, canvas);
    return {
      banner,
      bannerFrom: passerelle ? (html <= canvas ? 'HTML' : 'canvas') : 'HTML',
      interactive: passerelle ? at('passerelle:interactive') : Math.max(banner, nav ? nav.domContentLoadedEventEnd : 0),
      requests: (nav ? 1 : 0) + resources.length,
      transferred: (nav ? nav.transferSize : 0) + resources.reduce((a, e) => a + e.transferSize, 0),
    };
  }, !!def.passerelle);
}

// One cold load of one page in a fresh context; its figures, or null when no banner showed.
async function coldLoad(browser, bases, def, profile) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.consoleErrors = [];
    page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
    await page.addInitScript(watchBanner, [def.banner, def.fixed]);
    const cdp = await context.newCDPSession(page);
    await applyProfile(cdp, profile);
    await page.goto((def.peer ? bases.peers : bases.site) + def.path, { waitUntil: 'commit', timeout: BANNER_TIMEOUT });
    if (!(await waitForBanner(page, def))) {
      failBanner(`${def.name} (${profile.name})`, page);
      return null;
    }
    return await loadFigures(page, def);
  } finally {
    await context.close();
  }
}

// All runs of one profile, the pages taking turns within each run so that a noisy moment of
// the machine does not fall on one page only.  A dot per load on stderr.
async function runProfile(browser, bases, defs, profile) {
  const runs = new Map(defs.map((d) => [d, []]));
  process.stderr.write(`consent: ${profile.name} `);
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

// "median (min–max)", or the median alone when every run gave the same figure.
function spread(values, fmt) {
  const [lo, hi] = range(values);
  const m = fmt(median(values));
  return fmt(lo) === fmt(hi) ? m : `${m} (${fmt(lo)}–${fmt(hi)})`;
}

// The table: one row per page; requests and bytes over all runs of both profiles, the banner
// time per profile.
function report(defs, results) {
  const [fast, slow] = results;
  const columns = [
    { title: 'page', align: 'left' }, { title: 'requests', align: 'right' },
    { title: 'KB transferred', align: 'right' },
    { title: `banner, ${fast.profile.name}`, align: 'right' },
    { title: `interactive, ${fast.profile.name}`, align: 'right' },
    { title: `banner, ${slow.profile.name}`, align: 'right' },
    { title: `interactive, ${slow.profile.name}`, align: 'right' },
  ];
  const count = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '–');
  // Where Passerelle's banner was first seen, when not always the same: "(HTML 3/5)".
  const from = (runs) => {
    const html = runs.filter((r) => r.bannerFrom === 'HTML').length;
    return html === runs.length ? '' : html === 0 ? '' : ` [HTML ${html}/${runs.length}]`;
  };
  const rows = defs.map((def) => {
    const all = [...fast.runs.get(def), ...slow.runs.get(def)];
    return [
      def.name + (def.passerelle ? ` (banner: ${all.every((r) => r.bannerFrom === 'HTML') ? 'HTML' : all.some((r) => r.bannerFrom === 'HTML') ? 'HTML or canvas' : 'canvas'})` : ''),
      spread(all.map((r) => r.requests), count),
      spread(all.map((r) => r.transferred), fmtKB),
      spread(fast.runs.get(def).map((r) => r.banner), fmtMs) + from(fast.runs.get(def)),
      spread(fast.runs.get(def).map((r) => r.interactive), fmtMs),
      spread(slow.runs.get(def).map((r) => r.banner), fmtMs) + from(slow.runs.get(def)),
      spread(slow.runs.get(def).map((r) => r.interactive), fmtMs),
    ];
  });
  return table(columns, rows);
}

// The lines above and below the table: what was measured, how, and what to keep in mind.
function printReport(defs, results) {
  console.log('\nFirst visit (no consent cookie), cold load at 1280x800, fresh browser context per run, brotli files served');
  for (const { profile } of results) {
    const net = profile.network
      ? `${profile.network.latency} ms RTT, ${(profile.network.downloadThroughput * 8 / 1e6).toFixed(1)} Mbit/s down/up`
      : 'no network throttling';
    console.log(`  ${profile.name.padEnd(10)} ${profile.runs} runs per page: ${net}, CPU ${profile.cpu}x`);
  }
  console.log('  median (min–max) over the runs, a single figure when all runs agree; times in ms since navigation start; 1 KB = 1024 B');
  console.log('  banner: the first frame showing the consent banner. Passerelle: the earlier of a rendered [role="dialog"] in the HTML');
  console.log('    (the prerendered banner) and the mark passerelle:banner-painted (the canvas banner); peers: the library\'s banner');
  console.log('    element first rendered (position fixed). Rendered: displayed, visible, not clipped or transparent, at least 16x16 px;\n    seen by a rAF poll + MutationObserver that an init script installs (the frame that will show it).');
  console.log('  interactive: Passerelle, the mark passerelle:interactive (first complete canvas frame, input live); peers, the');
  console.log('    later of the banner and DOMContentLoaded (static HTML article, library buttons live once shown)\n');
  console.log(report(defs, results));
  console.log('\nNote: Passerelle\'s figures include the wasm and fonts that also draw the article (the whole page is');
  console.log('one canvas), while the peers\' article is static HTML in system fonts: their bytes and times are the');
  console.log('consent library\'s alone on top of a page that is otherwise almost free.');
}

async function main() {
  const defs = pages();
  await buildPeers();
  const env = await setUp();
  const site = await startNginx({ root: DIST });
  const peers = await startNginx({ root: PEERS, site: false });
  const bases = { site: site.url.replace(/\/$/, ''), peers: peers.url.replace(/\/$/, '') };
  try {
    console.log(machineHeader(env.browser, 'bench/consent'));
    const results = [];
    for (const profile of PROFILES) {
      const runs = await runProfile(env.browser, bases, defs, profile);
      if (!runs) return;
      results.push({ profile, runs });
    }
    printReport(defs, results);
  } finally {
    await site.stop();
    await peers.stop();
    await env.close();
  }
}

await main();
