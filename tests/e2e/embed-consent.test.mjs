// The consent embed's HTML-first banner (issue 16) in real headless Chromium, driven like a
// visitor: on a first visit the banner is the core's prerendered HTML (consent-banner.js and
// its kit), seen and answerable by mouse and keyboard before any wasm is requested; the choice
// writes the consent cookie in the core's format (the canvas, started later for the settings
// panel, reads it back), runs the host's gated script and sends the same proof of consent;
// the settings panel is the canvas's, which takes over; English, dark, forced colours, a
// strict CSP; Global Privacy Control and a return visit are the canvas's from the start; a
// kit that cannot be downloaded shows the box's error, never a blank.
//
// "Before its banner can be answered" is counted from the partner's tag: embed.js and every
// request after it until the banner's buttons work (the widget marks that moment,
// performance mark passerelle:consent-answerable); the host page itself is not counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, regionPixels, darkFraction, routeHostPage, waitEmbedsIdle } from './harness.mjs';
import { CONSENT_LOG_BIN } from '../../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pack = (lang) => JSON.parse(readFileSync(path.join(root, `content/international.${lang}.json`), 'utf8'));
const FR = pack('fr').consent.texts.fr;
const EN = pack('en').consent.texts.en;

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const STRICT_CSP = `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; default-src 'self'; img-src 'self' data:">`;

