// The consent banner and the page's gating, in real Chromium, as visitors use them.
import { createHash } from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, openView, waitView, waitIdle, regionPixels } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const AUDIENCE = 'https://audience.example/passerelle-demo.js';
const VIDEO = 'https://video.example/embed/passerelle-demo';

// Answers the demo's third-party addresses (the tests are offline) and counts the calls.
async function interceptThirdParties(page) {
  const hits = { audience: 0, video: 0 };
  await page.context().route(AUDIENCE, (route) => {
    hits.audience++;
    route.fulfill({ contentType: 'text/javascript', body: 'window.demoAudienceExternal = (window.demoAudienceExternal || 0) + 1;' });
  });
  await page.context().route(VIDEO, (route) => {
    hits.video++;
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>video</title>' });
  });
  return hits;
}

// The demonstration aside (the gated video) shows only where it fits beside the map figure.
const WIDE = { width: 1760, height: 900 };

const view = (page) => page.evaluate(() => window.Passerelle.instances[0].consentView());
const consentCookie = async (page) => (await page.context().cookies()).find((c) => c.name === 'passerelle_consent');

async function clickButton(page, label) {
  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const b = buttons.find((x) => x.label === label);
  assert.ok(b, `button "${label}" is drawn; drawn: ${buttons.map((x) => x.label).join(', ')}`);
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await waitIdle(page, 150);
}

async function openWithBanner(page, path = '/') {
  assert.equal(await openView(page, env, path), 'ready');
  await waitIdle(page, 150);
}

test('first visit: banner painted, nothing third-party, no cookie, nothing gated ran', async () => {
  const page = await newPage(env, WIDE);
  const hits = await interceptThirdParties(page);
  await openWithBanner(page);
  assert.equal(await view(page), 'banner');
  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  assert.deepEqual(buttons.map((b) => b.label), ['Tout refuser', 'Tout accepter', 'Personnaliser']);
  for (const b of buttons) assert.deepEqual([b.w, b.h], [buttons[0].w, buttons[0].h], 'equal prominence');
  assert.ok(await page.evaluate(() => performance.getEntriesByName('passerelle:banner-painted').length === 1));
  for (const url of page.requests) assert.ok(url.startsWith(env.base) || url.startsWith('data:'), `request before consent: ${url}`);
  assert.deepEqual(hits, { audience: 0, video: 0 });
  assert.deepEqual(await page.context().cookies(), []);
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get()), null);
  assert.equal(await page.locator('iframe[data-passerelle-purpose]').getAttribute('src'), null);
  assert.ok(await page.getByRole('button', { name: 'Afficher la vidéo' }).count() === 1, 'video placeholder');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('refuse, reload: no banner, no gated script, and the choice is recorded', async () => {
  const page = await newPage(env);
  const hits = await interceptThirdParties(page);
  await openWithBanner(page);
  const events = page.evaluate(() => new Promise((r) => document.addEventListener('passerelle:consent', (e) => r(e.detail), { once: true })));
  await clickButton(page, 'Tout refuser');
  const detail = await events;
  assert.equal(detail.choices.audience, false);
  assert.equal(detail.choices.necessary, true);
  assert.match(detail.id, /^[0-9a-f]{32}$/);
  assert.match(detail.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(await view(page), 'hidden');
  const c = await consentCookie(page);
  assert.ok(c, 'consent cookie written after the choice');
  assert.equal(c.sameSite, 'Lax');
  assert.equal(c.path, '/');
  assert.ok(c.expires - Date.now() / 1000 > 170 * 86400 && c.expires - Date.now() / 1000 < 190 * 86400, 'about 6 months');
  assert.equal((await page.context().cookies()).length, 1, 'no other cookie');

  await page.reload();
  await openWithBanner(page);
  assert.equal(await view(page), 'hidden');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), false);
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
  assert.deepEqual(hits, { audience: 0, video: 0 });
  await page.context().close();
});

