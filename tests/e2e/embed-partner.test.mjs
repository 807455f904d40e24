// Partner embeds from a partner's point of view (issue 14), in real headless Chromium, on a
// host page of another origin (127.0.0.2, a plain nginx without Passerelle's rules) embedding
// the widgets served by 127.0.0.1: what the host's accessibility tree holds for each view,
// a keyboard-only path, links that never move the host, the scripting API and the custom
// element, and the sizing of a page embed (a long article, a fixed height).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../../scripts/nginx.mjs';
import { setUp, newPage, waitForEmbeds, waitEmbedsIdle, regionPixels, darkFraction } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const FR = JSON.parse(readFileSync(path.join(ROOT, 'content/international.fr.json'), 'utf8'));
const EN = JSON.parse(readFileSync(path.join(ROOT, 'content/international.en.json'), 'utf8'));
const BANNER = FR.consent.texts.fr;

let env, other, dir;
before(async () => {
  env = await setUp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-partner-'));
  chmodSync(dir, 0o755);  // nginx's workers may be another user
  other = await startNginx({ root: dir, host: '127.0.0.2', site: false });
});
after(async () => {
  await other?.stop();
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A page of the partner's site (the other origin), its body given; returns its URL.
function hostPage(name, body, lang = 'fr', head = '') {
  writeFileSync(path.join(dir, name), `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Site partenaire</title>
<link rel="icon" href="data:,"></head><body><main>${body}</main></body></html>`);
  return other.url + name;
}
const tag = (attrs) => `<script src="${env.base}/embed.js" ${attrs} async></script>`;

const byView = (page, view, fn, arg) => page.evaluate(
  `(${fn})(window.Passerelle.instances.find((x) => x.view === ${JSON.stringify(view)}), ${JSON.stringify(arg ?? null)})`);
const boxOf = (page, view) => page.locator(`passerelle-embed[data-view=${view}]`);

// The accessibility tree as Chromium exposes it (shadow roots included), flattened, without
// ignored nodes: [{role, name, props}].
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => !n.ignored).map((n) => {
    const props = {};
    for (const p of n.properties || []) props[p.name] = p.value?.value;
    return { role: n.role?.value ?? '', name: n.name?.value ?? '', props };
  });
}
const has = (ax, role, name) => ax.some((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));

async function axeSerious(page) {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// What has the keyboard focus: [the view of the box it is in (or ''), its text].
const focused = (page) => page.evaluate(() => {
  let a = document.activeElement, view = '';
  while (a && a.shadowRoot && a.shadowRoot.activeElement) {
    view = a.getAttribute('data-view') || view;
    a = a.shadowRoot.activeElement;
  }
  return [view, (a && (a.getAttribute('aria-label') || a.textContent) || '').trim()];
});
async function tabUntil(page, view, text, max = 80) {
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f[0] === view && f[1] === text) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${text}" in the ${view} box; focus: ${await focused(page)}`);
}