// A host page: a heading, a button, a gated script, and the consent tag.
function host(lang, attrs, head = '') {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}<title>Hôte</title>
<link rel="icon" href="data:,"></head><body><h1>Un site partenaire</h1>
<button id="host-button">Un bouton du site</button>
<script type="text/plain" data-passerelle-purpose="audience" src="/fixtures/gated-audience.js"></script>
<script src="/embed.js" data-view="consent" ${attrs}></script></body></html>`;
}

// Records CSP violations from before the first script.
function watchViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

// The requests from embed.js to the moment the banner became answerable (resource timing,
// same origin): [{name, bytes (encoded body)}].
async function beforeAnswerable(page) {
  await page.waitForFunction(() => performance.getEntriesByName('passerelle:consent-answerable').length > 0, null, { timeout: 30000 });
  return page.evaluate(() => {
    const at = performance.getEntriesByName('passerelle:consent-answerable')[0].startTime;
    const all = performance.getEntriesByType('resource');
    const from = all.find((e) => /\/embed(\.[0-9a-f]{8})?\.js$/.test(e.name)).startTime;
    return all.filter((e) => e.startTime >= from && e.startTime <= at)
      .map((e) => ({ name: new URL(e.name).pathname, bytes: e.encodedBodySize, done: e.responseEnd <= at, start: e.startTime, end: e.responseEnd }));
  });
}

const box = (page) => page.locator('passerelle-embed');
const wasmRequested = (page) => page.requests.some((u) => /\.wasm(\?|$)/.test(u));
const consentCookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');

test('first visit: the HTML banner is seen and answered by a click before any wasm; the choice is the core\'s cookie and runs the host\'s script', { timeout: 120000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.route(env.base + '/fixtures/gated-audience.js', (r) => r.fulfill({ contentType: 'text/javascript', body: 'window.gatedRuns = (window.gatedRuns || 0) + 1;' }));
  await watchViolations(page);
  await page.goto(await routeHostPage(page, env, '/embed/consent-html.html', host('fr', 'data-lang="fr"', STRICT_CSP)));
  const list = await beforeAnswerable(page);
  // The structure of the first screen: at most five requests and 80 KB, none of them the
  // wasm, a font or the pack.
  assert.ok(list.length <= 5, `${list.length} requests before the banner is answerable: ${list.map((e) => e.name).join(', ')}`);
  assert.ok(list.every((e) => e.done), 'each of them has arrived');
  const bytes = list.reduce((a, e) => a + e.bytes, 0);
  assert.ok(bytes > 0 && bytes <= 80 * 1024, `${bytes} bytes before the banner is answerable`);
  assert.ok(!list.some((e) => /\.(wasm|ttf)$|\/content\//.test(e.name)), list.map((e) => e.name).join(', '));
  assert.ok(list.some((e) => /^\/consent-banner\.fr\.[0-9a-f]{8}\.json$/.test(e.name)), 'the French kit');
  // Two round trips, not three: embed.js asks for the banner's files beside the widget's code.
  const widget = list.find((e) => /^\/embed-widget\./.test(e.name));
  for (const e of list.filter((x) => /^\/consent-/.test(x.name))) assert.ok(e.start < widget.end, `${e.name} asked for before the widget arrived`);

  // A dialog named by its title, with the four choices as real buttons; the focus stays the host's.
  const dialog = box(page).getByRole('dialog', { name: FR.title });
  await dialog.waitFor();
  for (const name of [FR.refuse_all, FR.accept_all, FR.customise]) assert.ok(await dialog.getByRole('button', { name, exact: true }).isVisible(), name);
  assert.ok(await dialog.getByRole('button', { name: new RegExp(FR.continue_without) }).isVisible());
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'the banner does not take the focus');
  // Seen: at the bottom of the window, painted in the accent colour; the host above stays usable.
  const accept = await dialog.getByRole('button', { name: FR.accept_all, exact: true }).boundingBox();
  assert.ok(accept.y > 400, `the banner is at the bottom (y ${accept.y})`);
  assert.ok(darkFraction(await regionPixels(page, accept), 250) > 0.3, 'the button is painted');
  await page.locator('#host-button').click();
  assert.equal(await page.evaluate(() => window.gatedRuns), undefined, 'nothing gated before a choice');
  assert.equal(await consentCookie(page), undefined);

  await dialog.getByRole('button', { name: FR.accept_all, exact: true }).click();
  await page.waitForFunction(() => window.gatedRuns === 1);
  const cookie = await consentCookie(page);
  assert.ok(cookie, 'the choice is stored on the host');
  assert.match(cookie.value, /^1\.1\.\d{10}\.[0-9a-f]{32}\.fr\.necessary:1\|audience:1\|video:1\.[0-9a-f]{8}$/);
  assert.equal(wasmRequested(page), false, 'no wasm was requested for the choice');
  assert.equal(await box(page).getByRole('dialog').count(), 0, 'the banner is gone');
  const record = await page.evaluate(() => window.Passerelle.consent.get());
  assert.equal(record.choices.audience, true);

  // "Gérer mes cookies": the canvas starts, reads the cookie back (accepted: the panel's
  // switches are on) and shows its panel, which takes the focus (modal).
  await box(page).getByRole('button', { name: FR.manage }).click();
  await page.waitForFunction(() => window.Passerelle.instances?.[0]?.consentView?.() === 'panel', null, { timeout: 60000 });
  await waitEmbedsIdle(page, 150);
  assert.ok(wasmRequested(page), 'the panel is the canvas\'s');
  const panel = box(page).getByRole('dialog', { name: FR.panel_title });
  assert.equal(await panel.count(), 1, 'one panel, the canvas\'s mirror (the HTML banner left)');
  const switches = await panel.getByRole('switch').evaluateAll((s) => s.map((x) => x.getAttribute('aria-checked')));
  assert.ok(switches.length >= 2 && switches.every((v) => v === 'true'), `the core read the HTML's record: ${switches}`);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'PASSERELLE-EMBED', 'the modal panel takes the focus');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
  assert.deepEqual(page.consoleErrors, []);

  // The next page view: a choice to check, so the canvas (the core) decides; no banner.
  page.requests.length = 0;
  await page.reload();
  await page.waitForFunction(() => window.Passerelle.instances?.[0]?.consentView?.() === 'hidden', null, { timeout: 60000 });
  await page.waitForFunction(() => window.gatedRuns === 1);  // the recorded choice runs the script again
  assert.equal(await box(page).getByRole('dialog').count(), 0, 'no banner on the next page view');
  assert.ok(!page.requests.some((u) => /consent-banner\./.test(u)), 'nor its files');
  await page.context().close();
});

