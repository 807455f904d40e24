// One look, light and dark (issue 15), in Chromium: the HTML and the canvas take their colours
// from the same tokens (src/core/design/palette.cpp, as dist/passerelle.css custom
// properties), follow prefers-color-scheme live — the page, the banner and the map — and axe
// finds no violation in either scheme; with forced colours on, the HTML mirror is the page.
//
// Colours are read where a visitor sees them: the HTML's computed styles before the canvas,
// the canvas's pixels after (in places the design leaves plain: the page's margin, the
// banner's padding, the map's sea).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, openView, waitView, waitIdle, regionPixels, DIST } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

// The palettes as the built stylesheet declares them: {light: {background: [r,g,b], …}, dark}.
function palettes() {
  const css = readFileSync(path.join(DIST, 'passerelle.css'), 'utf8');
  const read = (block) => Object.fromEntries([...block.matchAll(/--pl-([a-z-]+):#([0-9a-f]{6})/g)]
    .map(([, name, hex]) => [name, [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))]));
  const dark = /@media \(prefers-color-scheme:dark\)\{:root\{([^}]*)\}/.exec(css);
  assert.ok(dark, 'the stylesheet has a dark scheme');
  return { light: read(css.slice(0, dark.index)), dark: read(dark[1]) };
}
const P = palettes();
const near = (a, b, tol = 6) => a.every((v, i) => Math.abs(v - b[i]) <= tol);
const rgbOf = (s) => s.match(/\d+/g).slice(0, 3).map(Number);

// The mean colour of a small square of the screen (CSS px).
async function colourAt(page, x, y, size = 6) {
  const px = await regionPixels(page, { x, y, width: size, height: size });
  const sum = [0, 0, 0];
  for (let i = 0; i < px.data.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += px.data[i + c];
  const n = px.data.length / 4;
  return sum.map((v) => Math.round(v / n));
}

async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `[${v.impact}] ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

// The page with its wasm never answered: the prerendered HTML as the first paint shows it.
async function openHtmlOnly(env, options, pathAndQuery = '/') {
  const page = await newPage(env, options);
  await page.route(/passerelle(\.[0-9a-f]{8})?\.wasm$/, () => {});
  await page.goto(env.base + pathAndQuery);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

for (const scheme of ['light', 'dark']) {
  test(`${scheme}: the first paint (HTML) is in the scheme's colours, and axe finds no violation`, { timeout: 60000 }, async () => {
    const page = await openHtmlOnly(env, { colorScheme: scheme });
    try {
      const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(near(rgbOf(body), P[scheme].background, 0), `body ${body}`);
      const h1 = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
      assert.ok(near(rgbOf(h1), P[scheme].heading, 0), `h1 ${h1}`);
      const dialog = await page.evaluate(() => getComputedStyle(document.querySelector('[role="dialog"]')).backgroundColor);
      assert.ok(near(rgbOf(dialog), P[scheme].surface, 0), `banner ${dialog}`);
      const font = await page.evaluate(() => getComputedStyle(document.querySelector('article p')).fontFamily);
      assert.match(font, /Passerelle Serif/);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.context().close();
    }
  });

  test(`${scheme}: the canvas draws the page, the banner and the map in the scheme's colours; axe finds no violation`, { timeout: 90000 }, async () => {
    const page = await newPage(env, { colorScheme: scheme });
    try {
      assert.equal(await openView(page, env, '/#pays=ML'), 'ready');
      await page.evaluate(() => window.Passerelle.instances[0].map.ready);
      await waitIdle(page, 150);
      // The page's margin, left of the column; the banner's padding, by its first button.
      assert.ok(near(await colourAt(page, 8, 300), P[scheme].background), 'page background');
      const b = (await page.evaluate(() => window.Passerelle.instances[0].consentButtons()))[0];
      assert.ok(near(await colourAt(page, b.x - 14, b.y + b.h / 2 - 3), P[scheme].surface), 'banner surface');
      assert.ok(near(await colourAt(page, b.x + 4, b.y + b.h / 2 - 3), P[scheme].link), 'button fill');
      // The sea, in the Atlantic west of Morocco.
      const sea = await page.evaluate(() => window.Passerelle.instances[0].map.screenPoint(-16, 38));
      assert.ok(sea, 'the Atlantic is on screen');
      const y = sea.y - await page.evaluate(() => scrollY);
      assert.ok(near(await colourAt(page, sea.x, y), P[scheme]['map-sea'], 10), 'the map sea');
      assert.deepEqual(page.consoleErrors, []);
      assert.deepEqual(await axeViolations(page), []);
    } finally {
      await page.context().close();
    }
  });
}

