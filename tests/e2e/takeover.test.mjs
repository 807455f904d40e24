// The takeover is invisible: the prerendered HTML and the canvas that replaces it put the
// words of the first screen in the same places.  The wasm is held back while the HTML is the
// page; its words are read from the DOM (a Range per word), then the canvas takes over and
// its words are read from the core's layout (instance.visibleWords(): each run cut at its
// spaces, placed with the canvas's own font metrics).  Positions, not pixels: the browser and
// ImGui anti-alias differently, so raw pixels would differ where nothing moved.
//
// The figure (words within TOLERANCE px, per size and language) is printed and kept in the
// README ("One look").  Screenshots of both states go to build/screenshots/takeover-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setUp, newPage, waitView, waitIdle } from './harness.mjs';

const TOLERANCE = 3;       // CSS px, in x and in y
const NEARLY_EVERY = 0.95; // the share of first-screen words that must stay where they were
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];
const PAGES = [{ lang: 'fr', path: '/' }, { lang: 'en', path: '/index.en.html' }];

// Every word of the page's mirror on the first screen, with its box (CSS px, viewport).
function htmlWords() {
  const part = document.querySelector('[data-passerelle-part="page"]');
  const out = [];
  const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const text = node.nodeValue;
    const box = (from, to) => {
      const r = document.createRange();
      r.setStart(node, from);
      r.setEnd(node, to);
      return r.getClientRects();
    };
    const add = (word, from) => {
      const b = box(from, from + word.length)[0];
      if (!b || b.width === 0 || b.top < 0 || b.bottom > innerHeight) return;
      out.push({ text: word, x: b.left, y: b.top, w: b.width, h: b.height });
    };
    for (const m of text.matchAll(/[^\s\u00a0\u202f]+/g)) {
      // A word the line breaks after its hyphen ("inter-" | "associatifs") is two words on
      // screen, as the canvas's words (cut at spaces, per line) are.
      if (box(m.index, m.index + m[0].length).length > 1 && /\p{L}-\p{L}/u.test(m[0])) {
        for (const part of m[0].matchAll(/[^-]+-?|-/g)) add(part[0], m.index + part.index);
      } else {
        add(m[0], m.index);
      }
    }
  }
  return out;
}

// For each HTML word, the nearest canvas word of the same text; the share within TOLERANCE.
export function compareWords(html, canvas, tolerance = TOLERANCE) {
  const moved = [];
  let kept = 0;
  for (const w of html) {
    let best = null, bestD = Infinity;
    for (const c of canvas) {
      if (c.text !== w.text) continue;
      const d = Math.max(Math.abs(c.x - w.x), Math.abs(c.y - w.y));
      if (d < bestD) { bestD = d; best = c; }
    }
    if (bestD <= tolerance) kept++;
    else moved.push({ text: w.text, html: [Math.round(w.x), Math.round(w.y)], canvas: best && [Math.round(best.x), Math.round(best.y)] });
  }
  return { words: html.length, kept, share: html.length ? kept / html.length : 0, moved };
}

// The page with the wasm held back: the HTML is the page, fonts loaded (scrolled to scrollY).
async function openHeld(env, size, path, scrollY = 0) {
  const page = await newPage(env, size);
  const held = [];
  let release;
  const released = new Promise((r) => { release = r; });
  await page.route(/passerelle(\.[0-9a-f]{8})?\.wasm$/, async (route) => { held.push(route); await released; await route.continue(); });
  await page.goto(env.base + path);
  await page.waitForFunction(() => document.fonts.status === 'loaded' &&
    document.fonts.check('19px "Passerelle Serif"') && document.fonts.check('700 19px "Passerelle Sans"'));
  await page.evaluate(() => document.fonts.ready);
  if (scrollY) {
    await page.evaluate((y) => scrollTo(0, y), scrollY);
    await page.waitForFunction((y) => Math.abs(scrollY - y) < 1, scrollY);
  }
  return { page, release, held };
}

