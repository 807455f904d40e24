// The interactive map in real headless Chromium: deep links, clicks at real coordinates,
// Ctrl + wheel versus a plain wheel, two-finger pinch, the keyboard list, failures, and
// what it looks like (pixels and screenshots) on a desktop and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setUp, newPage, openView, visibleText, waitIdle, regionPixels, countTasksAtMeasures, DIST } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const SHOTS = path.join(DIST, '..', 'build', 'screenshots');
const CITIES = {
  // Inland points: a tap lands on whole CSS pixels, and a coastal city such as Dakar is a
  // fraction of a pixel from the sea on a phone.
  Bamako: [-8.0, 12.64], Tambacounda: [-13.67, 13.77], Niamey: [2.11, 13.51], Paris: [2.35, 48.86],
  Rabat: [-6.84, 34.02], Laayoune: [-13.2, 27.15], Gaza: [34.45, 31.5],
};

const mapState = (page) => page.evaluate(() => window.Passerelle.instances[0].map.state());
const selected = (page) => page.evaluate(() => window.Passerelle.instances[0].map.selected());
const screenPoint = (page, [lon, lat]) =>
  page.evaluate(([lon, lat]) => window.Passerelle.instances[0].map.screenPoint(lon, lat), [lon, lat]);
const scrollTop = (page) => page.evaluate(() => window.Passerelle.instances[0].scrollTop());

// Opens the page with the consent banner answered ("Tout refuser"), the map loaded, at rest.
async function openMap(page, hash = '') {
  assert.equal(await openView(page, env, '/' + hash), 'ready');
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  await waitIdle(page, 150);
  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const refuse = buttons.find((b) => b.label === 'Tout refuser');
  if (refuse) {
    await page.mouse.click(refuse.x + refuse.w / 2, refuse.y + refuse.h / 2);
    await waitIdle(page, 150);
  }
  const st = await mapState(page);
  assert.equal(st.ready, true, 'geometry loaded');
  return st;
}

// Scrolls the page (a wheel in the left margin) until the map box is on screen.
async function bringMapIntoView(page) {
  const vh = page.viewportSize().height;
  for (let i = 0; i < 5; i++) {
    const st = await mapState(page);
    if (st.box.y >= 0 && st.box.y + st.box.h <= vh) return st;
    const dy = st.box.y - Math.max(8, (vh - st.box.h) / 2);
    await page.mouse.move(8, vh / 2);
    await page.mouse.wheel(0, dy);
    await waitIdle(page, 100);
  }
  throw new Error(`the map never came into view: ${JSON.stringify(await mapState(page))}`);
}