test('map and consent on another origin: in the host\'s accessibility tree, a keyboard-only path, axe clean', { timeout: 120000 }, async () => {
  const url = hostPage('map.html', `<h1>Nos partenaires</h1><p><a href="#top">Un lien du site</a></p>
${tag('data-view="map" data-lang="fr"')}<p>Fin de l’article.</p>${tag('data-view="consent" data-lang="fr"')}`);
  const page = await newPage(env, { width: 1000, height: 900 });
  await page.goto(url);
  assert.deepEqual((await waitForEmbeds(page, 2)).sort(), [['consent', 'ready'], ['map', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const ax = await axTree(page);
  // The map: its controls and countries as buttons (toggles), not one picture.
  assert.ok(has(ax, 'heading', /Les pays de l’action internationale/), 'the figure\'s heading');
  for (const name of ['Zoom avant', 'Zoom arrière', 'Vue d’ensemble', 'Algérie', 'Mali']) assert.ok(has(ax, 'button', name), name);
  assert.ok(ax.some((n) => n.role === 'button' && n.name === 'Mali' && n.props.pressed === 'false'), 'a country is a toggle');
  assert.ok(!has(ax, 'img', /Carte|Page/), 'no canvas exposed as an image');
  // The consent view: a dialog with its own label and real buttons.
  assert.ok(has(ax, 'dialog', BANNER.title), `the banner is a dialog named "${BANNER.title}"`);
  for (const b of [BANNER.refuse_all, BANNER.accept_all, BANNER.customise]) assert.ok(has(ax, 'button', b), b);
  assert.deepEqual(await axeSerious(page), []);

  // Keyboard only: from the host's link into the map, to Mali, Enter; on to the banner.
  await page.locator('a[href="#top"]').focus();
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page), ['map', 'Zoom avant'], 'Tab enters the map at its first control');
  await tabUntil(page, 'map', 'Mali');
  await page.keyboard.press('Enter');
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
  assert.ok(has(await axTree(page), 'button', 'Mali') && (await axTree(page)).some((n) => n.name === 'Mali' && n.props.pressed === 'true'));
  await tabUntil(page, 'consent', BANNER.refuse_all);
  await page.keyboard.press('Enter');
  await waitEmbedsIdle(page, 150);
  // The HTML banner answered it (no canvas was needed): the choice is recorded, the dialog gone.
  assert.equal((await page.evaluate(() => window.Passerelle.consent.get())).choices.audience, false, 'the banner is answered');
  assert.equal(await boxOf(page, 'consent').getByRole('dialog').count(), 0);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');
  assert.ok(cookie, 'the refusal is recorded');
  // Tab leaves the widgets for the host again (Shift+Tab back from the end of the page).
  assert.deepEqual(await axeSerious(page), []);
  assert.equal(page.url(), url);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the page on another origin: the article in the host\'s tree; the language switch and a footnote jump leave the host\'s URL and history alone', { timeout: 120000 }, async () => {
  const url = hostPage('page.html', `<h1>La page de La Cimade</h1><p><a href="#top">Un lien du site</a></p>${tag('data-view="page" data-lang="fr"')}<p>Fin.</p>`);
  const page = await newPage(env, { width: 900, height: 800 });
  await page.goto(url);
  const history0 = await page.evaluate(() => history.length);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const ax = await axTree(page);
  assert.ok(has(ax, 'heading', FR.page.title), 'the title is a heading');
  for (const h of FR.page.body.filter((b) => b.type === 'heading').slice(0, 3)) assert.ok(has(ax, 'heading', h.text), h.text);
  assert.ok(has(ax, 'link', 'English'), 'the language link');
  assert.ok(has(ax, 'link', 'Note [1]'), 'a footnote mark');
  assert.ok(ax.some((n) => n.role === 'StaticText' && n.name.includes('cinquantaine')), 'the lead\'s text');
  assert.deepEqual(await axeSerious(page), []);

  // A footnote jump, by keyboard: the host scrolls to the note, the URL stays.
  const box = boxOf(page, 'page');
  await box.getByRole('link', { name: 'Note [1]' }).focus();
  await waitEmbedsIdle(page, 150);
  const y0 = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('Enter');
  await waitEmbedsIdle(page, 200);
  const y1 = await page.evaluate(() => window.scrollY);
  assert.ok(y1 > y0 + 300, `the host scrolled down to the note: ${y0} → ${y1}`);
  const note = FR.page.footnotes[0].text.slice(0, 20);
  const shown = await byView(page, 'page', (i, t) => {
    const c = i.canvas.getBoundingClientRect();
    return i.visibleText().some((r) => r.text.includes(t.slice(0, 12)) && c.top + r.y >= 0 && c.top + r.y + r.h <= innerHeight);
  }, note);
  assert.ok(shown, `the note "${note}" is drawn on screen`);
  assert.equal(page.url(), url, 'no #fn-1 in the host URL');

  // A click on a footnote mark on the canvas does the same.
  await page.evaluate(() => window.scrollTo(0, 0));
  await box.evaluate((h) => h.scrollIntoView({ block: 'start' }));
  let mark = null;
  for (let k = 0; k < 12 && !mark; k++) {  // down the article until a mark is on screen
    await waitEmbedsIdle(page, 150);
    mark = await byView(page, 'page', (i) => {
      const c = i.canvas.getBoundingClientRect();
      const r = i.visibleText().find((x) => x.link === 'footnote' && c.top + x.y > 0 && c.top + x.y + x.h < innerHeight - 100);
      return r && { x: c.left + r.x + r.w / 2, y: c.top + r.y + r.h / 2 };
    });
    if (!mark) await page.evaluate(() => window.scrollBy(0, 400));
  }
  assert.ok(mark, 'a footnote mark is drawn');
  const y2 = await page.evaluate(() => window.scrollY);
  await page.mouse.click(mark.x, mark.y);
  await waitEmbedsIdle(page, 200);
  assert.ok(await page.evaluate((y) => window.scrollY > y + 300, y2), 'a click on the mark scrolls the host to its note');
  assert.equal(page.url(), url);

  // The language switch, by keyboard: the widget turns English in place.
  await page.evaluate(() => window.scrollTo(0, 0));
  await box.getByRole('link', { name: 'English' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.Passerelle.instances.some((i) => i.lang === 'en' && i.element.getAttribute('data-passerelle-state') === 'ready'), null, { timeout: 30000 });
  await waitEmbedsIdle(page, 150);
  assert.equal(await page.evaluate(() => window.Passerelle.instances.length), 1, 'the French view is gone');
  assert.ok(has(await axTree(page), 'heading', EN.page.body.find((b) => b.type === 'heading').text), 'an English heading');
  assert.ok(has(await axTree(page), 'link', 'Français'), 'and the way back');
  assert.deepEqual(await focused(page), ['page', 'Français'], 'the focus stays on the language link');
  assert.equal(page.url(), url, 'the host did not move');
  assert.equal(await page.evaluate(() => history.length), history0, 'no history entry');
  assert.equal(page.context().pages().length, 1, 'no new tab');
  assert.deepEqual(await axeSerious(page), []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('Passerelle.embed from a script, the element\'s excerpt without JavaScript, and a removed-then-re-inserted widget that works', { timeout: 120000 }, async () => {
  const url = hostPage('spa.html', `<h1>Application</h1><div id="tab-a"></div><div id="tab-b"></div>
<passerelle-embed id="static" data-view="map"><p>La carte des pays partenaires de La Cimade.
<a href="${env.base}/index.html">La page « International » de La Cimade</a></p></passerelle-embed>
${tag('data-elements')}`);
  // Without JavaScript the excerpt and its link are the content.
  const noJs = await env.browser.newContext({ javaScriptEnabled: false });
  const p0 = await noJs.newPage();
  await p0.goto(url);
  assert.ok(await p0.getByRole('link', { name: 'La page « International » de La Cimade' }).isVisible());
  await noJs.close();

  const page = await newPage(env, { width: 900, height: 800 });
  await page.goto(url);
  await page.waitForFunction(() => typeof window.Passerelle?.embed === 'function');
  // The written element starts; the data-elements tag made no box of its own.
  assert.deepEqual(await waitForEmbeds(page, 1), [['map', 'ready']]);
  assert.equal(await page.locator('passerelle-embed').count(), 1);
  assert.equal(await page.getByText('La carte des pays partenaires de La Cimade.').isVisible(), false, 'the excerpt is replaced');
  await page.evaluate(() => document.querySelector('#static').remove());
  await page.waitForFunction(() => window.Passerelle.instances.length === 0);

  // From script: the options are the tag's attributes.
  const ready = await page.evaluate(async () => {
    const el = window.Passerelle.embed('#tab-a', { view: 'map', lang: 'en', country: 'ML', height: '420px' });
    window.__el = el;
    const inst = await el.ready;
    return [el.getAttribute('data-view'), el.getAttribute('data-lang'), el.getAttribute('data-height'), inst.view, inst.lang];
  });
  assert.deepEqual(ready, ['map', 'en', '420px', 'map', 'en']);
  await page.waitForFunction(() => window.__el.ready.then((i) => i.map.ready).then(() => true));
  assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
  assert.equal(Math.round(await page.evaluate(() => window.__el.getBoundingClientRect().height)), 420);

  // Moved to another tab of the app in one go: the same view carries on.
  const first = await page.evaluate(() => { window.__first = window.Passerelle.instances[0]; document.querySelector('#tab-b').append(window.__el); return window.__first.frames; });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__first.destroyed), false, 'a move is not a stop');
  assert.ok(first >= 1);

  // Removed (a tab closed), then put back later: stopped, then started again.
  await page.evaluate(() => window.__el.remove());
  await page.waitForFunction(() => window.__first.destroyed === true && window.Passerelle.instances.length === 0);
  assert.equal(await page.evaluate(() => window.__first.canvas.getContext('webgl2').isContextLost()), true);
  await page.evaluate(() => document.querySelector('#tab-a').append(window.__el));
  await page.waitForFunction(() => window.Passerelle.instances.length === 1 &&
    window.__el.getAttribute('data-passerelle-state') === 'ready', null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => window.__el.ready.then((i) => i !== window.__first && !i.destroyed)), true);
  await waitEmbedsIdle(page, 150);
  assert.equal(await byView(page, 'map', (i) => i.map.selected()), 'ML');
  assert.ok(await page.getByRole('button', { name: 'Mali' }).count() === 1, 'its mirror is back');
  assert.equal(page.url(), url);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The bundled pack with its body repeated: an article of well over 8,000 CSS px.
function longPack() {
  const pack = JSON.parse(JSON.stringify(FR));
  const prose = pack.page.body.filter((b) => b.type !== 'map' && !/\[\^/.test(b.text || ''));
  for (let k = 0; k < 9; k++) pack.page.body.push(...prose);
  return JSON.stringify(pack);
}

test('an 8,000-px article embedded at 3×: the canvas is the window\'s size, sharp, and follows the host\'s scroll', { timeout: 120000 }, async () => {
  const url = hostPage('long.html', `<h1>Un long article</h1>${tag(`data-view="page" data-pack="${env.base}/content/long.fr.json"`)}<p id="end">Fin.</p>`);
  const page = await newPage(env, { width: 600, height: 800, deviceScaleFactor: 3 });
  await page.route(`${env.base}/content/long.fr.json`, (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: longPack(), headers: { 'access-control-allow-origin': '*' } }));
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const height = await boxOf(page, 'page').evaluate((h) => h.getBoundingClientRect().height);
  assert.ok(height > 8000, `the article is ${height} CSS px tall`);
  // Deep inside the article: the canvas covers the window, at 3 device px per CSS px.
  await page.evaluate(() => window.scrollTo(0, document.querySelector('passerelle-embed').offsetTop + 6000));
  await waitEmbedsIdle(page, 150);
  const c = await byView(page, 'page', (i) => {
    const r = i.canvas.getBoundingClientRect();
    return { top: r.top, cssW: r.width, cssH: r.height, w: i.canvas.width, h: i.canvas.height, scroll: i.scrollTop() };
  });
  assert.ok(Math.abs(c.top) < 1, `the canvas sits at the window's top (${c.top})`);
  assert.ok(c.cssH <= 800 + 0.5, `the canvas is at most the window's height (${c.cssH})`);
  assert.equal(c.w, Math.round(c.cssW * 3), 'backing width at 3×');
  assert.equal(c.h, Math.round(c.cssH * 3), 'backing height at 3×');
  assert.ok(Math.abs(c.scroll - 6000) < 2, `the article is drawn from the host's scroll (${c.scroll})`);
  // Text is drawn there.
  const runs = await byView(page, 'page', (i) => i.visibleText().filter((r) => r.y > 0 && r.y < 700).length);
  assert.ok(runs > 5, `text on screen (${runs} runs)`);
  assert.ok(darkFraction(await regionPixels(page, { x: 0, y: 100, width: 300, height: 120 })) > 0.01, 'and painted');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a fixed-height page embed: the wheel scrolls the article, then hands over to the host at its end', { timeout: 120000 }, async () => {
  const url = hostPage('fixed.html', `<h1>Article</h1>${tag('data-view="page" data-height="400px"')}${'<p>Suite de l’article du site partenaire.</p>'.repeat(60)}`);
  const page = await newPage(env, { width: 900, height: 800 });
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const b = await boxOf(page, 'page').boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.Passerelle.instances[0].scrollTop() > 200, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the host stays while the article scrolls');
  // Turn after turn: the article scrolls to its end while the host stays; then the host
  // takes over, as with a native scrolling box.
  const max = await byView(page, 'page', (i) => i.contentSize().height - 400);
  assert.ok(max > 1500, `the article is taller than its box (${max} px more)`);
  let handedOver = false;
  for (let k = 0; k < 60 && !handedOver; k++) {
    const before = await byView(page, 'page', (i) => i.scrollTop());
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(60);
    if (await page.evaluate(() => window.scrollY) > 0) {
      handedOver = true;
      assert.ok(before >= max - 1, `the host scrolled only once the article was at its end (${before} of ${max})`);
    }
  }
  assert.ok(handedOver, 'the host page scrolled at the article\'s end');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// A slow one-finger drag of raw touch events (the browser scrolls what it would scroll), from
// (x, y0) to (x, y1) in 10-px steps; the finger rests before lifting, so nothing coasts.
async function fingerDrag(page, x, y0, y1) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === undefined ? [] : [{ x, y, id: 1 }] });
  await touch('touchStart', y0);
  const steps = Math.round(Math.abs(y1 - y0) / 10);
  for (let k = 1; k <= steps; k++) {
    await touch('touchMove', y0 + ((y1 - y0) * k) / steps);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  await touch('touchEnd');
  await cdp.detach();
}

test('a fixed-height page embed: one finger scrolls the article, then hands over to the host at its end', { timeout: 120000 }, async () => {
  const url = hostPage('fixed-touch.html', `<h1>Article</h1>${tag('data-view="page" data-height="400px"')}${'<p>Suite de l’article du site partenaire.</p>'.repeat(60)}`);
  const page = await newPage(env, { width: 900, height: 800, hasTouch: true });
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const b = await boxOf(page, 'page').boundingBox();
  const x = b.x + b.width / 2;
  // 200 px up inside the box: the article follows the finger, the host stays.
  await fingerDrag(page, x, b.y + 300, b.y + 100);
  await waitEmbedsIdle(page, 150);
  const top = await byView(page, 'page', (i) => i.scrollTop());
  assert.ok(Math.abs(top - 200) < 3, `the article followed the finger (${top})`);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the host stays while the article scrolls');
  // At the article's end (the wheel takes it there), a further drag scrolls the host by the
  // finger's move, and the article stays at its end.
  const max = await byView(page, 'page', (i) => i.contentSize().height - 400);
  assert.ok(max > 1500, `the article is taller than its box (${max} px more)`);
  await page.mouse.move(x, b.y + 200);
  await page.mouse.wheel(0, 100000);
  await page.waitForFunction((m) => window.Passerelle.instances[0].scrollTop() >= m - 0.5, max, { timeout: 5000 });
  await waitEmbedsIdle(page, 150);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the host stayed while the article went to its end');
  await fingerDrag(page, x, b.y + 300, b.y + 100);
  await waitEmbedsIdle(page, 150);
  const hostY = await page.evaluate(() => window.scrollY);
  assert.ok(hostY > 170 && hostY < 205, `the host page scrolled by the finger's move (${hostY})`);
  const end = await byView(page, 'page', (i) => i.scrollTop());
  assert.ok(end >= max - 0.5, `the article stayed at its end (${end} of ${max})`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('an auto-height page embed leaves one finger to the host page', { timeout: 120000 }, async () => {
  const url = hostPage('auto-touch.html', `<h1>Article</h1>${tag('data-view="page"')}${'<p>Suite de l’article du site partenaire.</p>'.repeat(60)}`);
  const page = await newPage(env, { width: 900, height: 800, hasTouch: true });
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['page', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const b = await boxOf(page, 'page').boundingBox();
  await fingerDrag(page, b.x + b.width / 2, 600, 400);
  await page.waitForFunction(() => window.scrollY > 150, null, { timeout: 5000 });
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the consent banner in English: its placeholder and its withdrawal notice speak English and stay out of the host\'s body', { timeout: 120000 }, async () => {
  const url = hostPage('consent-en.html', `<h1>A partner's site</h1>
<iframe data-passerelle-purpose="video" data-src="https://video.example/embed/partner" title="A video"></iframe>
${tag('data-view="consent" data-lang="en"')}`, 'fr');
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.context().route((u) => u.hostname.endsWith('.example'), (route) => route.abort());
  await page.goto(url);
  assert.deepEqual(await waitForEmbeds(page, 1), [['consent', 'ready']]);
  await waitEmbedsIdle(page, 150);
  const EN_BANNER = EN.consent.texts.en;
  assert.match(await page.locator('.passerelle-placeholder').textContent(), /Show the video/, 'the placeholder follows data-lang');
  await page.getByRole('dialog', { name: EN_BANNER.title }).getByRole('button', { name: EN_BANNER.accept_all, exact: true }).focus();
  await page.keyboard.press('Enter');
  await waitEmbedsIdle(page, 150);
  assert.equal(await page.locator('iframe').getAttribute('src'), 'https://video.example/embed/partner');
  // Withdrawn from the panel, by keyboard: the notice is said in the widget's own live region.
  await page.locator('h1').click();  // the visitor was reading the host page
  await page.evaluate(() => window.Passerelle.consent.show());
  // The panel is the canvas's: it starts now (the banner was HTML), and takes over.
  await page.waitForFunction(() => window.Passerelle.instances?.some((i) => i.view === 'consent' && i.consentView?.() === 'panel'), null, { timeout: 60000 });
  await waitEmbedsIdle(page, 150);
  assert.equal((await focused(page))[0], 'consent', 'the modal panel takes the focus');
  const panel = page.getByRole('dialog', { name: EN_BANNER.panel_title || /./ });
  await panel.getByRole('button', { name: EN_BANNER.refuse_all, exact: true }).first().focus();
  await page.keyboard.press('Enter');
  await waitEmbedsIdle(page, 150);
  const live = await boxOf(page, 'consent').evaluate((h) => [...h.shadowRoot.querySelectorAll('[aria-live]')].map((n) => n.textContent).join(' '));
  assert.match(live, /Reload the page/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.passerelle-live').length), 0, 'nothing added to the host\'s document');
  assert.match(await page.locator('.passerelle-placeholder').textContent(), /Show the video/, 'the placeholder is back, in English');
  assert.deepEqual(page.consoleErrors.filter((e) => !/ERR_FAILED|net::/.test(e)), []);
  await page.context().close();
});

test('a host that enforces Trusted Types: with the two named policies allowed the widget works; without, a clean failure keeps the excerpt', { timeout: 120000 }, async () => {
  const tt = (names) => `<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types ${names}">`;
  const body = `<passerelle-embed data-view="map"><p><a href="${env.base}/index.html">La page « International » de La Cimade</a></p></passerelle-embed>${tag('data-elements')}`;
  const ok = hostPage('tt-ok.html', body, 'fr', tt('passerelle passerelle-embed'));
  const page = await newPage(env, { width: 900, height: 800 });
  await page.goto(ok);
  assert.deepEqual(await waitForEmbeds(page, 1), [['map', 'ready']]);
  await waitEmbedsIdle(page, 150);
  assert.equal(await page.getByRole('button', { name: 'Mali' }).count(), 1, 'the mirror is filled');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();

  const refused = hostPage('tt-refused.html', body, 'fr', tt('other'));
  const p2 = await newPage(env, { width: 900, height: 800 });
  const uncaught = [];
  p2.on('pageerror', (e) => uncaught.push(String(e)));
  await p2.goto(refused);
  await p2.waitForTimeout(1500);
  assert.deepEqual(uncaught, [], 'no uncaught error');
  assert.ok(await p2.getByRole('link', { name: 'La page « International » de La Cimade' }).isVisible(), 'the excerpt and its link stay');
  assert.equal(await p2.evaluate(() => typeof window.Passerelle.embed), 'function');
  await p2.context().close();
});
