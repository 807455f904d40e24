// The standalone page's prerendered banner answered before the canvas (issue 16: "a click on
// 'Tout refuser' waits"): on a first visit, Tout accepter / Tout refuser / Continuer sans
// accepter are recorded at once by consent-record.js (the consent embed's code), from the
// page's data block; the canvas then reads the cookie and shows no banner.  Every other case
// (a cookie already there, Global Privacy Control) keeps the click for the core, as before.
// The wasm is held back with a route, so "before the canvas" is certain, not a race.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, waitView, waitIdle } from './harness.mjs';
import { CONSENT_LOG_BIN } from '../../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packFile = (lang) => path.join(root, `content/international.${lang}.json`);
const texts = (lang) => JSON.parse(readFileSync(packFile(lang), 'utf8')).consent.texts[lang];
const FR = texts('fr'), EN = texts('en');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

// The third parties of the page's demo (offline), counted.
async function thirdParties(page) {
  const hits = [];
  await page.context().route(/^https:\/\/(audience|video)\.example\//, (route) => {
    hits.push(route.request().url());
    route.fulfill({ contentType: 'text/javascript', body: '' });
  });
  return hits;
}

// Opens the page with its wasm held back until release(): the prerendered HTML is the page.
async function openHeld(page, urlPath = '/') {
  let release;
  const held = new Promise((r) => { release = r; });
  const asked = [];
  await page.route(/passerelle(\.[0-9a-f]{8})?\.wasm$/, async (route) => { asked.push(route); await held; await route.continue(); });
  await page.goto(env.base + urlPath);
  await page.waitForFunction(() => window.Passerelle && window.Passerelle.instances && window.Passerelle.instances.length > 0);
  return { release: () => release(), asked };
}

const canvasOn = (page) => page.evaluate(() => document.documentElement.classList.contains('passerelle-canvas-on'));
const consentCookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');
const record = (page) => page.evaluate(() => window.Passerelle.consent.get());
const liveText = (page) => page.evaluate(() => [...document.querySelectorAll('.passerelle-live')].map((n) => n.textContent).join(' '));

// After release: the canvas is up, shows no banner, and holds the same record (read from the
// cookie, not decided again).
async function canvasAgrees(page, release, early) {
  release();
  assert.equal(await waitView(page), 'ready');
  await waitIdle(page, 150);
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentView()), 'hidden', 'the canvas shows no banner');
  const r = await record(page);
  assert.equal(r.id, early.id, 'the canvas read the early record back from the cookie');
  assert.deepEqual(r.choices, early.choices);
  assert.equal((await consentCookie(page)).value, early.cookie, 'the cookie was not written again');
}

test('first visit, "Tout refuser" before the canvas: recorded at once in the core\'s format, its proof kept, nothing gated; the canvas agrees', { timeout: 120000 }, async () => {
  const page = await newPage(env, { width: 1760, height: 900 });
  const hits = await thirdParties(page);
  const { release, asked } = await openHeld(page);
  const dialog = page.getByRole('dialog', { name: FR.title });
  await dialog.waitFor();
  assert.equal(await canvasOn(page), false, 'the canvas has not taken over');
  await page.getByRole('button', { name: FR.refuse_all }).click();
  assert.equal(await dialog.count(), 0, 'the banner closes at once');
  const c = await consentCookie(page);
  assert.ok(c, 'the choice is written at once, before the wasm');
  assert.match(c.value, /^1\.1\.\d{10}\.[0-9a-f]{32}\.fr\.necessary:1\|audience:0\|video:0\.[0-9a-f]{8}$/);
  assert.equal(c.sameSite, 'Lax');
  assert.ok(c.expires - Date.now() / 1000 > 170 * 86400, 'kept about 6 months');
  const early = await record(page);
  assert.equal(early.choices.audience, false);
  assert.equal(await liveText(page), FR.saved_notice, 'the choice is said in the page\'s live region');
  assert.equal(await canvasOn(page), false, 'still before the canvas');
  // The proof, exactly as the canvas's: the service keeps it with the French texts' hash.
  await page.waitForFunction(() => window.Passerelle.consent.lastProof);
  assert.equal(await page.evaluate(() => window.Passerelle.consent.lastProof), 201);
  const shown = execFileSync(CONSENT_LOG_BIN, ['show', early.id, '--db', env.consentDb, '--pack', packFile('fr')], { encoding: 'utf8' });
  assert.match(shown, /action: refuse_all\n/);
  assert.match(shown, /texts: as in international\.fr\.json, policy 1, fr\n/);
  assert.ok(asked.length >= 1, 'the wasm was on its way, held back');
  await canvasAgrees(page, release, { ...early, cookie: c.value });
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
  assert.deepEqual(hits, [], 'no third-party request');
  assert.deepEqual(page.consoleErrors, []);

  // The return visit, as today: the cookie hides the prerendered banner, the canvas reads it.
  const again = await openHeld(page);
  assert.equal(await page.getByRole('dialog', { name: FR.title }).count(), 0, 'no banner on a return visit');
  await canvasAgrees(page, again.release, { ...early, cookie: c.value });
  assert.deepEqual(hits, []);
  await page.context().close();
});

