// Robustness in real Chromium: what the page does when the browser or the network lets it
// down — the WebGL context lost and given back, the wasm memory refused, a cookie setter that
// throws, a pack that arrives slowly or cut short.  Each recovers or says what happened in
// words; none leaves a blank canvas or a hang.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, openView, waitIdle, framesDrawn, regionPixels, darkFraction, visibleText } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const PACK = '**/content/international.fr.json';
const GEOMETRY = '**/content/map-geometry.json';
// The article's title and lead at 1280x800: text on the canvas, whatever the banner does.
const TEXT_BOX = { x: 280, y: 80, width: 720, height: 240 };

const instance = (page, expr) => page.evaluate(expr);

test('WebGL context lost, then restored: no crash while lost, the page draws again after', async () => {
  const page = await newPage(env);
  assert.equal(await openView(page, env), 'ready');
  await waitIdle(page);
  const before = darkFraction(await regionPixels(page, TEXT_BOX));
  assert.ok(before > 0.01, `the article is drawn (dark fraction ${before})`);

  // The context the page draws with, taken away the way a GPU reset does.
  await page.evaluate(() => {
    const gl = window.Passerelle.instances[0].canvas.getContext('webgl2');
    window.__lose = gl.getExtension('WEBGL_lose_context');
    window.__lose.loseContext();
  });
  await page.waitForFunction(() => window.Passerelle.instances[0].contextLost === true);
  const lostAt = await framesDrawn(page);
  // Input while lost: accepted, nothing drawn, nothing thrown.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, 300);
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(400);
  assert.equal(await framesDrawn(page), lostAt, 'no frame is drawn without a context');
  assert.equal(await page.locator('.passerelle-error').count(), 0, 'no error box for a short loss');

  await page.evaluate(() => window.__lose.restoreContext());
  await page.waitForFunction(() => window.Passerelle.instances[0].contextLost === false);
  await page.keyboard.press('Home');  // back to the top: the same region as before
  await waitIdle(page);
  assert.ok(await framesDrawn(page) > lostAt, 'frames resume');
  const after = darkFraction(await regionPixels(page, TEXT_BOX));
  assert.ok(Math.abs(after - before) < 0.25 * before,
    `the same text is drawn again (dark fraction before ${before.toFixed(4)}, after ${after.toFixed(4)})`);
  // And it still answers input.
  await page.keyboard.press('End');
  await waitIdle(page);
  assert.ok(await instance(page, () => window.Passerelle.instances[0].scrollTop()) > 500, 'End scrolls after the restore');
  assert.deepEqual(page.consoleErrors, []);
  assert.equal(await instance(page, () => window.Passerelle.instances[0].contextLosses), 1);
  await page.context().close();
});

// The browser refuses to grow the wasm memory past 48 MB (a phone short of memory): the
// module starts in 32 MB, so only a download bigger than what is left needs more.  Emscripten
// grows memory through WebAssembly.Memory.prototype.grow, which throws a RangeError when the
// browser cannot reserve the pages — the failure simulated here.
async function capMemory(page, mb) {
  await page.addInitScript((cap) => {
    const grow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = function (pages) {
      if ((this.buffer.byteLength / 65536 + pages) * 65536 > cap * 1048576) {
        window.__growRefused = (window.__growRefused || 0) + 1;
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      }
      return grow.call(this, pages);
    };
  }, mb);
}

// A file padded with 64 MB of spaces (still valid JSON), larger than the memory left.
async function padded(route, mb = 64) {
  const res = await route.fetch();
  const body = Buffer.concat([await res.body(), Buffer.alloc(mb * 1048576, 0x20)]);
  await route.fulfill({ status: 200, contentType: 'application/json', body });
}

test('memory growth refused: a readable message instead of a blank canvas', async () => {
  const page = await newPage(env);
  await capMemory(page, 48);
  await page.route(PACK, (route) => padded(route));
  assert.equal(await openView(page, env), null);
  const box = page.locator('.passerelle-error');
  assert.ok(await box.isVisible(), 'the error box is shown');
  assert.match(await box.textContent(), /n’a pas pu être chargée.*Pas assez de mémoire.*64\.\d Mo/s);
  assert.ok(await box.getByRole('button', { name: 'Réessayer' }).isVisible());
  assert.ok(await page.evaluate(() => window.__growRefused) >= 1, 'the growth was really asked for, and refused');
  await page.context().close();
});

test('memory growth refused for the map geometry: the map says so, the page keeps working', async () => {
  const page = await newPage(env);
  await capMemory(page, 48);
  await page.route(GEOMETRY, (route) => padded(route));
  assert.equal(await openView(page, env), 'ready');
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  const failure = await page.evaluate(() => window.Passerelle.instances[0].map.failure);
  assert.match(failure || '', /Pas assez de mémoire/);
  await page.keyboard.press('End');
  await waitIdle(page);
  assert.ok(await page.evaluate(() => window.Passerelle.instances[0].scrollTop()) > 500, 'the article still scrolls');
  await page.context().close();
});