test('accept: the gated scripts run once, in order, and the video loads', async () => {
  const page = await newPage(env, WIDE);
  const hits = await interceptThirdParties(page);
  await openWithBanner(page);
  await clickButton(page, 'Tout accepter');
  await page.waitForFunction(() => window.passerelleDemoAudienceRuns === 1 && window.demoAudienceExternal === 1);
  assert.equal(await page.locator('iframe[data-passerelle-purpose]').getAttribute('src'), VIDEO);
  // Choosing again (the panel's "Tout accepter") does not run anything twice.
  await page.evaluate(() => window.Passerelle.consent.show());
  await waitIdle(page, 150);
  assert.equal(await view(page), 'panel');
  await clickButton(page, 'Tout accepter');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), 1);
  assert.equal(hits.audience, 1);
  assert.equal(hits.video, 1);
  await page.context().close();
});

test('reopen and withdraw: the refused services\' cookies are deleted, the visitor is told', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  await openWithBanner(page);
  await clickButton(page, 'Tout accepter');
  await page.evaluate(() => {
    document.cookie = '_pk_id.1=abc; Path=/';
    document.cookie = '_demo_video_session=1; Path=/';
    document.cookie = 'unrelated=keep; Path=/';
  });
  await clickButton(page, 'Gérer mes cookies');
  assert.equal(await view(page), 'panel');
  await clickButton(page, 'Tout refuser');
  const names = (await page.context().cookies()).map((c) => c.name).sort();
  assert.deepEqual(names, ['passerelle_consent', 'unrelated']);
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), false);
  assert.match(await page.locator('.passerelle-live').textContent(), /recharg/i);
  await page.context().close();
});

test('a garbage or tampered cookie brings the banner back, without any error', async () => {
  for (const value of ['garbage', '1.1.1764393600.0123456789abcdef0123456789abcdef.fr.necessary:1|audience:1|video:1.00000000']) {
    const page = await newPage(env);
    await page.context().addCookies([{ name: 'passerelle_consent', value, url: env.base }]);
    await interceptThirdParties(page);
    await openWithBanner(page);
    assert.equal(await view(page), 'banner', value);
    assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  }
});

test('keyboard: the banner comes first, Tab moves to the next choice, Enter activates it', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  await openWithBanner(page);
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Tout refuser');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Tout accepter');
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'hidden');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.video), true);
  await page.context().close();
});

// Escape closes the panel back to the banner with the focus on "Personnaliser", which opened
// it: Enter opens it again.  The focus went to "Tout refuser", and Escape, Enter refused all.
test('keyboard: Escape from the panel gives the focus back to Personnaliser', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  await openWithBanner(page);
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Personnaliser');
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'panel');
  await page.keyboard.press('Escape');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'banner');
  assert.equal(await focused(), 'Personnaliser');
  await page.keyboard.press('Enter');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'panel', 'Enter opened the panel again; nothing was refused');
  assert.equal(await consentCookie(page), undefined);
  await page.context().close();
});

test('Personnaliser: switches, Escape back to the banner, then save one purpose', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  await openWithBanner(page);
  await clickButton(page, 'Personnaliser');
  assert.equal(await view(page), 'panel');
  await page.keyboard.press('Escape');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'banner');
  await clickButton(page, 'Personnaliser');
  await clickButton(page, 'Enregistrer');  // nothing switched on: a refusal of everything optional
  const rec = await page.evaluate(() => window.Passerelle.consent.get());
  assert.deepEqual(rec.choices, { necessary: true, audience: false, video: false });
  await page.context().close();
});