test('first visit, keyboard only: Tab to "Tout refuser", Enter: recorded before the canvas', { timeout: 120000 }, async () => {
  const page = await newPage(env);
  const hits = await thirdParties(page);
  const { release } = await openHeld(page);
  await page.getByRole('dialog', { name: FR.title }).waitFor();
  let name = '';
  for (let i = 0; i < 12 && name !== FR.refuse_all; i++) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => document.activeElement?.textContent || '');
  }
  assert.equal(name, FR.refuse_all);
  await page.keyboard.press('Enter');
  const c = await consentCookie(page);
  assert.match(c?.value || '', /\.fr\.necessary:1\|audience:0\|video:0\.[0-9a-f]{8}$/);
  assert.equal(await canvasOn(page), false);
  await canvasAgrees(page, release, { ...(await record(page)), cookie: c.value });
  assert.deepEqual(hits, []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('first visit, "Tout accepter" before the canvas: the gated scripts run at once, once', { timeout: 120000 }, async () => {
  const page = await newPage(env);
  const hits = await thirdParties(page);
  const { release } = await openHeld(page);
  await page.getByRole('button', { name: FR.accept_all }).click();
  await page.waitForFunction(() => window.passerelleDemoAudienceRuns === 1);
  assert.equal(await canvasOn(page), false, 'before the canvas');
  const c = await consentCookie(page);
  assert.match(c.value, /\.fr\.necessary:1\|audience:1\|video:1\.[0-9a-f]{8}$/);
  assert.ok(hits.some((u) => u.startsWith('https://audience.example/')), 'the accepted script loads');
  await canvasAgrees(page, release, { ...(await record(page)), cookie: c.value });
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), 1, 'run once, not again by the canvas');
  await page.context().close();
});

test('Global Privacy Control: the click waits for the core, as before', { timeout: 120000 }, async () => {
  const page = await newPage(env);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const { release } = await openHeld(page);
  const dialog = page.getByRole('dialog', { name: FR.title });
  await dialog.waitFor();
  await page.getByRole('button', { name: FR.continue_without }).click();
  assert.equal(await dialog.count(), 0, 'the banner closes at once');
  assert.equal(await consentCookie(page), undefined, 'nothing is written before the core decides');
  release();
  assert.equal(await waitView(page), 'ready');
  await waitIdle(page, 150);
  assert.ok(await consentCookie(page), 'the core recorded the held click');
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentView()), 'hidden');
  await page.context().close();
});

test('English page: "Refuse all" before the canvas, the English record, notice and proof', { timeout: 120000 }, async () => {
  const page = await newPage(env);
  const hits = await thirdParties(page);
  const { release } = await openHeld(page, '/index.en.html');
  await page.getByRole('button', { name: EN.refuse_all }).click();
  const c = await consentCookie(page);
  assert.match(c?.value || '', /\.en\.necessary:1\|audience:0\|video:0\.[0-9a-f]{8}$/);
  assert.equal(await liveText(page), EN.saved_notice);
  const early = await record(page);
  assert.equal(early.lang, 'en');
  await page.waitForFunction(() => window.Passerelle.consent.lastProof);
  const shown = execFileSync(CONSENT_LOG_BIN, ['show', early.id, '--db', env.consentDb, '--pack', packFile('en')], { encoding: 'utf8' });
  assert.match(shown, /texts: as in international\.en\.json, policy 1, en\n/);
  await canvasAgrees(page, release, { ...early, cookie: c.value });
  assert.deepEqual(hits, []);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
