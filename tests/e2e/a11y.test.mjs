// Accessibility of the page (issue 6, "the semantic mirror"), in real Chromium: what axe-core
// reports, what the accessibility tree exposes, what a keyboard-only visitor, a visitor
// without JavaScript and an English reader get.
//
// The contract tested (the mirror is built by the C++ core and prerendered into dist/):
// - the prerendered HTML holds the whole article as real HTML (h1, h2, p, footnote links, the
//   map's country list as buttons with aria-pressed) and the consent banner as a
//   role="dialog" named by the pack's title, with real buttons; "Personnaliser" opens a panel
//   of role="switch" elements with aria-checked;
// - once the wasm is up the canvas is aria-hidden and the mirror is visually hidden but in the
//   accessibility tree; focus lives in the mirror and the canvas draws a ring on the focused
//   item; a polite live region announces a selected country and a saved consent;
// - ?lang=en is English everywhere, and a visible control leads to it;
// - window.Passerelle.instances[0].ready settles when the canvas is up, map.select(iso) selects.
//
// Roles and accessible names come from Chromium's accessibility tree (CDP
// Accessibility.getFullAXTree) or Playwright's role locators, not from CSS classes. Expected
// words are read from the content packs, so a rewording of the pack does not break the tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, openView, waitIdle, DIST } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const readPack = (lang) => JSON.parse(readFileSync(path.join(ROOT, `content/international.${lang}.json`), 'utf8'));
const FR = readPack('fr');

// From the French pack: the banner's words, the headings, the map's action countries.
const FR_BANNER = FR.consent.texts.fr;
const FR_BANNER_BUTTONS = [FR_BANNER.refuse_all, FR_BANNER.accept_all, FR_BANNER.customise, FR_BANNER.continue_without];
const headingsOf = (pack) => pack.page.body.filter((b) => b.type === 'heading').map((b) => ({ level: b.level, text: b.text }));
const countryName = (pack, iso) => {
  const c = pack.map.countries.find((x) => x.id === iso);
  return typeof c.name === 'string' ? c.name : c.name[pack.lang];
};
const ACTION_ISOS = FR.map.roles.filter((r) => r.id === 'migration' || r.id === 'peace').flatMap((r) => r.countries);
const FR_COUNTRIES = ACTION_ISOS.map((iso) => countryName(FR, iso));
const optionalPurposeNames = (pack, lang) => pack.consent.purposes.filter((p) => !p.required).map((p) => p.name[lang]);

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

// --- helpers (accessibility tree, axe, canvas pixels) ------------------------------------

// Opens the site with every address outside it refused (the tests are offline), waits for
// the view's first frame, for instances[0].ready, and for rest.
async function openReady(path = '/', options = {}) {
  const page = await newPage(env, options);
  await page.context().route((url) => !url.href.startsWith(env.base) && !url.href.startsWith('data:'),
    (route) => route.abort());
  const state = await openView(page, env, path);
  assert.equal(state, 'ready', `the view starts (state ${state}; console: ${page.consoleErrors.join(' | ')})`);
  // (ready resolves with the instance, whose module is far too big to send back: answer true)
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].ready.then(() => true)), true, 'instances[0].ready settles');
  await waitIdle(page, 150);
  page.cdp = await page.context().newCDPSession(page);
  return page;
}

// The accessibility tree as Chromium exposes it, flattened in document (depth-first) order,
// without ignored nodes. Each node: {role, name, props: {name: value}, parents: [nodes]}.
async function axTree(page) {
  const cdp = page.cdp || (page.cdp = await page.context().newCDPSession(page));
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const root = nodes.find((n) => !n.parentId) || nodes[0];
  const out = [];
  const walk = (n, parents) => {
    let here = parents;
    if (!n.ignored) {
      const props = {};
      for (const p of n.properties || []) props[p.name] = p.value?.value;
      const node = { role: n.role?.value ?? '', name: n.name?.value ?? '', props, parents, backendDOMNodeId: n.backendDOMNodeId };
      out.push(node);
      here = [...parents, node];
    }
    for (const id of n.childIds || []) if (byId.has(id)) walk(byId.get(id), here);
  };
  walk(root, []);
  return out;
}