// A 320 × 568 phone: the banner, capped so that the article stays readable, holds more than it
// shows ("Personnaliser" below its fold), and the panel's list of purposes is taller than its
// room.  A finger, the wheel and the keys scroll them, as a scrolling box in a page; the page
// behind stays.  (They used to scroll the page, and "Personnaliser" was out of reach.)
test('a small phone: the banner and the panel scroll under the finger, the wheel and the keys; the page behind stays', async () => {
  const page = await newPage(env, { width: 320, height: 568, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await openView(page, env);
  await waitIdle(page, 150);
  const top = () => page.evaluate(() => window.Passerelle.instances[0].scrollTop());
  const customise = async () => (await page.evaluate(() => window.Passerelle.instances[0].consentButtons()))
    .find((b) => b.label === 'Personnaliser');
  assert.ok((await customise()).y + (await customise()).h > 568 - 8, 'Personnaliser starts below the banner\'s fold');
  // A finger dragged up on the banner's text.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === undefined ? [] : [{ x: 160, y, id: 1 }] });
  await touch('touchStart', 520);
  for (let k = 1; k <= 12; k++) await touch('touchMove', 520 - 15 * k);
  await touch('touchEnd');
  await waitIdle(page, 150);
  const b = await customise();
  assert.ok(b.y >= 0 && b.y + b.h <= 568 - 8, `Personnaliser scrolled into view: ${JSON.stringify(b)}`);
  assert.equal(await top(), 0, 'the page behind stayed');
  assert.equal(await view(page), 'banner', 'the drag pressed nothing');
  await page.touchscreen.tap(b.x + b.w / 2, b.y + b.h / 2);
  await waitIdle(page, 150);
  assert.equal(await view(page), 'panel');
  // No hover on a touch screen: the panel's choice now under the finger's place is drawn as
  // the other two (it looked put forward, darker).
  const choices = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const fills = [];
  for (const c of choices) {
    const px = await regionPixels(page, { x: c.x + 4, y: c.y + c.h / 2, width: 1, height: 1 });
    fills.push([...px.data.slice(0, 3)].join(','));
  }
  assert.equal(new Set(fills).size, 1, `the three choices are filled alike: ${fills.join(' | ')}`);
  // The panel's list: End shows its end (the pixels of the list change), Home its top again;
  // the wheel over the panel scrolls it; the page behind never moves.
  const list = { x: 30, y: 80, width: 260, height: 260 };
  const shot = () => page.screenshot({ clip: list });
  const first = await shot();
  await page.keyboard.press('End');
  await waitIdle(page, 150);
  const end = await shot();
  assert.ok(!first.equals(end), 'End scrolled the list');
  await page.keyboard.press('Home');
  await waitIdle(page, 150);
  assert.ok(first.equals(await shot()), 'Home brought its top back (and the list\'s scrollbar was drawn from the start)');
  await page.mouse.move(160, 200);
  await page.mouse.wheel(0, 2000);
  await waitIdle(page, 150);
  assert.ok(end.equals(await shot()), 'the wheel scrolled the list to its end');
  assert.equal(await top(), 0, 'the page behind never moved');
  assert.equal(await consentCookie(page), undefined, 'no choice was made');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// While the banner is open it covers the bottom of the view: the end of the page (the
// footnote's way back, the closing links) must still come up clear of it, to be read, clicked
// and focused.  It stayed under the banner, the page ending where the view does.
for (const size of [{ width: 1280, height: 800 }, { width: 375, height: 740, deviceScaleFactor: 2, isMobile: true, hasTouch: true }]) {
  test(`${size.width}×${size.height}, banner open: the end of the page comes up clear of it and its last link works`, async () => {
    const page = await newPage(env, size);
    await openView(page, env);
    await waitIdle(page, 150);
    assert.equal(await view(page), 'banner');
    await page.keyboard.press('End');
    await waitIdle(page, 150);
    const end = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
    const back = (await page.evaluate(() => window.Passerelle.instances[0].visibleText())).find((r) => r.link === 'footnote_back');
    assert.ok(back, 'the footnote\'s way back is drawn');
    const x = back.x + back.w / 2, y = back.y + back.h / 2;
    if (size.hasTouch) await page.touchscreen.tap(x, y);
    else await page.mouse.click(x, y);
    await waitIdle(page, 150);
    const after = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
    assert.ok(after < end - 100, `the way back took the reader up to the reference (${end} → ${after} px): it was not under the banner`);
    assert.equal(await view(page), 'banner', 'the click was the page\'s, not the banner\'s');
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });
}

test('"Afficher la vidéo" grants only the video purpose', async () => {
  const page = await newPage(env, WIDE);
  const hits = await interceptThirdParties(page);
  await openWithBanner(page);
  await page.getByRole('button', { name: 'Afficher la vidéo' }).click();
  await page.waitForFunction(() => document.querySelector('iframe[data-passerelle-purpose]').getAttribute('src'));
  const rec = await page.evaluate(() => window.Passerelle.consent.get());
  assert.equal(rec.choices.video, true);
  assert.equal(rec.choices.audience, false);
  assert.equal(hits.audience, 0);
  await page.context().close();
});

test('Global Privacy Control: nothing optional granted, the visitor can still choose', async () => {
  const page = await newPage(env);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await interceptThirdParties(page);
  await openWithBanner(page);
  assert.equal(await view(page), 'banner');
  await clickButton(page, 'Personnaliser');
  await clickButton(page, 'Enregistrer');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), false);
  await page.context().close();
});

test('cookies blocked: the widget still works for the visit', async () => {
  const page = await newPage(env);
  await page.addInitScript(() => {
    Object.defineProperty(Document.prototype, 'cookie', {
      get() { throw new DOMException('blocked', 'SecurityError'); },
      set() { throw new DOMException('blocked', 'SecurityError'); },
    });
  });
  await interceptThirdParties(page);
  await openWithBanner(page);
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentStorage), false);
  await clickButton(page, 'Tout accepter');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), true);
  await page.waitForFunction(() => window.passerelleDemoAudienceRuns === 1);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('proof of consent: each choice is sent to data-consent-log as a checksummed proof', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  const logged = [];
  await page.route('**/partner-log', (route) => { logged.push(route.request()); route.fulfill({ status: 201 }); });
  await openWithBanner(page);
  await page.evaluate(() => { document.getElementById('page').dataset.consentLog = '/partner-log'; });
  await clickButton(page, 'Tout refuser');
  await page.waitForFunction(() => window.Passerelle.consent.lastProof);
  assert.equal(await page.evaluate(() => window.Passerelle.consent.lastProof), 201);
  assert.equal(logged.length, 1);
  assert.equal(logged[0].headers()['content-type'], 'text/plain');
  const body = logged[0].postData();
  const lines = body.split('\n');
  assert.deepEqual(lines.map((l) => l.split('=')[0]), ['passerelle-consent-proof', 'id', 'decided', 'action', 'cancels',
    'policy', 'lang', 'choices', 'origin', 'path', 'texts', 'build', 'sha256', '']);
  const field = (k) => lines.find((l) => l.startsWith(k + '=')).slice(k.length + 1);
  assert.equal(field('action'), 'refuse_all');
  assert.equal(field('choices'), 'necessary:1|audience:0|video:0');
  assert.equal(field('origin'), new URL(env.base).origin);
  assert.match(field('texts'), /^[0-9a-f]{64}$/);
  assert.match(field('build'), /^[0-9a-f]{64}$/);
  const canonical = body.slice(0, body.indexOf('sha256='));
  assert.equal(field('sha256'), createHash('sha256').update(canonical).digest('hex'));
  // Acknowledged: nothing waits to be sent again.
  assert.equal(await page.evaluate(() => localStorage.getItem('passerelle_consent_proofs')), null);
  await page.context().close();
});