// Where the consent banner's top edge is (CSS px), read from the pixels: the banner is
// anchored at the bottom and grows upwards with its text.  Scans up a column inside its left
// padding (left of the text, right of the rounded corner), from its buttons to its top border.
async function bannerTop(page) {
  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const first = buttons.reduce((a, b) => (b.x < a.x ? b : a));
  const column = await regionPixels(page, { x: Math.round(first.x) - 12, y: 0, width: 1, height: Math.round(first.y) });
  for (let y = column.height - 1; y >= 0; y--) {
    const [r, g, b] = column.data.slice(y * 4, y * 4 + 3);
    if (0.2126 * r + 0.7152 * g + 0.0722 * b < 245) return y;
  }
  return -1;
}

test('a cookie setter that throws: the choice holds for the visit, the banner says it will not be remembered', async () => {
  // Reference: the banner on a normal first visit.
  const normal = await newPage(env);
  assert.equal(await openView(normal, env), 'ready');
  await waitIdle(normal, 150);
  const topNormal = await bannerTop(normal);
  await normal.context().close();

  const page = await newPage(env);
  await page.addInitScript(() => {
    const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      get() { return desc.get.call(this); },  // reading works
      set() { window.__cookieWrites = (window.__cookieWrites || 0) + 1; throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await page.context().route('https://audience.example/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  assert.equal(await openView(page, env), 'ready');
  await waitIdle(page, 150);
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentStorage), false, 'the rules are told cookies cannot be kept');
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentView()), 'banner');
  // The notice ("Votre navigateur bloque les cookies…") is one more line in the banner.
  const top = await bannerTop(page);
  assert.ok(topNormal > 0 && top > 0 && top < topNormal - 16,
    `the banner holds one more line, the notice (top edge at y=${top}, normally ${topNormal})`);

  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const accept = buttons.find((b) => b.label === 'Tout accepter');
  await page.mouse.click(accept.x + accept.w / 2, accept.y + accept.h / 2);
  await waitIdle(page, 150);
  assert.equal(await page.evaluate(() => window.Passerelle.consent.get().choices.audience), true, 'the choice holds');
  assert.equal(await page.evaluate(() => window.Passerelle.instances[0].consentView()), 'hidden');
  await page.waitForFunction(() => window.passerelleDemoAudienceRuns === 1);
  assert.ok(await page.evaluate(() => window.__cookieWrites) >= 1, 'a write was attempted, and threw');
  assert.ok(!(await page.context().cookies()).some((c) => c.name === 'passerelle_consent'), 'nothing was stored');
  assert.deepEqual(page.consoleErrors.filter((e) => !/audience\.example/.test(e)), []);
  await page.context().close();
});

test('a pack that arrives slowly: progress is shown meanwhile, then the page works', async () => {
  const page = await newPage(env);
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(PACK, async (route) => { await held; await route.continue(); });
  await page.goto(env.base + '/');
  const bar = page.locator('.passerelle-progress');
  await bar.waitFor({ state: 'visible' });
  // Everything else arrives; the pack is late: the bar has moved but is not full, for as
  // long as the pack takes.
  await page.waitForFunction(() => document.querySelector('.passerelle-progress').value > 0.5);
  await page.waitForTimeout(2000);
  assert.ok(await bar.evaluate((b) => b.value) < 1, 'not full while the pack is missing');
  assert.ok(await bar.isVisible());
  assert.equal(await page.locator('#page').getAttribute('data-passerelle-state'), null);
  release();
  await page.waitForFunction(() => document.querySelector('#page').getAttribute('data-passerelle-state') === 'ready');
  await waitIdle(page);
  assert.ok((await visibleText(page)).some((r) => /International/.test(r.text)), 'the article is drawn');
  await page.context().close();
});

test('a truncated pack (half the bytes, status 200): its JSON error is shown, not a hang or a blank page', async () => {
  const page = await newPage(env);
  await page.route(PACK, async (route) => {
    const res = await route.fetch();
    const body = await res.body();
    await route.fulfill({ status: 200, contentType: 'application/json', body: body.subarray(0, body.length >> 1) });
  });
  assert.equal(await openView(page, env), 'error');
  const errors = await page.evaluate(() => window.Passerelle.instances[0].errors);
  assert.ok(errors.length >= 1);
  assert.match(errors[0], /international\.fr\.json:\d+:\d+: error P1\d\d/, errors[0]);
  const alert = await page.locator('.passerelle-errors-text[role=alert]').textContent();
  assert.match(alert, /international\.fr\.json est invalide/);
  assert.match(alert, /error P1\d\d/);
  const runs = await visibleText(page);
  assert.ok(runs.some((r) => /P1\d\d/.test(r.text)), 'the error is drawn on the canvas too');
  await page.context().close();
});

