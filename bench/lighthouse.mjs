// lighthouse.mjs — Lighthouse's accessibility, SEO and best-practices scores for the built
// site, page by page, with every audit that did not pass.
//
// Serves dist/ with nginx and the site's rules (scripts/nginx.mjs) on a free port of
// 127.0.0.1, starts Debian's Chromium (CHROMIUM, default /usr/bin/chromium) through
// chrome-launcher — the launcher Lighthouse itself ships — with the browser tests' flags
// (SwiftShader WebGL, no sandbox, no background networking), and runs Lighthouse's Node API
// on each page in turn:
// index.html, index.html?lang=en, and index.en.html when dist/ has one.
//
// A benchmark, not a test: scores below 100 are printed, never judged.  Exits non-zero only
// when Lighthouse could not run (the browser did not start, or a run ended in a runtime error
// such as a page that never loaded).
//
// Usage: node bench/lighthouse.mjs   (needs dist/ built; about a minute here)
//   PERF=1            also the performance category.  This machine has no GPU: WebGL runs on
//                     SwiftShader (software), so the canvas frames, and with them the
//                     performance score, say little about a visitor's phone.  The audits
//                     Lighthouse 12.2's trace engine cannot run on Chromium 156 are left out
//                     (lighthouse-run.mjs); bench/speed.mjs prints the performance metrics of
//                     the page beside its peers.
//   FORM_FACTOR=desktop  Lighthouse's desktop settings (default: its mobile emulation).
// Depends on: ./lighthouse-run.mjs (Lighthouse 12.2.x and its chrome-launcher), ../scripts/nginx.mjs,
// ./lib.mjs (table), node: only.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startNginx } from '../scripts/nginx.mjs';
import { DIST, table } from './lib.mjs';
import { launchForLighthouse, lighthouseHeader, runLighthouse, SKIP_BROKEN } from './lighthouse-run.mjs';

const CATEGORIES = ['accessibility', 'seo', 'best-practices',
  ...(process.env.PERF === '1' ? ['performance'] : [])];
const FORM_FACTOR = process.env.FORM_FACTOR === 'desktop' ? 'desktop' : 'mobile';

function fail(message) {
  console.error(`bench lighthouse: ${message}`);
  process.exitCode = 1;
}

async function main() {
  if (!existsSync(path.join(DIST, 'index.html'))) return fail('dist/ is not built: run scripts/build-site.sh');
  const pages = ['/index.html', '/index.html?lang=en'];
  if (existsSync(path.join(DIST, 'index.en.html'))) pages.push('/index.en.html');

  const server = await startNginx({ root: DIST });
  const base = server.url.replace(/\/$/, '');
  let chrome;
  try {
    chrome = await launchForLighthouse();
  } catch (e) {
    await server.stop();
    return fail(e.message);
  }
  const results = [];
  try {
    console.log(await lighthouseHeader('lighthouse', chrome.version, `${FORM_FACTOR} settings`));
    for (const p of pages) {
      // The audits the trace engine cannot run on this Chromium are left out only with the
      // performance category (they belong to it): see lighthouse-run.mjs.
      const lhr = await runLighthouse(chrome, base + p, { categories: CATEGORIES, formFactor: FORM_FACTOR,
        skip: CATEGORIES.includes('performance') ? SKIP_BROKEN : [] });
      if (lhr.runtimeError) { fail(`${p}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`); }
      results.push({ page: p, lhr });
    }
  } catch (e) {
    fail(`Lighthouse could not run: ${e.stack || e}`);
  } finally {
    await chrome.kill();
    await server.stop();
  }
  if (!results.length) return;

  const score = (c) => (c && c.score !== null ? String(Math.round(c.score * 100)) : '–');
  console.log(table(
    [{ title: 'page', align: 'left' }, ...CATEGORIES.map((c) => ({ title: c, align: 'right' }))],
    results.map(({ page, lhr }) => [page, ...CATEGORIES.map((c) => score(lhr.categories[c]))]),
  ));
  // Every audit of the measured categories that counts towards a score and is not passed
  // (score below 1), or that could not run (error), per page.
  for (const { page, lhr } of results) {
    const failing = [];
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (!a) continue;
        const err = a.scoreDisplayMode === 'error';
        const notPassed = (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' ||
          a.scoreDisplayMode === 'metricSavings') && a.score !== null && a.score < 1;
        if (err || notPassed) {
          failing.push([c, a.id, err ? 'error' : String(Math.round(a.score * 100)),
            (a.title + (err && a.errorMessage ? ` (${a.errorMessage})` : '')).replace(/\s+/g, ' ')]);
        }
      }
    }
    console.log(`\n${page}: ${failing.length ? `${failing.length} audit(s) not passed` : 'every audit passed'}`);
    if (failing.length) {
      console.log(table([{ title: 'category', align: 'left' }, { title: 'audit', align: 'left' },
        { title: 'score', align: 'right' }, { title: 'title', align: 'left' }], failing));
    }
  }
}

await main();