test('Google Consent Mode: default denied before a choice, update mirrors it', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  // The same pack with Consent Mode switched on, as an editor would do.
  await page.route('**/content/international.fr.json', async (route) => {
    const res = await route.fetch();
    const pack = await res.json();
    pack.consent.google_consent_mode = true;
    route.fulfill({ response: res, body: JSON.stringify(pack), headers: { 'content-type': 'application/json' } });
  });
  await page.addInitScript(() => {
    window.gtagCalls = [];
    window.gtag = (...args) => window.gtagCalls.push(args);
  });
  await openWithBanner(page);
  const calls0 = await page.evaluate(() => window.gtagCalls);
  assert.deepEqual(calls0, [['consent', 'default', { analytics_storage: 'denied' }]]);
  await clickButton(page, 'Tout accepter');
  const calls = await page.evaluate(() => window.gtagCalls);
  assert.deepEqual(calls.at(-1), ['consent', 'update', { analytics_storage: 'granted' }]);
  await page.context().close();
});

test('in English: the banner speaks the page\'s language', async () => {
  const page = await newPage(env);
  // An English page of the site: the same shell with <html lang="en">.
  await page.route(env.base + '/', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: (await res.text()).replace('<html lang="fr">', '<html lang="en">') });
  });
  await interceptThirdParties(page);
  await openWithBanner(page);
  const labels = (await page.evaluate(() => window.Passerelle.instances[0].consentButtons())).map((b) => b.label);
  assert.deepEqual(labels, ['Refuse all', 'Accept all', 'Customise']);
  await clickButton(page, 'Refuse all');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().lang), 'en');
  await page.context().close();
});