// Issue 13, item 2: one long key over many values used to cost key length × values in the
// position index (a 0.9 MB file took 24 GB natively; in the page, "Aborted()").  Now the
// errors are listed like any bad pack's, within the wasm's memory.
test('a hostile pack (a 100 KB key over 400 000 values, with an error): its errors are shown, the module does not abort', async () => {
  const page = await newPage(env);
  const key = 'k'.repeat(100 * 1024);
  const body = `{"format": 1, "${key}": [${new Array(400000).fill('0').join(',')}]}`;
  await page.route(PACK, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  assert.equal(await openView(page, env), 'error');
  const errors = await page.evaluate(() => window.Passerelle.instances[0].errors);
  assert.ok(errors.length >= 1, 'the pack is refused with its errors');
  assert.match(errors.join('\n'), /international\.fr\.json:\d+:\d+: error P2\d\d/);
  const alert = await page.locator('.passerelle-errors-text[role=alert]').textContent();
  assert.match(alert, /international\.fr\.json est invalide/);
  assert.doesNotMatch(await page.locator('body').textContent(), /Aborted/);
  await page.context().close();
});

// --- URL inputs (issue 13, item 4): whatever the query string or the fragment says, the page
// either works or says why in the error box; never a spinner, never another page.

// The page's state once it has settled: ready, or the error box's code and text.
async function settled(page, url) {
  await page.goto(env.base + url);
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-passerelle-pack]');
    return el && (el.getAttribute('data-passerelle-state') || document.querySelector('.passerelle-error'));
  }, null, { timeout: 30000 });
  return page.evaluate(() => {
    const i = window.Passerelle.instances[0], box = document.querySelector('.passerelle-error');
    return { state: document.querySelector('[data-passerelle-pack]').getAttribute('data-passerelle-state'),
      code: i.failureCode || null, text: box ? box.textContent : '', path: location.pathname };
  });
}

test('?pack= takes only a .json file of the site\'s content/ folder; anything else is a worded failure', async () => {
  const page = await newPage(env);
  const refused = ['%E0%A4%A', 'content/%E0%A4%A.json', 'https://evil.example/content/x.json', '//evil.example/content/x.json',
    '/fixtures/links.json', 'content/../index.html', 'content/..%2Findex.json', 'content/x.json?y=1', 'javascript:alert(1)',
    'content/x.txt', 'http://[', 'content/%2e%2e/x.json'];
  for (const pack of refused) {
    const s = await settled(page, '/?pack=' + pack);
    assert.equal(s.code, 'pack-url', pack);
    assert.match(s.text, /La page n’a pas pu être chargée\..*paramètre pack=.*refusé/s, pack);
    assert.equal(s.path, '/', pack);
  }
  // In English on the English page.
  const en = await settled(page, '/index.en.html?pack=%E0%A4%A');
  assert.equal(en.code, 'pack-url');
  assert.match(en.text, /could not be loaded.*parameter pack=.*refused/s);
  // A pack of the folder is accepted.
  assert.equal((await settled(page, '/?pack=content/fixtures/links.json')).state, 'ready');
  assert.deepEqual(page.consoleErrors.filter((e) => !/404|Failed to load resource/.test(e)), []);
  await page.context().close();
});

test('?pack= that redirects is not followed: a worded failure, nothing from the other address', async () => {
  const page = await newPage(env);
  await page.route('**/content/moved.json', (route) =>
    route.fulfill({ status: 302, headers: { location: env.base + '/content/fixtures/links.json' } }));
  const s = await settled(page, '/?pack=content/moved.json');
  assert.equal(s.code, 'network');
  assert.match(s.text, /n’a pas pu être téléchargé.*redirection refusée/s);
  assert.ok(!page.requests.some((u) => u.endsWith('/fixtures/links.json')), 'the redirect was not followed');
  await page.context().close();
});

test('?lang= and #pays= with odd values: the page stays and works', async () => {
  const page = await newPage(env);
  for (const q of ['?lang=constructor', '?lang=__proto__', '?lang=toString', '?lang=hasOwnProperty',
    '#pays=%E0%A4%A', '#pays=constructor', '#pays=__proto__', '#pays=' + 'A'.repeat(5000)]) {
    const s = await settled(page, '/' + q);
    assert.equal(s.state, 'ready', q);
    assert.equal(s.path, '/', q);
  }
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});