const describe = (nodes) => nodes.filter((n) => !['StaticText', 'InlineTextBox', 'generic', 'none', 'ListMarker'].includes(n.role))
  .slice(0, 60).map((n) => `${n.role} "${n.name}"`).join(', ');
const hasRole = (ax, role, name) => ax.find((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));
// Every text the tree exposes (names and static text), for "no French word" checks.
const axTexts = (ax) => ax.map((n) => n.name).filter(Boolean);
// The text under each polite live region (aria-live="polite" or role="status").
function liveTexts(ax) {
  return ax.filter((n) => n.props.live === 'polite' && !n.parents.some((p) => p.props.live === 'polite'))
    .map((region) => ax.filter((n) => n.role === 'StaticText' && n.parents.includes(region)).map((n) => n.name).join(''));
}

// The role and accessible name of document.activeElement, from the accessibility tree.
async function focused(page) {
  const { result } = await page.cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  if (!result.objectId) return { role: '', name: '' };
  const { nodes } = await page.cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
  const n = nodes.find((x) => !x.ignored) || nodes[0];
  return { role: n?.role?.value ?? '', name: n?.name?.value ?? '' };
}

// The elements that Tab should reach, in document order: focusable (a[href], button, input,
// select, textarea, [tabindex] ≥ 0, not disabled), rendered (not display:none, not inside a
// hidden or inert subtree). Returned as {items: [{role, name, inMirror}] (role and name from
// the accessibility tree), start: the index the next Tab should reach}.
async function tabbables(page) {
  const { result } = await page.cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
      return [...document.querySelectorAll(sel)].filter((el) => {
        if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
        if (el.type === 'hidden') return false;
        return el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
      });
    })()`,
  });
  // Where the next Tab starts: after the focused element (or, for a focused element that is
  // not itself in the list, e.g. a heading given focus, the first one that follows it).
  const { result: start } = await page.cdp.send('Runtime.callFunctionOn', {
    objectId: result.objectId, returnByValue: true,
    functionDeclaration: `function () {
      const a = document.activeElement;
      if (!a || a === document.body || a === document.documentElement) return 0;
      return this.filter((el) => el === a || (a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)).length;
    }`,
  });
  const { result: props } = await page.cdp.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
  const items = [];
  for (const p of props.filter((x) => /^\d+$/.test(x.name)).sort((a, b) => a.name - b.name)) {
    const { nodes } = await page.cdp.send('Accessibility.getPartialAXTree', { objectId: p.value.objectId, fetchRelatives: false });
    const n = nodes.find((x) => !x.ignored) || nodes[0];
    const { result: inMirror } = await page.cdp.send('Runtime.callFunctionOn', {
      objectId: p.value.objectId, returnByValue: true,
      functionDeclaration: 'function () { return !!this.closest("[data-passerelle-mirror]"); }',
    });
    items.push({ role: n?.role?.value ?? '', name: n?.name?.value ?? '', inMirror: inMirror.value });
  }
  return { items, start: start.value };
}

// axe-core, injected from node_modules, on the whole document; the serious and critical
// violations, each with the elements it found. Evaluated through DevTools rather than added
// as a <script>: the page's Content-Security-Policy allows no inline script but its own.
async function axeSerious(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
const showViolations = (vs) => vs.map((v) => `\n  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`).join('');

// The canvas region as a PNG (identical pixels give identical bytes).
async function canvasShot(page) {
  const box = await page.evaluate(() => {
    const r = window.Passerelle.instances[0].canvas.getBoundingClientRect();
    return { x: Math.max(0, r.left), y: Math.max(0, r.top), width: Math.min(r.width, innerWidth), height: Math.min(r.height, innerHeight) };
  });
  return page.screenshot({ clip: box });
}

const bannerDialog = (ax, title = FR_BANNER.title) => hasRole(ax, 'dialog', title) || hasRole(ax, 'alertdialog', title);
const consentCookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');

// Refuses through the mirror, as a keyboard or screen-reader user does: focus the banner's
// real button, press Enter.
async function refuseWithKeyboard(page, label = FR_BANNER.refuse_all) {
  const button = page.getByRole('dialog', { name: FR_BANNER.title }).getByRole('button', { name: label, exact: true });
  assert.equal(await button.count(), 1, `the banner has one "${label}" button; tree: ${describe(await axTree(page))}`);
  await button.focus();
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
}

// --- (a) axe-core ------------------------------------------------------------------------

test('axe: no serious or critical violation with the banner open, closed, and a country selected', { timeout: 120000 }, async () => {
  const page = await openReady('/');
  // Banner open: the dialog must be there, or this state would be checked vacuously.
  let ax = await axTree(page);
  assert.ok(bannerDialog(ax), `banner open: a dialog named "${FR_BANNER.title}" is in the accessibility tree; tree: ${describe(ax)}`);
  let serious = await axeSerious(page);
  assert.deepEqual(serious, [], `banner open: axe found ${serious.length} serious/critical violation(s):${showViolations(serious)}`);

  // Banner closed, after refusing.
  await refuseWithKeyboard(page);
  ax = await axTree(page);
  assert.ok(!bannerDialog(ax), 'banner closed: the dialog left the accessibility tree');
  assert.ok(await consentCookie(page), 'banner closed: the refusal was recorded');
  serious = await axeSerious(page);
  assert.deepEqual(serious, [], `banner closed: axe found ${serious.length} serious/critical violation(s):${showViolations(serious)}`);

  // A country selected (Mali): its button says so.
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].map.select('ML')), true, 'map.select("ML")');
  await waitIdle(page, 150);
  const mali = countryName(FR, 'ML');
  ax = await axTree(page);
  const button = ax.find((n) => n.role === 'button' && n.name === mali);
  assert.ok(button, `country selected: a "${mali}" button; tree: ${describe(ax)}`);
  assert.equal(button.props.pressed, 'true', `"${mali}" is aria-pressed="true"`);
  for (const other of FR_COUNTRIES.filter((c) => c !== mali)) {
    const b = ax.find((n) => n.role === 'button' && n.name === other);
    assert.equal(b?.props.pressed, 'false', `"${other}" is a button with aria-pressed="false"`);
  }
  assert.ok(liveTexts(ax).some((t) => t.includes(mali)), `a polite live region announces ${mali}; live: ${JSON.stringify(liveTexts(ax))}`);
  serious = await axeSerious(page);
  assert.deepEqual(serious, [], `country selected: axe found ${serious.length} serious/critical violation(s):${showViolations(serious)}`);
  await page.context().close();
});

// --- (b) the accessibility tree ----------------------------------------------------------

test('the accessibility tree has the headings, the footnote link, the banner and the country list; the canvas is hidden from it', { timeout: 120000 }, async () => {
  const page = await openReady('/');
  const ax = await axTree(page);
  const tree = describe(ax);

  // The canvas is a picture of the mirror: hidden from assistive technology.
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].canvas.getAttribute('aria-hidden')), 'true', 'canvas aria-hidden="true"');
  assert.ok(!ax.some((n) => n.role === 'canvas'), 'no canvas in the tree');

  // Headings: the title (h1) then the pack's section headings, in reading order.
  const headings = ax.filter((n) => n.role === 'heading');
  const h1 = headings.find((n) => n.props.level === 1 && n.name === FR.page.title);
  assert.ok(h1, `h1 "${FR.page.title}"; headings: ${headings.map((h) => `h${h.props.level} "${h.name}"`).join(', ')}`);
  let from = headings.indexOf(h1);
  for (const h of headingsOf(FR)) {
    const i = headings.findIndex((n, k) => k > from && n.props.level === h.level && n.name === h.text);
    assert.ok(i > from, `h${h.level} "${h.text}" after the previous heading; headings: ${headings.map((x) => `h${x.props.level} "${x.name}"`).join(', ')}`);
    from = i;
  }
  // The lead is text in the tree (find-in-page and screen readers read it).
  assert.ok(ax.some((n) => n.role === 'StaticText' && n.name.includes(FR.page.lead.slice(0, 60))), 'the lead is text in the tree');

  // The footnote: a link (with a #fragment) from the text to the note, and the note's text.
  const links = ax.filter((n) => n.role === 'link');
  const note = FR.page.footnotes[0];
  const noteLinks = await page.evaluate((noteStart) => [...document.querySelectorAll('a[href*="#"]')]
    .filter((a) => { const t = a.hash && document.getElementById(decodeURIComponent(a.hash.slice(1))); return t && t.textContent.includes(noteStart); })
    .map((a) => a.getAttribute('href')), note.text.slice(0, 40));
  assert.ok(noteLinks.length >= 1, `a link points at the footnote "${note.text.slice(0, 40)}…"`);
  assert.ok(links.some((l) => typeof l.props.url === 'string' && noteLinks.some((h) => l.props.url.endsWith(h))),
    `the footnote link is a link in the tree; links: ${links.map((l) => `"${l.name}" ${l.props.url}`).join(', ')}`);
  assert.ok(ax.some((n) => n.role === 'StaticText' && n.name.includes(note.text.slice(0, 40))), 'the footnote text is in the tree');

  // The consent banner: a dialog named by its title, with its real buttons inside it.
  const dialog = bannerDialog(ax);
  assert.ok(dialog, `dialog "${FR_BANNER.title}"; tree: ${tree}`);
  for (const label of FR_BANNER_BUTTONS) {
    assert.ok(ax.some((n) => n.role === 'button' && n.name === label && n.parents.includes(dialog)),
      `button "${label}" inside the dialog; tree: ${tree}`);
  }

  // The map's country list: one toggle button per country, none pressed yet.
  for (const name of FR_COUNTRIES) {
    const b = ax.find((n) => n.role === 'button' && n.name === name);
    assert.ok(b, `country button "${name}"; tree: ${tree}`);
    assert.equal(b.props.pressed, 'false', `"${name}" has aria-pressed="false"`);
  }

  // Visually hidden once the canvas is up: the h1 is not painted as HTML over the canvas
  // (clipped to nothing, transparent, or under the canvas).
  const hidden = await page.getByRole('heading', { level: 1, name: FR.page.title }).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width <= 2 || r.height <= 2 || s.clipPath !== 'none' || s.clip !== 'auto' || Number(s.opacity) === 0 ||
      !top || !el.contains(top);
  });
  assert.ok(hidden, 'the mirror is visually hidden while the canvas shows the page');
  await page.context().close();
});

test('"Personnaliser" opens a panel of switches with aria-checked, and Space toggles one', { timeout: 120000 }, async () => {
  const page = await openReady('/');
  const customise = page.getByRole('dialog', { name: FR_BANNER.title }).getByRole('button', { name: FR_BANNER.customise, exact: true });
  assert.equal(await customise.count(), 1, `a "${FR_BANNER.customise}" button in the banner; tree: ${describe(await axTree(page))}`);
  await customise.focus();
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  const ax = await axTree(page);
  const switches = ax.filter((n) => n.role === 'switch');
  const names = optionalPurposeNames(FR, 'fr');
  for (const name of names) {
    const s = switches.find((n) => n.name.includes(name));
    assert.ok(s, `a switch "${name}"; switches: ${switches.map((n) => `"${n.name}" ${n.props.checked}`).join(', ') || 'none'}`);
    assert.equal(s.props.checked, 'false', `"${name}" starts unchecked (aria-checked="false")`);
  }
  const first = page.getByRole('switch', { name: names[0] });
  await first.focus();
  await page.keyboard.press('Space');
  // The mirror is rewritten after the core's frame: on a loaded machine that can take longer
  // than one quiet period, so poll the tree (bounded) rather than read it once.
  let after;
  for (let i = 0; i < 40 && after?.props.checked !== 'true'; i++) {
    await waitIdle(page, 150);
    after = (await axTree(page)).find((n) => n.role === 'switch' && n.name.includes(names[0]));
  }
  assert.equal(after?.props.checked, 'true', `Space checks "${names[0]}"`);
  await page.context().close();
});

// --- (c) keyboard only -------------------------------------------------------------------

test('keyboard only: Tab reaches "Tout refuser" first, Enter refuses, Tab walks the page with a ring on the canvas', { timeout: 180000 }, async () => {
  const page = await openReady('/');
  // At rest the canvas does not change by itself, so a pixel change below comes from the key.
  const rest = await canvasShot(page);
  await page.waitForTimeout(300);
  assert.ok(rest.equals(await canvasShot(page)), 'the canvas is still at rest');

  await page.keyboard.press('Tab');
  await waitIdle(page, 150);
  const first = await focused(page);
  assert.deepEqual(first, { role: 'button', name: FR_BANNER.refuse_all }, `the first Tab lands on "${FR_BANNER.refuse_all}"`);
  const ringed = await canvasShot(page);
  assert.ok(!ringed.equals(rest), 'the canvas draws the focus on the banner button');

  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  const ax = await axTree(page);
  assert.ok(!bannerDialog(ax), 'Enter closed the banner: no dialog in the tree');
  const cookie = await consentCookie(page);
  assert.ok(cookie, 'the consent cookie passerelle_consent is written');
  assert.deepEqual(await focused(page), { role: 'button', name: FR_BANNER.manage },
    'the focus moves to what replaces the banner: "Gérer mes cookies"');
  assert.ok(liveTexts(ax).some((t) => t.includes(FR_BANNER.saved_notice)),
    `a polite live region says "${FR_BANNER.saved_notice}"; live: ${JSON.stringify(liveTexts(ax))}`);

  // What Tab should walk now: every focusable element, in document order, from where the
  // focus went when the banner closed (the start of the page, or the element given focus).
  const { items: expected, start } = await tabbables(page);
  const names = expected.map((e) => e.name);
  assert.ok(!names.includes(FR_BANNER.refuse_all), 'the closed banner is out of the Tab order');
  const walk = expected.slice(start, start + 30);
  const walkNames = walk.map((e) => e.name);
  for (const c of FR_COUNTRIES) {
    assert.ok(walkNames.includes(c), `"${c}" is reached by Tab after the banner; focusable: ${JSON.stringify(names)}, first Tab goes to #${start}`);
  }
  const got = [];
  let before = await canvasShot(page);
  for (const e of walk) {
    await page.keyboard.press('Tab');
    await waitIdle(page, 150);
    const f = await focused(page);
    got.push(f.name);
    assert.deepEqual(got, walkNames.slice(0, got.length), `Tab order follows the document (expected ${JSON.stringify(walkNames)})`);
    const now = await canvasShot(page);
    if (e.inMirror) assert.ok(!now.equals(before), `Tab to "${f.name}" changes the canvas (focus ring)`);
    before = now;
  }
  await page.context().close();
});

