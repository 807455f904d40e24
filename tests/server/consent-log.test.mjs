// /consent-log through the site's nginx (deploy/nginx/): proofs reach passerelle-consent-log,
// its own headers come back untouched (CORS only for the origins it lists, never the files'
// "*"; no-store), nginx caps the body, and the rate limit is keyed by the address nginx saw,
// not by a header the client sends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { ROOT, serveDist } from './helpers.mjs';
import { proofBody, startConsentLog } from '../../scripts/consent-log.mjs';

let web, log, dir;
const SITE = 'https://passerelle.example.org';
before(async () => {
  dir = mkdtempSync(path.join(ROOT, 'build/consent-log-server-'));
  log = await startConsentLog({ db: path.join(dir, 'log.db'), origins: [SITE, 'http://127.0.0.1'], rate: 3 });
  web = await serveDist({ consentLog: log.port });
});
after(async () => { await web?.stop(); await log?.stop(); rmSync(dir, { recursive: true, force: true }); });

function post(body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: web.host, port: web.port, path: '/consent-log', method: 'POST', agent: false,
      headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a proof is stored through nginx, with the service\'s headers and CORS for a listed origin only', async () => {
  const ok = await post(proofBody({ origin: SITE }).body, { Origin: SITE });
  assert.equal(ok.status, 201, ok.body);
  assert.equal(ok.headers['access-control-allow-origin'], SITE);
  assert.equal(ok.headers['cache-control'], 'no-store');
  assert.equal(ok.headers['x-content-type-options'], 'nosniff');
  assert.equal(ok.headers['content-security-policy'], undefined);
  const foreign = await post(proofBody({ origin: SITE }).body, { Origin: 'https://evil.example' });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers['access-control-allow-origin'], undefined);
});

test('nginx refuses a body over 8 KB before the service sees it', async () => {
  const r = await post('x'.repeat(9000));
  assert.equal(r.status, 413);
});

test('the rate limit follows the address nginx saw, whatever X-Real-IP the client sends', async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    statuses.push((await post(proofBody({ origin: SITE }).body, { 'X-Real-IP': `10.0.0.${i}` })).status);
  }
  assert.ok(statuses.includes(429), `statuses: ${statuses}`);
});
