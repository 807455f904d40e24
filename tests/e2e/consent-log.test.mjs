// The proof of consent end to end: a visitor refuses on the standalone page, nginx routes the
// proof to passerelle-consent-log (SQLite, as scripts/serve.sh runs it), and the operator's
// `show` finds that decision with the hash of the very texts the banner showed; a proof that
// could not be sent waits in the browser and goes on the next page view, stored once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, openView, waitIdle } from './harness.mjs';
import { CONSENT_LOG_BIN } from '../../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACK_FR = path.join(root, 'content/international.fr.json');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const cli = (...args) => execFileSync(CONSENT_LOG_BIN, args, { encoding: 'utf8' });

async function refuse(page) {
  assert.equal(await openView(page, env, '/'), 'ready');
  await waitIdle(page, 150);
  const b = (await page.evaluate(() => window.Passerelle.instances[0].consentButtons())).find((x) => x.label === 'Tout refuser');
  assert.ok(b, 'the banner shows "Tout refuser"');
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await page.waitForFunction(() => window.Passerelle.consent.lastProof);
  return page.evaluate(async () => ({ id: window.Passerelle.consent.get().id, status: await window.Passerelle.consent.lastProof }));
}

test('refuse on the page, then `show` finds that decision with the texts hash of the French banner', async () => {
  const page = await newPage(env);
  const { id, status } = await refuse(page);
  assert.equal(status, 201);
  const shown = cli('show', id, '--db', env.consentDb, '--pack', PACK_FR);
  const texts = cli('texts-hash', PACK_FR, '--lang', 'fr').trim();
  assert.match(shown, new RegExp(`history of ${id}: 1 record\\n`));
  assert.match(shown, /action: refuse_all\n/);
  assert.match(shown, /choice audience: refused\n/);
  assert.match(shown, new RegExp(`texts_sha256: ${texts}\\n`));
  assert.match(shown, /texts: as in international\.fr\.json, policy 1, fr\n/);
  assert.match(shown, new RegExp(`page: ${new URL(env.base).origin}/\\n`));
  assert.equal(cli('verify', '--db', env.consentDb).split('\n')[0].startsWith('intact'), true);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a proof the network lost is sent again on the next page view, and stored once', async () => {
  const page = await newPage(env);
  await page.route('**/consent-log', (route) => route.abort('internetdisconnected'));
  const { id, status } = await refuse(page);
  assert.equal(status, 0);
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('passerelle_consent_proofs')).length), 1);
  assert.throws(() => cli('show', id, '--db', env.consentDb), /no record/);
  await page.unroute('**/consent-log');
  const acked = page.waitForResponse((r) => r.url().endsWith('/consent-log') && r.status() === 201);
  await page.reload();
  await acked;
  await page.waitForFunction(() => localStorage.getItem('passerelle_consent_proofs') === null);
  const exported = cli('export', '--db', env.consentDb, '--format', 'jsonl').split('\n').filter((l) => l.includes(id));
  assert.equal(exported.length, 1);
  await page.context().close();
});