function pixelAt(px, x, y) {
  const i = (Math.round(y) * px.width + Math.round(x)) * 4;
  return px.data.slice(i, i + 3);
}
const near = (a, b, tol = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;
const MIGRATION = [0xC4, 0x45, 0x2F], PEACE = [0x1F, 0x7A, 0x8C], HOME = [0x4B, 0x5A, 0x8F], SEA = [0xD9, 0xE7, 0xEF];

test('#pays=SN selects Senegal on load, scrolls to the map and shows its details', async () => {
  const page = await newPage(env);
  await openMap(page, '#pays=SN');
  assert.equal(await selected(page), 'SN');
  const st = await mapState(page);
  const vh = page.viewportSize().height;
  assert.ok(st.box.y < vh && st.box.y + st.box.h > 0, `the map is on screen (${JSON.stringify(st.box)})`);
  const runs = await visibleText(page);
  const heading = runs.find((r) => r.text === 'Sénégal' && r.size > 19);
  assert.ok(heading, `the details panel names Senegal; drawn: ${runs.map((r) => r.text).join(' | ')}`);
  assert.ok(heading.x > st.box.x + st.box.w, 'desktop: details beside the map');
  assert.ok(runs.some((r) => r.text.includes('Loujna')), 'the details say what the seed says');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// A keyboard user chooses a country in the list on a wide screen, the map above the view: the
// map and the country's details (beside it) come into view with the chip.  They stayed above.
test('Enter on a country of the list brings its map and details into view (1280×800)', async () => {
  const page = await newPage(env);
  await openMap(page);
  const chip = page.locator('[data-passerelle-part="page"] figure ul[aria-label] button', { hasText: 'France' });
  await page.mouse.move(8, 400);
  const st0 = await mapState(page);
  await page.mouse.wheel(0, st0.box.y + st0.box.h + 180);  // the list in view, the map above it
  await waitIdle(page, 150);
  assert.ok((await mapState(page)).box.y < 0, 'the map starts above the view');
  await chip.focus();
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  assert.equal(await selected(page), 'FR');
  const st = await mapState(page);
  assert.ok(st.box.y >= 0 && st.box.y + st.box.h <= 800, `the map is in view: ${JSON.stringify(st.box)}`);
  const runs = await visibleText(page);
  const heading = runs.find((r) => r.text === 'France' && r.size > 19);
  assert.ok(heading && heading.y >= 0 && heading.y < 800, 'the details\' heading is in view');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the map shows partners, peace-building and home in their colours, with a legend', async () => {
  const page = await newPage(env);
  await openMap(page);
  const st = await bringMapIntoView(page);
  const px = await regionPixels(page, { x: 0, y: 0, width: 1280, height: 800 });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'map-desktop-1280x800.png') });
  for (const [city, colour] of [['Bamako', MIGRATION], ['Niamey', MIGRATION], ['Paris', HOME]]) {
    const p = await screenPoint(page, CITIES[city]);
    assert.ok(p, `${city} is on the map`);
    assert.ok(near(pixelAt(px, p.x, p.y), colour), `${city} drawn in its role colour: ${pixelAt(px, p.x, p.y)}`);
  }
  // The sea west of Morocco, and the legend's swatches in the map's top-left corner.
  const sea = await screenPoint(page, [-22, 33]);
  assert.ok(near(pixelAt(px, sea.x, sea.y), SEA), `sea colour ${pixelAt(px, sea.x, sea.y)}`);
  // The legend sits under the map (it never hides land): its swatches, in the role colours.
  const counts = { migration: 0, peace: 0, home: 0 };
  for (let y = st.box.y + st.box.h; y < Math.min(800, st.box.y + st.box.h + 60); y++) {
    for (let x = st.box.x; x < st.box.x + st.box.w; x++) {
      const c = pixelAt(px, x, y);
      if (near(c, MIGRATION, 20)) counts.migration++;
      if (near(c, PEACE, 20)) counts.peace++;
      if (near(c, HOME, 20)) counts.home++;
    }
  }
  for (const [role, n] of Object.entries(counts)) assert.ok(n > 50, `legend swatch for ${role} (${n} px)`);
  await page.context().close();
});

test('clicking Bamako selects Mali, updates the URL without a history entry, clicking the sea deselects', async () => {
  const page = await newPage(env);
  await openMap(page);
  await bringMapIntoView(page);
  const historyBefore = await page.evaluate(() => history.length);
  const bamako = await screenPoint(page, CITIES.Bamako);
  await page.mouse.move(bamako.x, bamako.y);
  await waitIdle(page, 100);
  assert.equal(await page.evaluate(() => document.querySelector('canvas').style.cursor), 'pointer');
  await page.mouse.click(bamako.x, bamako.y);
  await waitIdle(page, 150);
  assert.equal(await selected(page), 'ML');
  assert.equal(await page.evaluate(() => location.hash), '#pays=ML');
  assert.equal(await page.evaluate(() => history.length), historyBefore);
  assert.ok((await visibleText(page)).some((r) => r.text === 'Mali' && r.size > 19), 'details show Mali');
  assert.equal(await page.locator('.passerelle-live').textContent(), 'Mali');
  // Pixels: Mali now drawn darker than its neighbour Niger, still a partner.
  const px = await regionPixels(page, { x: 0, y: 0, width: 1280, height: 800 });
  const mali = pixelAt(px, bamako.x + 6, bamako.y - 6);
  assert.ok(!near(mali, MIGRATION, 20) && mali[0] > mali[2], `selected Mali is darker red: ${mali}`);
  const sea = await screenPoint(page, [-22, 33]);
  await page.mouse.click(sea.x, sea.y);
  await waitIdle(page, 150);
  assert.equal(await selected(page), null);
  assert.equal(await page.evaluate(() => location.hash), '');
  await page.context().close();
});