test('English, dark, keyboard only: refused from the keyboard before any wasm, the focus on "Manage cookies", the choice said in the box, its proof kept', { timeout: 120000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.goto(await routeHostPage(page, env, '/embed/consent-en.html', host('fr', 'data-lang="en" data-theme="dark" data-consent-log="/consent-log"')));
  await beforeAnswerable(page);
  const dialog = box(page).getByRole('dialog', { name: EN.title });
  await dialog.waitFor();
  assert.equal(wasmRequested(page), false);
  assert.match(page.requests.find((u) => /consent-banner\.[a-z]+\./.test(u) && u.endsWith('.json')), /consent-banner\.en\./);
  // Dark: the banner's surface is dark.
  const bg = await dialog.evaluate((d) => getComputedStyle(d).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 3 * 80, `a dark surface (${bg})`);
  // Keyboard: from the host's button, Tab reaches the banner's buttons (end of the host's order).
  await page.locator('#host-button').focus();
  let name = '';
  for (let i = 0; i < 6 && name !== EN.refuse_all; i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent || '');
  }
  assert.equal(name, EN.refuse_all);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.Passerelle.consent.get() !== null);
  assert.match((await consentCookie(page)).value, /\.en\.necessary:1\|audience:0\|video:0\.[0-9a-f]{8}$/);
  assert.equal(wasmRequested(page), false, 'the refusal needed no wasm');
  assert.equal(await page.evaluate(() => window.gatedRuns), undefined, 'refused: the script stays held');
  // The proof of consent, as the canvas sends it: the service keeps it, with the hash of the
  // English banner's texts.
  await page.waitForFunction(() => window.Passerelle.consent.lastProof);
  const proof = await page.evaluate(async () => ({ id: window.Passerelle.consent.get().id, status: await window.Passerelle.consent.lastProof }));
  assert.equal(proof.status, 201);
  const shown = execFileSync(CONSENT_LOG_BIN, ['show', proof.id, '--db', env.consentDb, '--pack', path.join(root, 'content/international.en.json')], { encoding: 'utf8' });
  assert.match(shown, /action: refuse_all\n/);
  assert.match(shown, /texts: as in international\.en\.json, policy 1, en\n/);
  // The focus moved to "Manage cookies", where the visitor is.
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent), EN.manage);
  const live = await box(page).evaluate((h) => [...h.shadowRoot.querySelectorAll('[aria-live]')].map((n) => n.textContent).join(' '));
  assert.equal(live, EN.saved_notice, 'the choice is said in the box\'s own live region');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('"Personnaliser" before a choice: the canvas takes over with its panel, and the switches start off (CNIL)', { timeout: 120000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.goto(await routeHostPage(page, env, '/embed/consent-custom.html', host('fr', '')));
  await beforeAnswerable(page);
  assert.equal(wasmRequested(page), false);
  await box(page).getByRole('dialog', { name: FR.title }).getByRole('button', { name: FR.customise, exact: true }).click();
  await page.waitForFunction(() => window.Passerelle.instances?.[0]?.consentView?.() === 'panel', null, { timeout: 60000 });
  await waitEmbedsIdle(page, 150);
  const panel = box(page).getByRole('dialog', { name: FR.panel_title });
  const switches = await panel.getByRole('switch').evaluateAll((s) => s.map((x) => x.getAttribute('aria-checked')));
  assert.ok(switches.length >= 2 && switches.every((v) => v === 'false'), `no pre-ticked box: ${switches}`);
  assert.equal(await consentCookie(page), undefined, 'opening the panel is no choice');
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].canvas.style.clipPath), 'none', 'the panel is the whole window');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a kit that cannot be downloaded: the box says so (the existing error), never a blank, and nothing is granted', { timeout: 60000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.route(/consent-banner\.fr\.[0-9a-f]{8}\.json$/, (r) => r.abort());
  await page.goto(await routeHostPage(page, env, '/embed/consent-fail.html', host('fr', '')));
  await page.waitForSelector('passerelle-embed[data-passerelle-state="error"]');
  const alert = box(page).getByRole('alert');
  assert.match(await alert.textContent(), /Le bandeau des cookies n’a pas pu s’afficher/);
  assert.ok(await alert.isVisible());
  assert.equal(await page.evaluate(() => window.gatedRuns), undefined);
  assert.equal(await consentCookie(page), undefined);
  await page.context().close();
});

test('Global Privacy Control: the canvas (the core) shows the banner, which says the switches start off', { timeout: 120000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800 });
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.goto(await routeHostPage(page, env, '/embed/consent-gpc.html', host('fr', '')));
  await page.waitForFunction(() => window.Passerelle.instances?.[0]?.consentView?.() === 'banner', null, { timeout: 60000 });
  assert.ok(wasmRequested(page), 'the canvas decides');
  assert.ok(!page.requests.some((u) => /consent-banner\.[a-z]+\.[0-9a-f]{8}\.json/.test(u)), 'no kit for a banner that is not shown');
  await page.waitForFunction((t) => document.querySelector('passerelle-embed').shadowRoot.textContent.includes(t), FR.gpc_notice.slice(0, 40));
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('forced colours: the HTML banner keeps the system\'s colours and is answered', { timeout: 60000 }, async () => {
  const page = await newPage(env, { width: 1000, height: 800, forcedColors: 'active' });
  await page.goto(await routeHostPage(page, env, '/embed/consent-forced.html', host('fr', '')));
  await beforeAnswerable(page);
  const refuse = box(page).getByRole('dialog', { name: FR.title }).getByRole('button', { name: FR.refuse_all, exact: true });
  assert.notEqual(await refuse.evaluate((b) => getComputedStyle(b).borderTopStyle), 'none', 'a button is outlined in ButtonText');
  await refuse.click();
  await page.waitForFunction(() => window.Passerelle.consent.get() !== null);
  assert.equal(wasmRequested(page), false);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