// --- (d) without JavaScript --------------------------------------------------------------

test('without JavaScript the article and the banner are in the page and readable', { timeout: 60000 }, async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(env.base + '/');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

  // Shown: a non-empty box, and for what is in the first screen, not covered by anything.
  async function readable(locator, what, onTop = true) {
    assert.ok(await locator.count() >= 1, `${what} is in the prerendered HTML`);
    const el = locator.first();
    await el.scrollIntoViewIfNeeded();
    const box = await el.boundingBox();
    assert.ok(box && box.width > 2 && box.height > 2, `${what} has a visible box (${JSON.stringify(box)})`);
    if (onTop) {
      const top = await el.evaluate((node) => {
        const r = node.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (node.contains(hit) || hit.contains(node));
      });
      assert.ok(top, `${what} is not covered`);
    }
  }
  await readable(page.getByRole('heading', { level: 1, name: FR.page.title }), `the title "${FR.page.title}"`);
  await readable(page.getByText(FR.page.lead.slice(0, 60)), 'the lead', false);
  await readable(page.getByText(FR.page.footnotes[0].text.slice(0, 40)), 'the footnote text', false);
  const dialog = page.getByRole('dialog', { name: FR_BANNER.title });
  await readable(dialog, `the banner "${FR_BANNER.title}"`, false);
  for (const label of FR_BANNER_BUTTONS) {
    await readable(dialog.getByRole('button', { name: label, exact: true }), `the banner's "${label}" button`);
  }
  await context.close();
});