test('Ctrl + wheel zooms the map; a plain wheel over it scrolls the page and shows the hint', async () => {
  const page = await newPage(env);
  await openMap(page);
  const st = await bringMapIntoView(page);
  const cx = st.box.x + st.box.w / 2, cy = st.box.y + st.box.h / 2;
  await page.mouse.move(cx, cy);
  const before = await scrollTop(page);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await waitIdle(page, 150);
  const zoomed = await mapState(page);
  assert.ok(zoomed.zoom > 1.5, `zoomed in (${zoomed.zoom})`);
  assert.equal(await scrollTop(page), before, 'the page did not scroll');
  // The browser's own zoom did not happen either.
  assert.equal(await page.evaluate(() => window.devicePixelRatio), 1);

  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(150);
  const moved = await mapState(page);  // the page scrolled: the map moved up
  const hx = moved.box.x + moved.box.w / 2, hy = moved.box.y + moved.box.h / 2;
  const hint = await regionPixels(page, { x: Math.round(hx - 60), y: Math.round(hy - 10), width: 120, height: 20 });
  let darkPx = 0;
  for (let i = 0; i < hint.data.length; i += 4) if (hint.data[i] < 60 && hint.data[i + 1] < 60) darkPx++;
  await waitIdle(page, 150);
  assert.ok(await scrollTop(page) > before + 100, 'a plain wheel scrolled the page');
  assert.equal((await mapState(page)).zoom, zoomed.zoom, 'and did not zoom the map');
  assert.ok(darkPx > 200, `the "Ctrl + molette" hint was drawn (${darkPx} dark px)`);
  await page.context().close();
});

test('the zoom buttons, double click and dragging move the map within its bounds', async () => {
  const page = await newPage(env);
  await openMap(page);
  const st = await bringMapIntoView(page);
  // +, −, reset: stacked in the top-right corner.
  const size = 36, x = st.box.x + st.box.w - 10 - size / 2;
  await page.mouse.click(x, st.box.y + 10 + size / 2);
  await waitIdle(page, 150);
  assert.ok(Math.abs((await mapState(page)).zoom - 2) < 0.01, 'plus doubles the zoom');
  const inland = [10, 30];  // Libya, near the middle of the region: on screen at zoom 2
  const p1 = await screenPoint(page, inland);
  await page.mouse.move(st.box.x + st.box.w / 2, st.box.y + st.box.h / 2);
  await page.mouse.down();
  await page.mouse.move(st.box.x + st.box.w / 2 + 80, st.box.y + st.box.h / 2 + 30, { steps: 5 });
  await page.mouse.up();
  await waitIdle(page, 150);
  const p2 = await screenPoint(page, inland);
  assert.ok(Math.abs(p2.x - p1.x - 80) < 2 && Math.abs(p2.y - p1.y - 30) < 2, 'drag pans the map');
  assert.equal(await selected(page), null, 'a drag is not a click');
  // Dragging far cannot take the view out of the region: past its edge the map stops.
  const dragRight = async () => {
    await page.mouse.move(st.box.x + 60, st.box.y + st.box.h / 2);
    await page.mouse.down();
    await page.mouse.move(st.box.x + st.box.w - 60, st.box.y + st.box.h / 2, { steps: 4 });
    await page.mouse.up();
    await waitIdle(page, 100);
  };
  for (let i = 0; i < 3; i++) await dragRight();
  const p3 = await screenPoint(page, inland);
  await dragRight();
  const p4 = await screenPoint(page, inland);
  assert.ok(p3 && p4 && Math.abs(p4.x - p3.x) < 1, `the west edge stops the drag (${p3?.x} → ${p4?.x})`);
  await page.mouse.dblclick(st.box.x + st.box.w / 2, st.box.y + st.box.h / 2);
  await waitIdle(page, 150);
  assert.ok(Math.abs((await mapState(page)).zoom - 4) < 0.01, 'double click zooms in once more');
  await page.mouse.click(x, st.box.y + 10 + 2 * (size + 6) + 6 + size / 2);
  await waitIdle(page, 150);
  assert.equal((await mapState(page)).zoom, 1, 'reset shows the whole region');
  await page.context().close();
});

