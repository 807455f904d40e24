// The standalone page under the Content-Security-Policy nginx sends (deploy/nginx/: no
// 'unsafe-inline', hashes of the page's own inline script and style), in real Chromium: the
// page, the map, the consent banner and the gated third parties all run with no violation,
// in French and after the ?lang=en redirect, and the policy is really enforced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, openView, waitIdle } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const WIDE = { width: 1760, height: 900 };  // wide enough for the gated video of the demo aside

// Records every CSP violation the page reports, from before its first script, and every
// console message about the page's policies (Chromium warns of a feature it does not know).
async function recordViolations(page) {
  page.policyMessages = [];
  page.on('console', (m) => { if (/Permissions-Policy|Content.Security.Policy/i.test(m.text())) page.policyMessages.push(m.text()); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  // The demonstration's third parties (reserved .example names), answered here: offline.
  await page.context().route('https://audience.example/passerelle-demo.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.demoAudienceExternal = 1;' }));
  await page.context().route('https://video.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>video</title>' }));
}

async function acceptAll(page) {
  const buttons = await page.evaluate(() => window.Passerelle.instances[0].consentButtons());
  const b = buttons.find((x) => x.label === 'Tout accepter' || x.label === 'Accept all');
  assert.ok(b, buttons.map((x) => x.label).join(', '));
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await page.waitForFunction(() => window.passerelleDemoAudienceRuns === 1 && window.demoAudienceExternal === 1);
  await page.waitForFunction(() => document.querySelector('iframe[data-passerelle-purpose]')?.getAttribute('src'));
}

test('the page runs under its CSP with no violation: canvas, map, banner, gated scripts and video', async () => {
  const page = await newPage(env, WIDE);
  await recordViolations(page);
  const response = await page.goto(env.base + '/');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await page.waitForFunction(() => document.querySelector('[data-passerelle-pack]')?.getAttribute('data-passerelle-state'), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.querySelector('[data-passerelle-pack]').getAttribute('data-passerelle-state')), 'ready');
  await page.evaluate(() => window.Passerelle.instances[0].map.ready);
  await waitIdle(page, 150);
  await acceptAll(page);  // the gated inline script (by its hash), the external one, the iframe
  await waitIdle(page, 150);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.policyMessages, []);

  // The policy is enforced: an inline script the page did not ship is refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.head.append(s);
  });
  await page.waitForFunction(() => window.__violations.length > 0);
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.match((await page.evaluate(() => window.__violations))[0], /^script-src-elem inline/);
  await page.context().close();
});

test('?lang=en: nginx redirects to the English page, which runs under its own CSP with no violation', async () => {
  const page = await newPage(env, WIDE);
  await recordViolations(page);
  const statuses = [];
  page.on('response', (r) => { if (r.request().isNavigationRequest()) statuses.push([new URL(r.url()).pathname, r.status()]); });
  assert.equal(await openView(page, env, '/?lang=en#pays=ML'), 'ready');
  assert.deepEqual(statuses, [['/', 302], ['/index.en.html', 200]]);
  assert.equal(new URL(page.url()).hash, '#pays=ML', 'the fragment survives the redirect');
  await acceptAll(page);
  await waitIdle(page, 150);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(page.policyMessages, []);
  await page.context().close();
});