test('the scheme switches live, on the canvas and on the HTML, when the system setting changes', { timeout: 60000 }, async () => {
  const page = await newPage(env, { colorScheme: 'light' });
  try {
    assert.equal(await openView(page, env, '/'), 'ready');
    await waitIdle(page, 150);
    assert.ok(near(await colourAt(page, 8, 300), P.light.background));
    const frames = await page.evaluate(() => window.Passerelle.instances[0].frames);
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitIdle(page, 150);
    assert.ok(await page.evaluate(() => window.Passerelle.instances[0].frames) > frames, 'a frame was drawn');
    assert.ok(near(await colourAt(page, 8, 300), P.dark.background), 'the canvas is dark');
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(near(rgbOf(body), P.dark.background, 0), 'the HTML is dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await waitIdle(page, 150);
    assert.ok(near(await colourAt(page, 8, 300), P.light.background), 'and light again');
  } finally {
    await page.context().close();
  }
});

test('an embed draws in the scheme its data-theme asks for, whatever the system says', { timeout: 60000 }, async () => {
  const page = await newPage(env, { colorScheme: 'light' });
  try {
    const { routeHostPage, waitForEmbeds, waitEmbedsIdle } = await import('./harness.mjs');
    const url = await routeHostPage(page, env, '/theme-host.html', `<!doctype html><html lang="fr"><body>
      <script src="/embed.js" data-view="map" data-theme="dark" data-height="480px"></script>
      <script src="/embed.js" data-view="map" data-height="480px"></script></body></html>`);
    await page.goto(url);
    assert.deepEqual(await waitForEmbeds(page, 2), [['map', 'ready'], ['map', 'ready']]);
    await page.evaluate(() => Promise.all(window.Passerelle.instances.map((i) => i.map.ready)));
    await waitEmbedsIdle(page, 150);
    // By theme, not by index: the two boxes start lazily, in either order.
    const seas = await page.evaluate(() => ['dark', ''].map((theme) => {
      const i = window.Passerelle.instances.find((x) => (x.element.getAttribute('data-theme') || '') === theme);
      const p = i && i.map.screenPoint(-16, 38);
      return p && { x: p.x - scrollX, y: p.y - scrollY };
    }));
    assert.ok(seas[0] && seas[1]);
    // Render on demand: on a loaded machine the frame with the sea can come after a quiet
    // period, so wait (bounded) for the colour rather than read it once.
    const seaColour = async (at, want) => {
      let seen;
      for (let i = 0; i < 50 && !(seen && near(seen, want, 10)); i++) {
        if (i) await page.waitForTimeout(100);
        seen = await colourAt(page, at.x, at.y);
      }
      return seen;
    };
    const dark = await seaColour(seas[0], P.dark['map-sea']);
    assert.ok(near(dark, P.dark['map-sea'], 10), `data-theme="dark": the sea is ${dark}, not ${P.dark['map-sea']}`);
    const light = await seaColour(seas[1], P.light['map-sea']);
    assert.ok(near(light, P.light['map-sea'], 10), `auto, on a light system: the sea is ${light}, not ${P.light['map-sea']}`);
  } finally {
    await page.context().close();
  }
});

// The HTML is the page there: its keys and in-page jumps are the browser's.  They used to move
// the hidden canvas (scroll keys taken, the footnote's focus without scrolling), and the
// visible page stayed where it was.
test('forced colours: the keyboard scrolls the HTML page, and a footnote mark jumps to its note', { timeout: 60000 }, async () => {
  const page = await newPage(env, { forcedColors: 'active' });
  try {
    assert.equal(await openView(page, env, '/'), 'ready');
    await waitIdle(page, 150);
    const scrollY = () => page.evaluate(() => scrollY);
    // The browser's smooth scroll has come to rest (the same position twice, 150 ms apart).
    const settled = async () => {
      let last = -1;
      for (let i = 0; i < 40; i++) {
        const y = await scrollY();
        if (y === last) return y;
        last = y;
        await page.waitForTimeout(150);
      }
      return last;
    };
    const max = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert.ok(max > 1500, `the HTML page is long (${max} px to scroll)`);
    let last = 0;
    for (const key of ['PageDown', 'ArrowDown', 'Space']) {
      await page.keyboard.press(key);
      const y = await settled();
      assert.ok(y > last + 30, `${key} scrolled the HTML from ${last} to ${y} px`);
      last = y;
    }
    await page.keyboard.press('End');
    assert.ok(await settled() > max - 2, `End went to the end (${await scrollY()} of ${max} px)`);
    await page.keyboard.press('Home');
    assert.equal(await settled(), 0, 'Home went back to the top');
    // The footnote mark, from the keyboard: its note comes into view, focused.
    const mark = page.locator('[data-passerelle-part="page"] a[href="#fn-1"]');
    await mark.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('href') === '#fnref-1', null, { timeout: 5000 });
    const note = await page.evaluate(() => document.getElementById('fn-1').getBoundingClientRect().toJSON());
    assert.ok(note.top >= 0 && note.bottom <= 800, `the footnote is in view: ${JSON.stringify(note)}`);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

// The reader's place: the HTML scrolled before the canvas is up stays where it is (the reveal
// scrolled it to the top, where the canvas would have taken over), and switching forced
// colours on or off while reading keeps the place, from the canvas to the HTML and back.
test('forced colours: the reader keeps their place, at the start and when the setting changes', { timeout: 60000 }, async () => {
  const page = await newPage(env, { forcedColors: 'active' });
  try {
    let release;
    const released = new Promise((r) => { release = r; });
    await page.route(/passerelle(\.[0-9a-f]{8})?\.wasm$/, async (route) => { await released; await route.continue(); });
    await page.goto(env.base + '/');
    await page.evaluate(() => scrollTo(0, 1500));
    await page.waitForFunction(() => Math.abs(scrollY - 1500) < 1);
    release();
    assert.equal(await waitView(page), 'ready');
    await waitIdle(page, 150);
    assert.ok(Math.abs(await page.evaluate(() => scrollY) - 1500) < 1, `the HTML stayed at 1500 px: ${await page.evaluate(() => scrollY)}`);
    // Off: the canvas shows the page from where the HTML was read.
    await page.evaluate(() => scrollTo(0, 900));
    await page.emulateMedia({ forcedColors: 'none' });
    await waitIdle(page, 150);
    const off = await page.evaluate(() => [scrollY, window.Passerelle.instances[0].scrollTop()]);
    assert.ok(off[0] === 0 && Math.abs(off[1] - 900) < 1, `forced colours off: the canvas at 900 px, the document at 0: ${off}`);
    // On again, after reading further on the canvas: the HTML opens there.
    await page.mouse.move(640, 300);
    await page.mouse.wheel(0, 400);
    await waitIdle(page, 150);
    const canvasY = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
    assert.ok(Math.abs(canvasY - 1300) < 1, `the wheel scrolled the canvas to ${canvasY} px`);
    await page.emulateMedia({ forcedColors: 'active' });
    await page.waitForFunction(() => scrollY > 0, null, { timeout: 5000 }).catch(() => {});
    assert.ok(Math.abs(await page.evaluate(() => scrollY) - canvasY) < 1, `forced colours on: the HTML at ${canvasY} px`);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});

test('forced colours: the HTML mirror is the page in place of the canvas, and works', { timeout: 60000 }, async () => {
  const page = await newPage(env, { forcedColors: 'active' });
  try {
    assert.equal(await openView(page, env, '/'), 'ready');
    await waitIdle(page, 150);
    const seen = await page.evaluate(() => ({
      canvas: getComputedStyle(document.getElementById('page')).visibility,
      h1: document.querySelector('h1').getBoundingClientRect().height,
      banner: document.querySelector('[role="dialog"]').getBoundingClientRect().height,
    }));
    assert.equal(seen.canvas, 'hidden', 'the canvas is not shown');
    assert.ok(seen.h1 > 20 && seen.banner > 50, `the mirror is shown: ${JSON.stringify(seen)}`);
    // A visitor clicks "Tout refuser" on the HTML: the core decides, as on the canvas.
    await page.getByRole('dialog').getByRole('button').first().click();
    await waitIdle(page, 150);
    assert.ok((await page.context().cookies()).some((c) => c.name === 'passerelle_consent'), 'the choice is saved');
    assert.equal(await page.locator('[role="dialog"]').count(), 0, 'the banner is gone');
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await page.context().close();
  }
});