test('keyboard: Tab reaches the countries, Enter selects and the map shows it, Escape deselects', async () => {
  const page = await newPage(env);
  await openMap(page);
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  // From the top of the page: "Gérer mes cookies", the language link, the map's buttons, then
  // the countries in the list's order (Algérie, Maroc, Niger…).
  let name = '', presses = 0;
  while (name !== 'Niger' && presses < 30) {
    await page.keyboard.press('Tab');
    presses++;
    name = await focused();
  }
  assert.equal(name, 'Niger');
  await waitIdle(page, 150);
  const st0 = await mapState(page);
  assert.ok(st0.box.y < page.viewportSize().height && st0.box.y + st0.box.h > 0, 'the focused country button is scrolled into view');
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  assert.equal(await selected(page), 'NE');
  const niamey = await screenPoint(page, CITIES.Niamey);
  assert.ok(niamey && niamey.y >= 0 && niamey.y < page.viewportSize().height, 'the map shows the selection');
  // The mirror says so, and the focus stayed on the button.
  assert.equal(await focused(), 'Niger');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');
  await page.keyboard.press('Escape');
  await waitIdle(page, 150);
  assert.equal(await selected(page), null);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'false');
  await page.context().close();
});

test('phone: details below the map, a tap selects, two fingers pinch, one finger scrolls the page', async () => {
  const page = await newPage(env, { width: 375, height: 740, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await openMap(page);
  const st = await bringMapIntoView(page);
  const senegal = await screenPoint(page, CITIES.Tambacounda);
  await page.touchscreen.tap(senegal.x, senegal.y);
  await waitIdle(page, 150);
  assert.equal(await selected(page), 'SN');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'map-phone-375x740.png') });

  const cdp = await page.context().newCDPSession(page);
  const cx = st.box.x + st.box.w / 2, cy = st.box.y + st.box.h / 2;
  const touch = (type, pts) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: pts.map(([x, y], id) => ({ x, y, id })) });
  await touch('touchStart', [[cx - 30, cy]]);
  await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
  for (let d = 40; d <= 90; d += 10) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
  await touch('touchEnd', []);
  await waitIdle(page, 150);
  const z = (await mapState(page)).zoom;
  assert.ok(z > 2.5 && z < 3.5, `pinching from 60 to 180 px zoomed about 3× (${z})`);

  const before = await scrollTop(page);
  await touch('touchStart', [[cx, cy + 40]]);
  for (let y = cy + 30; y >= cy - 80; y -= 10) await touch('touchMove', [[cx, y]]);
  await touch('touchEnd', []);
  await waitIdle(page, 150);
  assert.ok(await scrollTop(page) > before + 60, 'one finger over the map scrolled the page');
  assert.equal((await mapState(page)).zoom, z, 'and left the map alone');

  await page.mouse.move(8, 300);
  await page.mouse.wheel(0, 300);
  await waitIdle(page, 150);
  const runs = await visibleText(page);
  const heading = runs.find((r) => r.text === 'Sénégal' && r.size > 18);
  const after = await mapState(page);
  assert.ok(heading, `the details panel names Senegal; drawn: ${runs.map((r) => r.text).join(' | ')}`);
  assert.ok(heading.y > after.box.y + after.box.h && heading.x < after.box.x + 40, 'details below the map on a phone');
  await page.context().close();
});