// --- (e) English -------------------------------------------------------------------------

test('?lang=en is English everywhere, and a visible control leads to it', { timeout: 120000 }, async () => {
  const EN = readPack('en');
  const enBanner = FR.consent.texts.en;

  // On the French page: a language control whose target is the English page.
  const fr = await openReady('/');
  assert.equal(await fr.evaluate(() => document.documentElement.lang), 'fr');
  const controls = await fr.evaluate(() => [...document.querySelectorAll('a[href]')]
    .filter((a) => a.hreflang === 'en' || /[?&]lang=en\b|\.en\.html\b/.test(a.getAttribute('href')))
    .map((a) => ({ href: a.href, text: a.textContent.trim(), box: (({ width, height }) => ({ width, height }))(a.getBoundingClientRect()) })));
  assert.ok(controls.length >= 1, 'a link to the English page (hreflang="en", ?lang=en or .en.html)');
  const ax = await axTree(fr);
  const control = controls.find((c) => ax.some((n) => n.role === 'link' && n.props.url === c.href && n.name));
  assert.ok(control, `the language link is named in the accessibility tree; candidates: ${JSON.stringify(controls)}`);
  const drawn = await fr.evaluate(() => window.Passerelle.instances[0].visibleText());
  const drawnControl = control.text && drawn.some((r) => r.text.trim() === control.text || (r.link && r.text.includes(control.text)));
  assert.ok((control.box.width > 2 && control.box.height > 2) || drawnControl,
    `the language control "${control.text}" is visible (as HTML or drawn on the canvas)`);
  await fr.context().close();

  const page = await openReady('/?lang=en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', '<html lang="en">');
  const tree = await axTree(page);
  const h1 = tree.find((n) => n.role === 'heading' && n.props.level === 1);
  assert.equal(h1?.name, EN.page.title, 'the English h1');
  assert.ok(tree.some((n) => n.role === 'StaticText' && n.name.includes(EN.page.lead.slice(0, 60))), `the English lead "${EN.page.lead.slice(0, 60)}…"`);
  for (const h of headingsOf(EN)) assert.ok(hasRole(tree, 'heading', h.text), `English heading "${h.text}"`);
  const dialog = bannerDialog(tree, enBanner.title);
  assert.ok(dialog, `the banner is the dialog "${enBanner.title}"; tree: ${describe(tree)}`);
  for (const label of [enBanner.refuse_all, enBanner.accept_all, enBanner.customise, enBanner.continue_without]) {
    assert.ok(tree.some((n) => n.role === 'button' && n.name === label && n.parents.includes(dialog)), `English button "${label}" in the banner`);
  }
  const texts = axTexts(tree);
  const french = [FR_BANNER.title, ...FR_BANNER_BUTTONS, ...headingsOf(FR).map((h) => h.text), FR.page.lead.slice(0, 40)];
  for (const word of french) assert.ok(!texts.some((t) => t.includes(word)), `no French "${word}" in the English page's tree`);
  // The drawn page is English too.
  const drawn2 = await page.evaluate(() => window.Passerelle.instances[0].visibleText().map((r) => r.text).join(' '));
  for (const word of [FR_BANNER.refuse_all, headingsOf(FR)[0].text]) assert.ok(!drawn2.includes(word), `the canvas draws no "${word}"`);
  await page.context().close();

  // The prerendered English page, where the build writes one.
  if (existsSync(path.join(DIST, 'index.en.html'))) {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(env.base + '/index.en.html');
    assert.equal(await p.evaluate(() => document.documentElement.lang), 'en', 'the prerendered English page says lang="en"');
    assert.equal(await p.getByRole('button', { name: enBanner.refuse_all, exact: true }).count(), 1, 'its banner is English');
    await context.close();
  }
});
