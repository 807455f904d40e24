// The production example, deploy/nginx/example.org.conf, run as written but for its ports,
// certificate and folders: https with HTTP/2 and HSTS, http sent to https, other names refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { startNginx } from '../../scripts/nginx.mjs';
import { ROOT, DIST, request } from './helpers.mjs';

const NAME = 'passerelle.example.org';
let web, tmp, ports;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// The example with test ports (no IPv6: not every machine has it), a throwaway certificate
// and this checkout's dist/.
function exampleForTest(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', `/CN=${NAME}`], { stdio: 'ignore' });
  return readFileSync(path.join(ROOT, 'deploy/nginx/example.org.conf'), 'utf8')
    .replace(/^ *listen \[::\].*\n/gm, '')
    .replace(/listen 80\b/g, `listen 127.0.0.1:${ports.http}`)
    .replace(/listen 443\b/g, `listen 127.0.0.1:${ports.https}`)
    .replace(/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/, path.join(dir, 'cert.pem'))
    .replace(/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/, path.join(dir, 'key.pem'))
    .replace('root /srv/passerelle/dist;', `root ${realpathSync(DIST)};`)
    .replace('/var/www/letsencrypt', dir);
}

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-prod-'));
  chmodSync(tmp, 0o755);
  ports = { http: await freePort(), https: await freePort() };
  web = await startNginx({ root: DIST, port: ports.https, sites: exampleForTest(tmp) });
});
after(async () => {
  await web?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function getHttps(target, servername = NAME) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: ports.https, path: target, servername, rejectUnauthorized: false,
      headers: { Host: NAME, 'Accept-Encoding': 'br' }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('https: the site with its headers, and Strict-Transport-Security', async () => {
  const page = await getHttps('/');
  assert.equal(page.status, 200);
  assert.equal(page.headers['strict-transport-security'], 'max-age=31536000');
  assert.match(page.headers['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(page.headers['content-encoding'], 'br');
  const wasm = await getHttps('/passerelle.wasm');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['access-control-allow-origin'], '*');
  assert.equal(wasm.headers['strict-transport-security'], 'max-age=31536000');
});

test('HTTP/2 over TLS', async () => {
  const session = http2.connect(`https://127.0.0.1:${ports.https}`, { servername: NAME, rejectUnauthorized: false });
  try {
    const headers = await new Promise((resolve, reject) => {
      const s = session.request({ ':path': '/index.en.html', ':authority': NAME, 'accept-encoding': 'br' });
      s.on('response', resolve);
      s.on('error', reject);
      s.resume();
    });
    assert.equal(headers[':status'], 200);
    assert.equal(headers['content-encoding'], 'br');
    assert.match(headers['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  } finally {
    session.close();
  }
});

test('http goes to https; other host names are refused on both', async () => {
  const plain = { host: '127.0.0.1', port: ports.http };
  const r = await request(plain, '/index.html?lang=en', { headers: { Host: NAME } });
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, `https://${NAME}/index.html?lang=en`);
  assert.equal(r.headers['strict-transport-security'], undefined, 'never over http');
  assert.equal((await request(plain, '/', { headers: { Host: 'evil.example' } })).status, 421);
  await assert.rejects(new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port: ports.https, servername: 'evil.example', rejectUnauthorized: false }, resolve);
    s.on('error', reject);
  }), 'no TLS handshake for another name');
});