// At each 'passerelle:map-step' (harness.mjs's countTasksAtMeasures counts the tasks), whether
// the map is ready; window.__destroyAtStep = n destroys the view right after the n-th step.
function watchMapSteps() {
  window.__onMeasure = (name, count) => {
    if (name !== 'passerelle:map-step') return undefined;
    const instance = window.Passerelle.instances[0];
    if (window.__destroyAtStep === count) setTimeout(() => instance.destroy(), 0);
    return { ready: instance.map.state().ready };
  };
}

// The steps taken so far: [{ticks, ready}].
function mapSteps(page) {
  return page.evaluate(() => {
    window.__stopTicks = true;
    return (window.__measureTicks['passerelle:map-step'] || []).map((e) => ({ ticks: e.ticks, ready: e.extra.ready }));
  });
}

test('the geometry loads in steps, one per task, with the box loading until the last; then the map works', async () => {
  const page = await newPage(env);
  await page.addInitScript(countTasksAtMeasures);
  await page.addInitScript(watchMapSteps);
  await openMap(page);
  const r = await page.evaluate(() => ({
    measures: performance.getEntriesByName('passerelle:map-step', 'measure').length,
    load: performance.getEntriesByName('passerelle:map-load', 'measure').length,
  }));
  r.steps = await mapSteps(page);
  // The real map: the parse, the top level, the countries read, ~25,000 ring points
  // triangulated 3,000 a step.
  assert.ok(r.steps.length >= 6, `${r.steps.length} steps`);
  assert.equal(r.measures, r.steps.length);
  assert.equal(r.load, 1, 'one passerelle:map-load measure');
  const tasks = new Set(r.steps.map((s) => s.ticks)).size;
  assert.equal(tasks, r.steps.length, `every step in a task of its own (counts: ${r.steps.map((s) => s.ticks).join(' ')})`);
  assert.deepEqual(r.steps.map((s) => s.ready), r.steps.map((_, i) => i === r.steps.length - 1),
    'the map is ready after the last step, not before');
  // The map works: a click at Bamako selects Mali.
  await bringMapIntoView(page);
  const bamako = await screenPoint(page, CITIES.Bamako);
  await page.mouse.click(bamako.x, bamako.y);
  await waitIdle(page, 150);
  assert.equal(await selected(page), 'ML');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a view destroyed in the middle of the geometry load stops it without an error', async () => {
  const page = await newPage(env);
  await page.addInitScript(countTasksAtMeasures);
  await page.addInitScript(watchMapSteps);
  await page.addInitScript(() => { window.__destroyAtStep = 3; });
  await openView(page, env, '/');  // 'ready', or already 'destroyed'
  await page.waitForFunction(() => window.Passerelle.instances.length === 0, null, { timeout: 10000 });
  await page.waitForTimeout(300);  // the next step's task would have run by now
  const steps = (await mapSteps(page)).length;
  assert.equal(steps, 3, 'no step after the view was destroyed');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a geometry that cannot be downloaded leaves a message in the map box and the page working', async () => {
  const page = await newPage(env);
  await page.route('**/map-geometry.json', (route) => route.fulfill({ status: 503, body: 'down' }));
  assert.equal(await openView(page, env, '/'), 'ready');
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  const failure = await page.evaluate(() => window.Passerelle.instances[0].map.failure);
  assert.match(failure, /503/);
  assert.equal((await mapState(page)).ready, false);
  // The article still scrolls and its text is drawn.
  await page.locator('canvas').focus();
  await page.keyboard.press('PageDown');
  await waitIdle(page, 150);
  assert.ok(await scrollTop(page) > 100);
  assert.ok((await visibleText(page)).length > 5);
  await page.context().close();
});

test('a corrupt geometry file is reported with its error code, not a crash', async () => {
  const page = await newPage(env);
  await page.route('**/map-geometry.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"format": "passerelle-map-geometry/1", "arcs": [' }));
  assert.equal(await openView(page, env, '/'), 'ready');
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  const failure = await page.evaluate(() => window.Passerelle.instances[0].map.failure);
  assert.match(failure, /map-geometry\.json:1:\d+: error P1\d\d/);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