async function takeover(env, size, { lang, path }, scrollY = 0) {
  const { page, release, held } = await openHeld(env, size, path, scrollY);
  try {
    assert.ok(held.length >= 1, 'the wasm request was held back');
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('passerelle-canvas-on')), false);
    const html = await page.evaluate(htmlWords);
    const htmlButtons = await page.evaluate(() => [...document.querySelectorAll('[role="dialog"] button')]
      .map((b) => { const r = b.getBoundingClientRect(); return { label: b.textContent, x: r.left, y: r.top, w: r.width, h: r.height }; }));
    mkdirSync('build/screenshots', { recursive: true });
    const shot = `build/screenshots/takeover-${size.name}-${lang}${scrollY ? '-' + scrollY : ''}`;
    await page.screenshot({ path: `${shot}-html.png` });
    release();
    assert.equal(await waitView(page), 'ready');
    await waitIdle(page, 150);
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('passerelle-canvas-on')), true);
    await page.screenshot({ path: `${shot}-canvas.png` });
    const canvas = await page.evaluate(() => window.Passerelle.instances[0].visibleWords());
    const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
    return { html, canvas, htmlButtons, buttons, errors: page.consoleErrors };
  } finally {
    await page.context().close();
  }
}

let env;
const figures = [];
test.before(async () => { env = await setUp(); });
test.after(async () => {
  await env?.close();
  // The figure for the README: words of the first screen that stayed within TOLERANCE px.
  if (figures.length) console.log('# takeover figures: ' + figures.map((f) => `${f.size} ${f.lang} ${f.kept}/${f.words}`).join(', '));
});

for (const size of SIZES) {
  for (const p of PAGES) {
    test(`takeover at ${size.width}×${size.height}, ${p.lang}: nearly every word of the first screen stays where it was`, async () => {
      const r = await takeover(env, size, p);
      assert.deepEqual(r.errors, []);
      assert.ok(r.html.length >= 40, `the first screen holds words (${r.html.length})`);
      const c = compareWords(r.html, r.canvas);
      figures.push({ size: `${size.width}×${size.height}`, lang: p.lang, kept: c.kept, words: c.words });
      console.log(`# takeover ${size.width}x${size.height} ${p.lang}: ${c.kept}/${c.words} words within ${TOLERANCE} px ` +
        `(${(100 * c.share).toFixed(1)} %)` + (c.moved.length ? '; moved: ' + JSON.stringify(c.moved.slice(0, 12)) : ''));
      assert.ok(c.share >= NEARLY_EVERY, `${(100 * c.share).toFixed(1)} % of words stayed within ${TOLERANCE} px`);
      // The banner: the same three choices, in the same order, sizes and places.
      const choices = r.htmlButtons.slice(0, 3);
      assert.equal(r.buttons.length, 3);
      r.buttons.forEach((b, i) => {
        for (const k of ['x', 'y', 'w', 'h'])
          assert.ok(Math.abs(b[k] - choices[i][k]) <= TOLERANCE, `button ${i} ${k}: canvas ${b[k]} vs HTML ${choices[i][k]}`);
      });
    });
  }
}

// Scrolled down before the canvas is ready (the map figure, the article below it, and near the
// end on a phone, as a page reloaded far down is): the canvas takes over at the same scroll
// position, with the same words in the same places.
for (const [size, p, y] of [[SIZES[0], PAGES[0], 1500], [SIZES[1], PAGES[1], 1800], [SIZES[1], PAGES[0], 2800]]) {
  test(`takeover at ${size.width}×${size.height}, ${p.lang}, scrolled to ${y} px: the words stay where they were`, async () => {
    const r = await takeover(env, size, p, y);
    assert.deepEqual(r.errors, []);
    const c = compareWords(r.html, r.canvas);
    figures.push({ size: `${size.width}×${size.height} at ${y} px`, lang: p.lang, kept: c.kept, words: c.words });
    console.log(`# takeover ${size.width}x${size.height} ${p.lang} at ${y} px: ${c.kept}/${c.words} words within ${TOLERANCE} px` +
      (c.moved.length ? '; moved: ' + JSON.stringify(c.moved.slice(0, 12)) : ''));
    assert.ok(r.html.length >= 20, `words on screen (${r.html.length})`);
    assert.ok(c.share >= NEARLY_EVERY, `${(100 * c.share).toFixed(1)} % of words stayed within ${TOLERANCE} px`);
  });
}

