// sizes.mjs — what the standalone page downloads, file by file: raw, gzip -9 and brotli -q 11.
//
// The list is not written down anywhere: it is what Chromium fetched from the site's own
// origin while loading dist/index.html up to its first complete frame (plus a short quiet
// time for late requests).  Each file is then read from dist/ and compressed here, so the
// figures do not depend on how the build precompressed them.  The list is compared with the
// one the CI budget check derives without a browser (scripts/check-budgets.mjs): a file one
// has and the other lacks is printed, since the budget would then not count what visitors
// download.  The budgets themselves are printed under the tables.
//
// Usage: node bench/sizes.mjs   (needs dist/ built).  Exits 1 only if the page fails to load.
// Depends on: ./lib.mjs, ../scripts/check-budgets.mjs, node:path.
import path from 'node:path';
import {
  setUp, DIST, machineHeader, table, fmtBytes, fmtKB, waitForView, failLoad,
} from './lib.mjs';
import { newPage, waitIdle } from '../tests/e2e/harness.mjs';
import { measureFile, pageFiles, BUDGETS } from '../scripts/check-budgets.mjs';

// Loads the page once and returns the distinct same-origin paths it fetched, in the order
// the browser asked for them (the order tells what the loader waits on first).
async function downloadedPaths(env) {
  const page = await newPage(env);
  const origin = new URL(env.base).origin;
  const paths = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.origin !== origin || r.status() !== 200) return;
    const p = u.pathname.endsWith('/') ? u.pathname + 'index.html' : u.pathname;
    if (!paths.includes(p)) paths.push(p);
  });
  await page.goto(env.base + '/');
  const state = await waitForView(page);
  if (state !== 'ready') { failLoad('sizes', state, page); return null; }
  await waitIdle(page);
  await page.waitForTimeout(500);  // anything fetched lazily after the first frame counts too
  await page.context().close();
  return paths;
}

// Raw, gzip -9 and brotli -q 11 byte counts of one file of dist/ (scripts/check-budgets.mjs).
function measure(p) {
  return measureFile(path.join(DIST, decodeURIComponent(p)), p);
}

// One table row: bytes for exactness, KB for reading.
function row(label, m) {
  return [label, fmtBytes(m.raw), fmtKB(m.raw), fmtBytes(m.gz), fmtKB(m.gz), fmtBytes(m.br), fmtKB(m.br)];
}

// Adds up a list of measurements (for a kind, or for everything).
function sum(list) {
  return list.reduce((a, m) => ({ raw: a.raw + m.raw, gz: a.gz + m.gz, br: a.br + m.br }), { raw: 0, gz: 0, br: 0 });
}

const COLUMNS = [
  { title: 'file', align: 'left' },
  { title: 'raw B', align: 'right' }, { title: 'raw KB', align: 'right' },
  { title: 'gzip-9 B', align: 'right' }, { title: 'gzip KB', align: 'right' },
  { title: 'brotli-11 B', align: 'right' }, { title: 'br KB', align: 'right' },
];

async function main() {
  const env = await setUp();
  try {
    console.log(machineHeader(env.browser, 'bench/sizes'));
    const paths = await downloadedPaths(env);
    if (!paths) return;
    const files = paths.map(measure);
    console.log(`\nFiles the standalone page downloads (same origin, in request order; 1 KB = 1024 B)\n`);
    console.log(table(COLUMNS, [...files.map((m) => row(m.path, m)), '-', row(`total (${files.length} files)`, sum(files))]));

    const kinds = ['wasm', 'JS', 'fonts', 'HTML', 'map geometry', 'pack', 'other'];
    const groups = kinds.map((k) => [k, files.filter((m) => m.kind === k)]).filter(([, l]) => l.length);
    const total = sum(files);
    const byKind = groups.map(([k, l]) => {
      const s = sum(l);
      return [...row(`${k} (${l.length})`, s), `${(100 * s.br / total.br).toFixed(1)} %`];
    });
    console.log(`\nBy kind\n`);
    const kindColumns = [{ title: 'kind', align: 'left' }, ...COLUMNS.slice(1), { title: 'share of br', align: 'right' }];
    console.log(table(kindColumns, [...byKind, '-', [...row('total', total), '100.0 %']]));

    const derived = pageFiles(DIST).map((f) => f.path);
    const onlyBrowser = paths.filter((p) => !derived.includes(p));
    const onlyDerived = derived.filter((p) => !paths.includes(p));
    console.log(`\nBudget (scripts/check-budgets.mjs, CI): ${fmtKB(total.br)} of ${fmtKB(BUDGETS.page)} KB brotli for the page`);
    if (!onlyBrowser.length && !onlyDerived.length) {
      console.log(`  the CI check derives the same ${derived.length} files from dist/index.html as the browser fetched`);
    } else {
      if (onlyBrowser.length) console.log(`  fetched by the browser, not counted by the CI check: ${onlyBrowser.join(', ')}`);
      if (onlyDerived.length) console.log(`  counted by the CI check, not fetched by the browser: ${onlyDerived.join(', ')}`);
    }
  } finally {
    await env.close();
  }
}

await main();
