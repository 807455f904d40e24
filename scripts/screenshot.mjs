// screenshot.mjs — looks at the built page as visitors would: PNGs of dist/ in headless
// Chromium at desktop and phone sizes (and any ?query), into build/screenshots/.
//
//   node scripts/screenshot.mjs [query]     e.g. node scripts/screenshot.mjs '?pack=/fixtures/links.json'
import { mkdirSync } from 'node:fs';
import { setUp, newPage, openView, waitIdle } from '../tests/e2e/harness.mjs';

const query = process.argv[2] || '';
const sizes = [
  { name: 'desktop-1280x800', width: 1280, height: 800 },
  { name: 'phone-375x740', width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'wide-2560x1440', width: 2560, height: 1440 },
];
mkdirSync('build/screenshots', { recursive: true });
const env = await setUp();
try {
  for (const s of sizes) {
    const page = await newPage(env, s);
    const t0 = Date.now();
    const state = await openView(page, env, '/' + query);
    await waitIdle(page, 150).catch(() => {});
    const file = `build/screenshots/${s.name}.png`;
    await page.screenshot({ path: file });
    const mark = await page.evaluate(() => performance.getEntriesByName('passerelle:interactive')[0]?.startTime);
    console.log(`${file}  state=${state}  interactive=${mark ? mark.toFixed(0) + ' ms' : '-'}  (${Date.now() - t0} ms)`);
    if (page.consoleErrors.length) console.log('  console errors:', page.consoleErrors);
    await page.context().close();
  }
} finally {
  await env.close();
}
