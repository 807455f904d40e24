// The headers of every file of dist/, per kind, as nginx sends them with the site's rules
// (deploy/nginx/): pages, the partner demo pages, content-hashed files, the other files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNginx } from '../../scripts/nginx.mjs';
import { serveDist, request, distFiles, distBytes, DIST } from './helpers.mjs';

let web;
before(async () => { web = await serveDist(); });
after(async () => { await web?.stop(); });

const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;
const TYPES = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', json: 'application/json; charset=utf-8',
  wasm: 'application/wasm', ttf: 'font/ttf', css: 'text/css; charset=utf-8', txt: 'text/plain; charset=utf-8',
};
const files = distFiles();

function policy(header) {
  assert.ok(header, 'a Content-Security-Policy header');
  return Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
}
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// What a page runs inline (or will, once consent is given), found here independently of
// scripts/nginx-generated.mjs: scripts without src that are not data blocks, and <style>.
function inlineOf(html) {
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\ssrc=/.test(attrs) && !/type="application\/(ld\+)?json"/.test(attrs))  // data blocks never run
    .map(([, , text]) => sha256(text));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, text]) => sha256(text));
  const gated = [...html.matchAll(/<script[^>]*data-passerelle-purpose[^>]*\ssrc="(https:\/\/[^/"]+)/g)].map((m) => m[1]);
  return { scripts, styles, gated };
}