test('a choice on the prerendered banner, before the wasm is up, is recorded at once and read back by the core', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  // Hold the wasm back until the visitor has answered the HTML banner.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/passerelle.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(env.base + '/');
  const dialog = page.getByRole('dialog', { name: 'Utilisation des cookies' });
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].canvas === null
    || !document.documentElement.classList.contains('passerelle-canvas-on')), true, 'the canvas is not up yet');
  await page.getByRole('button', { name: 'Tout refuser' }).click();
  assert.equal(await dialog.count(), 0, 'the banner closes at once');
  // A first visit: recorded at once (consent-record.js; tests/e2e/consent-early.test.mjs).
  const early = await consentCookie(page);
  assert.ok(early, 'written before the core starts');
  release();
  assert.equal(await waitView(page), 'ready');
  await waitIdle(page, 150);
  assert.equal(await view(page), 'hidden');
  const cookie = await consentCookie(page);
  assert.equal(cookie?.value, early.value, 'the refusal is recorded once');
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), false);
  assert.equal(await page.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// --- issue 13, item 5: gated content follows the current choice whenever it appears ---------

// The gate's console warnings, recorded.
function recordWarnings(page) {
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
}
const LATE = 'https://video.example/embed/late';
// Adds, as a single-page app would, a gated script and a gated iframe (data-src).
const addLateContent = (page) => page.evaluate((late) => {
  const s = document.createElement('script');
  s.type = 'text/plain';
  s.setAttribute('data-passerelle-purpose', 'audience');
  s.src = 'https://audience.example/late.js';  // the page's CSP allows no new inline script
  document.body.append(s);
  const f = document.createElement('iframe');
  f.id = 'late';
  f.setAttribute('data-passerelle-purpose', 'video');
  f.setAttribute('data-src', late);
  document.body.append(f);
}, LATE);

test('gated content added later follows the choice: held before and after a refusal, run after acceptance', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  let late = 0;
  await page.context().route(LATE, (route) => { late++; route.fulfill({ contentType: 'text/html', body: '<title>late</title>' }); });
  await page.context().route('https://audience.example/late.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.lateRuns = (window.lateRuns || 0) + 1;' }));
  await openWithBanner(page);
  await addLateContent(page);  // before any choice: held, with its placeholder
  await page.waitForTimeout(200);
  assert.equal(await page.locator('#late').getAttribute('src'), null);
  assert.equal(await page.locator('#late').isHidden(), true);
  assert.equal(await page.evaluate(() => window.lateRuns), undefined);
  await clickButton(page, 'Tout refuser');
  await addLateContent(page);  // after a refusal: held too
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.lateRuns), undefined);
  assert.equal(late, 0);
  await clickButton(page, 'Gérer mes cookies');
  await clickButton(page, 'Tout accepter');
  await page.waitForFunction(() => window.lateRuns === 2, null, { timeout: 5000 });
  await addLateContent(page);  // after acceptance: runs at once, without a new decision
  await page.waitForFunction(() => window.lateRuns === 3, null, { timeout: 5000 });
  assert.deepEqual(await page.locator('iframe#late').evaluateAll((fs) => fs.map((f) => f.getAttribute('src'))), [LATE, LATE, LATE]);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('withdrawal puts the placeholder back on a frame that was loaded', async () => {
  const page = await newPage(env, WIDE);
  const hits = await interceptThirdParties(page);
  await openWithBanner(page);
  await clickButton(page, 'Tout accepter');
  const frame = page.locator('iframe[data-passerelle-purpose="video"]');
  await page.waitForFunction((v) => document.querySelector('iframe[data-passerelle-purpose="video"]').getAttribute('src') === v, VIDEO);
  assert.equal(await page.getByRole('button', { name: 'Afficher la vidéo' }).count(), 0);
  await clickButton(page, 'Gérer mes cookies');
  await clickButton(page, 'Tout refuser');
  assert.equal(await frame.count(), 1);
  assert.equal(await frame.getAttribute('src'), null, 'the frame no longer holds the video');
  assert.equal(await frame.getAttribute('data-src'), VIDEO);
  assert.equal(page.frames().some((f) => f.url() === VIDEO), false, 'the video\'s document is gone');
  assert.equal(await page.getByRole('button', { name: 'Afficher la vidéo' }).count(), 1, 'placeholder back');
  // And back again by the placeholder's own button.
  await page.getByRole('button', { name: 'Afficher la vidéo' }).click();
  await page.waitForFunction((v) => document.querySelector('iframe[data-passerelle-purpose="video"]').getAttribute('src') === v, VIDEO);
  // The frame's request follows its src a little later (a lazy iframe): wait for it, a while.
  for (let i = 0; i < 50 && hits.video < 2; i++) await page.waitForTimeout(100);
  assert.equal(hits.video, 2);
  await page.context().close();
});

