// screenshot.mjs — looks at the built page as visitors would: PNGs of dist/ in headless
// Chromium at desktop and phone sizes (and any ?query), into build/screenshots/; and the
// partner demo (dist/embed/partner.html) scrolled to its map and into its page widget.
//
//   node scripts/screenshot.mjs [options] [query]   e.g. node scripts/screenshot.mjs '?pack=/fixtures/links.json'
//     --dark      the system set to dark (prefers-color-scheme), files named *-dark.png
//     --html      the wasm held back: the prerendered HTML as the first paint shows it (*-html.png)
//     --forced    forced colours (Windows high contrast) on (*-forced.png)
//     --path P    another page of the site (e.g. /index.en.html)
import { mkdirSync } from 'node:fs';
import { setUp, newPage, openView, waitIdle, waitEmbedsIdle } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const flag = (f) => { const i = args.indexOf(f); if (i < 0) return false; args.splice(i, 1); return true; };
const dark = flag('--dark'), html = flag('--html'), forced = flag('--forced');
const pathAt = args.indexOf('--path');
const pagePath = pathAt >= 0 ? args.splice(pathAt, 2)[1] : '/';
const query = args[0] || '';
const suffix = (dark ? '-dark' : '') + (html ? '-html' : '') + (forced ? '-forced' : '') +
  (pagePath.includes('.en.') ? '-en' : '');
const sizes = [
  { name: 'desktop-1280x800', width: 1280, height: 800 },
  { name: 'phone-375x740', width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'wide-2560x1440', width: 2560, height: 1440 },
];
mkdirSync('build/screenshots', { recursive: true });
const env = await setUp();
try {
  for (const s of sizes) {
    const page = await newPage(env, { ...s, colorScheme: dark ? 'dark' : 'light', forcedColors: forced ? 'active' : 'none' });
    const t0 = Date.now();
    let state = 'html';
    if (html) {
      await page.route(/passerelle(\.[0-9a-f]{8})?\.wasm$/, () => {});  // never answered
      await page.goto(env.base + pagePath + query);
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
    } else {
      state = await openView(page, env, pagePath + query);
      await waitIdle(page, 150).catch(() => {});
    }
    const file = `build/screenshots/${s.name}${suffix}.png`;
    await page.screenshot({ path: file });
    const mark = await page.evaluate(() => performance.getEntriesByName('passerelle:interactive')[0]?.startTime);
    console.log(`${file}  state=${state}  interactive=${mark ? mark.toFixed(0) + ' ms' : '-'}  (${Date.now() - t0} ms)`);
    if (page.consoleErrors.length) console.log('  console errors:', page.consoleErrors);
    await page.context().close();
  }
  await partnerShots(env);
} finally {
  await env.close();
}

// The partner demo at a phone's ratio: the map widget, then the page widget scrolled 1500 px
// into its article (its canvas drawn at the host's scroll position).
async function partnerShots(env) {
  const page = await newPage(env, { width: 900, height: 900, deviceScaleFactor: 2 });
  await page.goto(env.base + '/embed/partner.html');
  for (const [view, below] of [['map', 0], ['page', 1500]]) {
    await page.locator(`passerelle-embed[data-view=${view}]`).evaluate((h, y) => window.scrollTo(0, h.offsetTop + y - 40), below);
    await page.waitForFunction((v) => document.querySelector(`passerelle-embed[data-view=${v}]`).getAttribute('data-passerelle-state'), view, { timeout: 30000 });
    await waitEmbedsIdle(page, 150).catch(() => {});
    const file = `build/screenshots/partner-${view}.png`;
    await page.screenshot({ path: file });
    console.log(file);
  }
  if (page.consoleErrors.length) console.log('  console errors:', page.consoleErrors);
  await page.context().close();
}