// The visitor scrolls the HTML while the canvas is starting: after its first frame (drawn at
// the old place, not yet shown), before the reveal.  The canvas is shown where the HTML was
// scrolled, with its words where the HTML had them; the scroll is not undone.
for (const [size, y] of [[SIZES[0], 1200], [SIZES[1], 2000]]) {
  test(`takeover at ${size.width}×${size.height}: the HTML scrolled to ${y} px during the start stays scrolled`, async () => {
    const { page, release } = await openHeld(env, size, '/');
    try {
      await page.evaluate(`window.__htmlWords = ${htmlWords}`);  // the page's CSP allows no eval of its own
      await page.evaluate((y) => {
        const measure = performance.measure.bind(performance);
        performance.measure = function (name, ...rest) {
          if (name === 'passerelle:first-frame') {  // drawn, the HTML still shown
            scrollTo(0, y);
            window.__scrolled = { y: scrollY, words: window.__htmlWords() };
          }
          return measure(name, ...rest);
        };
      }, y);
      release();
      assert.equal(await waitView(page), 'ready');
      await waitIdle(page, 150);
      const scrolled = await page.evaluate(() => window.__scrolled);
      assert.ok(scrolled && Math.abs(scrolled.y - y) < 1, `the HTML was scrolled to ${y} px during the start: ${JSON.stringify(scrolled && scrolled.y)}`);
      const top = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
      assert.ok(Math.abs(top - y) < 1, `the canvas took over at ${top} px, the HTML was at ${y} px`);
      const c = compareWords(scrolled.words, await page.evaluate(() => window.Passerelle.instances[0].visibleWords()));
      console.log(`# takeover ${size.width}x${size.height}, HTML scrolled to ${y} px during the start: ${c.kept}/${c.words} words within ${TOLERANCE} px` +
        (c.moved.length ? "; moved: " + JSON.stringify(c.moved.slice(0, 12)) : ""));
      assert.ok(scrolled.words.length >= 20 && c.share >= NEARLY_EVERY, `${c.kept}/${c.words} words stayed`);
      assert.deepEqual(page.consoleErrors, []);
    } finally {
      await page.context().close();
    }
  });
}

// The HTML's country chips take the canvas's widths: their border is inside their box, as the
// canvas draws it, so a pressed chip (2 px) moves neither its name nor the chips after it.
test('the HTML country list: a pressed chip moves no name and no other chip', async () => {
  const { page, release } = await openHeld(env, SIZES[0], '/');
  try {
    const boxes = () => page.evaluate(() => [...document.querySelectorAll('figure ul[aria-label] button')].map((b) => {
      const r = b.getBoundingClientRect(), t = document.createRange();
      t.selectNodeContents(b);
      return { x: r.left, y: r.top, w: r.width, textX: t.getBoundingClientRect().left };
    }));
    const before = await boxes();
    assert.ok(before.length >= 6, `the chips (${before.length})`);
    await page.evaluate(() => document.querySelector('figure ul[aria-label] button').setAttribute('aria-pressed', 'true'));
    const after = await boxes();
    before.forEach((b, i) => {
      for (const k of ['x', 'y', 'w', 'textX']) assert.ok(Math.abs(after[i][k] - b[k]) < 0.5, `chip ${i} ${k}: ${b[k]} → ${after[i][k]}`);
    });
  } finally {
    release();
    await page.context().close();
  }
});

test('compareWords counts a word as moved when the canvas puts it elsewhere', () => {
  const html = [{ text: 'La', x: 10, y: 10 }, { text: 'Cimade', x: 40, y: 10 }];
  assert.equal(compareWords(html, [{ text: 'La', x: 11, y: 12 }, { text: 'Cimade', x: 41, y: 10 }]).share, 1);
  const c = compareWords(html, [{ text: 'La', x: 11, y: 12 }, { text: 'Cimade', x: 10, y: 41 }]);
  assert.equal(c.kept, 1);
  assert.equal(c.moved[0].text, 'Cimade');
});