test('gated elements that would load anyway: an iframe with src is emptied, each is reported in the console', async () => {
  const page = await newPage(env);
  recordWarnings(page);
  await interceptThirdParties(page);
  let late = 0;
  await page.context().route(LATE + '?src', (route) => { late++; route.fulfill({ contentType: 'text/html', body: '<title>x</title>' }); });
  await openWithBanner(page);
  await page.evaluate((url) => {
    const f = document.createElement('iframe');
    f.id = 'unguarded';
    f.setAttribute('data-passerelle-purpose', 'video');
    f.src = url;
    document.body.append(f);
    const d = document.createElement('iframe');
    d.id = 'srcdoc';
    d.setAttribute('data-passerelle-purpose', 'video');
    d.srcdoc = '<p>third party</p>';
    document.body.append(d);
    const img = document.createElement('img');
    img.setAttribute('data-passerelle-purpose', 'audience');
    img.src = 'data:,';
    document.body.append(img);
  }, LATE + '?src');
  await page.waitForTimeout(300);
  const f = page.locator('#unguarded');
  assert.equal(await f.count(), 1);
  assert.equal(await f.getAttribute('src'), null, 'src stripped');
  assert.equal(await f.getAttribute('data-src'), LATE + '?src', 'kept where the gate holds it');
  assert.equal(page.frames().some((x) => x.url().startsWith(LATE)), false, 'its document is gone');
  assert.ok(page.warnings.some((w) => /iframe.*has src.*data-src/.test(w)), page.warnings.join('\n'));
  assert.equal(await page.locator('#srcdoc').getAttribute('srcdoc'), null, 'srcdoc stripped');
  assert.ok(page.warnings.some((w) => /loads anyway/.test(w) && /audience/.test(w)), page.warnings.join('\n'));
  // Accepted: it loads from data-src, like any gated frame.
  await clickButton(page, 'Tout accepter');
  assert.equal(await f.getAttribute('src'), LATE + '?src');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// --- issue 13, item 6: on https the cookie is __Host-passerelle_consent -----------------------

const HTTPS = 'https://passerelle.test';
// The site as https://passerelle.test (a secure context), its files from the test server.
// A test may close its page while a late file (the map's geometry) is still on its way: that
// request ends with the page, quietly; any other failure is the test's.
async function routeHttps(context) {
  await context.route(HTTPS + '/**', async (route) => {
    const u = new URL(route.request().url());
    try {
      const response = await route.fetch({ url: env.base + u.pathname + u.search });
      await route.fulfill({ response });
    } catch (err) {
      if (!/disposed|has been closed/.test(String(err && err.message))) throw err;
    }
  });
}

test('https: the choice is stored as __Host-passerelle_consent (Secure, Path=/, host-only); a plain cookie from a sibling is ignored', async () => {
  const page = await newPage(env);
  await routeHttps(page.context());
  await interceptThirdParties(page);
  await page.goto(HTTPS + '/');
  await page.waitForFunction(() => document.querySelector('[data-passerelle-pack]')?.getAttribute('data-passerelle-state'));
  await waitIdle(page, 150);
  assert.equal(await view(page), 'banner');
  await clickButton(page, 'Tout accepter');
  const cookies = (await page.context().cookies(HTTPS)).filter((c) => /passerelle_consent$/.test(c.name));
  assert.equal(cookies.length, 1, JSON.stringify(cookies));
  const c = cookies[0];
  assert.deepEqual([c.name, c.secure, c.path, c.domain], ['__Host-passerelle_consent', true, '/', 'passerelle.test']);
  // Remembered: no banner after a reload, and the prerendered one is hidden from the start.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-passerelle-pack]')?.getAttribute('data-passerelle-state'));
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('passerelle-has-choice')), true);
  assert.equal(await view(page), 'hidden');
  await page.context().close();

  // A sibling subdomain (or anyone who can write a cookie for .passerelle.test) sets the same,
  // valid, all-granted record under the plain name: on https it counts for nothing.
  const forged = await newPage(env);
  await routeHttps(forged.context());
  const hits = await interceptThirdParties(forged);
  await forged.context().addCookies([{ name: 'passerelle_consent', value: c.value, domain: '.passerelle.test', path: '/' }]);
  await forged.goto(HTTPS + '/');
  await forged.waitForFunction(() => document.querySelector('[data-passerelle-pack]')?.getAttribute('data-passerelle-state'));
  await waitIdle(forged, 150);
  assert.equal(await forged.evaluate(() => document.documentElement.classList.contains('passerelle-has-choice')), false);
  assert.equal(await view(forged), 'banner');
  assert.equal(await forged.evaluate(() => window.passerelleDemoAudienceRuns), undefined);
  assert.deepEqual(hits, { audience: 0, video: 0 });
  assert.equal(await forged.evaluate(() => window.Passerelle.consent.get()), null);
  assert.deepEqual((await forged.context().cookies(HTTPS)).map((x) => x.name), [], 'the plain cookie was deleted');
  assert.deepEqual(forged.consoleErrors, []);
  await forged.context().close();
});

test('http (local development): the plain name, as before', async () => {
  const page = await newPage(env);
  await interceptThirdParties(page);
  await openWithBanner(page);
  await clickButton(page, 'Tout accepter');
  assert.deepEqual((await page.context().cookies()).map((x) => [x.name, x.secure]), [['passerelle_consent', false]]);
  await page.context().close();
});