function assertEveryResponse(r, what) {
  assert.equal(r.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(r.headers['referrer-policy'], 'strict-origin-when-cross-origin', what);
  assert.equal(r.headers.server, 'nginx', `${what}: no version in Server`);
  assert.equal(r.headers['strict-transport-security'], undefined, `${what}: no HSTS over http`);
}

function assertPartnerFile(r, what) {
  assert.equal(r.headers['access-control-allow-origin'], '*', what);
  assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin', what);
  assert.equal(r.headers['timing-allow-origin'], '*', what);
  assert.equal(r.headers['access-control-expose-headers'], 'Content-Encoding, X-Decoded-Length', what);
  assert.equal(r.headers['content-security-policy'], undefined, what);
}

test('pages: no-cache, and a CSP without unsafe-inline that allows exactly their inline scripts, and styles and fonts of their own', async () => {
  for (const [url, file] of [['/', 'index.html'], ['/index.html', 'index.html'], ['/index.en.html', 'index.en.html']]) {
    const r = await request(web, url);
    assert.equal(r.status, 200, url);
    assertEveryResponse(r, url);
    assert.equal(r.headers['content-type'], TYPES.html, url);
    assert.equal(r.headers['cache-control'], 'no-cache', url);
    const csp = policy(r.headers['content-security-policy']);
    assert.doesNotMatch(r.headers['content-security-policy'], /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/, url);
    for (const d of ['default-src', 'object-src', 'frame-ancestors', 'base-uri', 'form-action']) assert.deepEqual(csp[d], ["'none'"], `${url}: ${d}`);
    const inline = inlineOf(distBytes(file).toString('utf8'));
    assert.ok(inline.scripts.length >= 2, `${url}: the inline script, the gated one`);
    // The look is an external file (made from the design tokens): no <style> to hash.
    assert.equal(inline.styles.length, 0, `${url}: no <style>`);
    assert.match(distBytes(file).toString('utf8'), /<link rel="stylesheet" href="passerelle.css">/, url);
    assert.deepEqual(csp['script-src'].filter((s) => s.startsWith("'sha")).sort(), [...new Set(inline.scripts)].sort(), `${url}: script hashes`);
    assert.deepEqual(csp['style-src'], ["'self'", ...inline.styles], `${url}: style-src`);
    for (const o of inline.gated) assert.ok(csp['script-src'].includes(o), `${url}: gated ${o}`);
    assert.deepEqual(csp['connect-src'], ["'self'"], url);
    assert.deepEqual(csp['font-src'], ["'self'"], `${url}: the font subsets, shared with the wasm`);
    assert.match(r.headers['permissions-policy'], /(^|, )camera=\(\).*geolocation=\(\).*microphone=\(\)/, url);
    assert.equal(r.headers['access-control-allow-origin'], undefined, `${url}: pages are not for other origins`);
  }
});

test('the partner demo pages of /embed/: the strict policy csp.html demonstrates in its <meta>, as a header', async () => {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(distBytes('embed/csp.html').toString('utf8'))[1];
  for (const url of ['/embed/csp.html', '/embed/partner.html']) {
    const r = await request(web, url);
    assert.equal(r.status, 200, url);
    assertEveryResponse(r, url);
    assert.equal(r.headers['cache-control'], 'no-cache', url);
    const header = r.headers['content-security-policy'];
    assert.ok(header.startsWith(meta + '; '), `${url}: ${header} starts with the <meta> policy ${meta}`);
    assert.deepEqual(policy(header)['frame-ancestors'], ["'none'"], url);
  }
});

test('content-hashed files: cached a year, immutable; readable, embeddable and timed by any origin', async () => {
  const hashed = files.filter((f) => HASHED.test(f));
  assert.ok(hashed.length >= 10, hashed.join(' '));
  for (const f of hashed) {
    const r = await request(web, '/' + f);
    assert.equal(r.status, 200, f);
    assertEveryResponse(r, f);
    assertPartnerFile(r, f);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', f);
  }
});

test('the other files (embed.js, packs, geometry, unversioned scripts, wasm and fonts): 5 minutes, CORS', async () => {
  const others = files.filter((f) => !HASHED.test(f) && !f.endsWith('.html'));
  for (const f of ['embed.js', 'passerelle.wasm', 'content/international.fr.json', 'content/map-geometry.json']) assert.ok(others.includes(f), f);
  for (const f of others) {
    const r = await request(web, '/' + f);
    assert.equal(r.status, 200, f);
    assertEveryResponse(r, f);
    assertPartnerFile(r, f);
    assert.equal(r.headers['cache-control'], 'public, max-age=300', f);
    assert.equal(r.headers['content-type'], TYPES[f.split('.').pop()], f);
  }
});

test('precompressed siblings: br when accepted, else gzip, else the file; X-Decoded-Length and Vary always', async () => {
  for (const f of files) {
    for (const [accept, encoding, suffix] of [['gzip, deflate, br, zstd', 'br', '.br'], ['gzip, deflate', 'gzip', '.gz'], [null, undefined, '']]) {
      const r = await request(web, '/' + f, { headers: accept ? { 'Accept-Encoding': accept } : {} });
      const what = `${f} (Accept-Encoding: ${accept})`;
      assert.equal(r.status, 200, what);
      assert.equal(r.headers['content-encoding'], encoding, what);
      assert.ok(r.body.equals(distBytes(f + suffix)), `${what}: the bytes of ${f}${suffix}`);
      assert.equal(r.headers['content-length'], String(r.body.length), what);
      assert.equal(r.headers['x-decoded-length'], String(distBytes(f).length), what);
      assert.equal(r.headers.vary, 'Accept-Encoding', what);
    }
  }
});

test('HEAD: the same headers as GET, no body', async () => {
  for (const f of ['index.html', 'passerelle.wasm', files.find((x) => HASHED.test(x))]) {
    const headers = { 'Accept-Encoding': 'br' };
    const [get, head] = [await request(web, '/' + f, { headers }), await request(web, '/' + f, { method: 'HEAD', headers })];
    assert.equal(head.status, 200, f);
    assert.equal(head.body.length, 0, f);
    for (const h of Object.keys(get.headers).filter((k) => k !== 'date')) assert.equal(head.headers[h], get.headers[h], `${f}: ${h}`);
  }
});

test('errors: 404 with nosniff, no directory listing, no dotfile', async () => {
  for (const url of ['/nope.wasm', '/nope.html', '/fonts/', '/content/', '/.git/config', '/.env']) {
    const r = await request(web, url);
    assert.ok(r.status === 404 || r.status === 403, `${url}: ${r.status}`);
    assertEveryResponse(r, url);
    assert.doesNotMatch(r.body.toString(), /Index of|nginx\/\d/, url);
  }
});

test('under a path (SITE_URL=https://example.org/international/): the same headers, hashes and redirects', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-prefix-'));
  cpSync(DIST, path.join(tmp, 'international'), { recursive: true });
  chmodSync(tmp, 0o755);
  const site = await startNginx({ root: tmp, base: '/international/' });
  try {
    const [top, page] = [await request(site, '/international/'), await request(web, '/')];
    assert.equal(top.status, 200);
    for (const h of ['content-security-policy', 'cache-control', 'x-decoded-length']) assert.equal(top.headers[h], page.headers[h], h);
    const csp = await request(site, '/international/embed/csp.html');
    assert.match(csp.headers['content-security-policy'], /^script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    const lang = await request(site, '/international/?lang=en');
    assert.equal(lang.status, 302);
    assert.equal(lang.headers.location, 'index.en.html');
  } finally {
    await site.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
