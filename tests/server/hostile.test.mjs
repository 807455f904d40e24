// Hostile requests, sent as raw bytes over TCP (issue 13 item 3: one request must never stop
// the server): each gets a 4xx and the server keeps answering; symlinks and unreadable files
// in the served folder are not served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNginx } from '../../scripts/nginx.mjs';
import { serveDist, request, raw, statusOf } from './helpers.mjs';

let web, H;
before(async () => { web = await serveDist(); H = `${web.host}:${web.port}`; });
after(async () => { await web?.stop(); });

// A request line, then Host (unless `host` is false) and Connection: close, then `extra`.
const req = (line, extra = '', host = true) =>
  `${line}\r\n${host ? `Host: ${H}\r\n` : ''}Connection: close\r\n${extra}\r\n`;

const HOSTILE = () => [
  ['malformed target //[', req('GET //[ HTTP/1.1'), 404],
  ['absolute-form naming another host', req('GET http://evil.example/index.html HTTP/1.1'), 421],
  ['absolute-form, another scheme', req('GET ftp://evil.example/ HTTP/1.1'), 421],
  ['asterisk-form OPTIONS *', req('OPTIONS * HTTP/1.1'), 400],
  ['asterisk-form GET *', req('GET * HTTP/1.1'), 400],
  ['authority-form CONNECT', req('CONNECT evil.example:443 HTTP/1.1'), 400],
  ['bad percent-encoding %zz', req('GET /%zz HTTP/1.1'), 400],
  ['truncated percent-encoding %E0%A4%A', req('GET /%E0%A4%A HTTP/1.1'), 400],
  ['lone % at the end', req('GET /index.html% HTTP/1.1'), 400],
  ['.. plain', req('GET /../../../../etc/passwd HTTP/1.1'), 400],
  ['.. after a folder', req('GET /embed/../../etc/passwd HTTP/1.1'), 400],
  ['.. without the leading slash', req('GET ../etc/passwd HTTP/1.1'), 400],
  ['.. as %2e%2e', req('GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1'), 400],
  ['.. and / all encoded (%2E%2E%2F)', req('GET /%2E%2E%2F%2E%2E%2Fetc%2Fpasswd HTTP/1.1'), 400],
  ['.. half encoded (.%2e)', req('GET /.%2e/.%2e/etc/passwd HTTP/1.1'), 400],
  ['.. double-encoded (%252e%252e)', req('GET /%252e%252e/%252e%252e/etc/passwd HTTP/1.1'), 404],
  ['.. with encoded backslashes (%5c)', req('GET /..%5c..%5cetc%5cpasswd HTTP/1.1'), 404],
  ['.. with raw backslashes', req('GET /..\\..\\etc\\passwd HTTP/1.1'), 404],
  ['.. as overlong UTF-8 (%c0%ae)', req('GET /%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd HTTP/1.1'), 404],
  ['.. as 3-byte overlong UTF-8 (%e0%80%ae)', req('GET /%e0%80%ae%e0%80%ae/etc/passwd HTTP/1.1'), 404],
  ['NUL encoded in the target', req('GET /index.html%00.txt HTTP/1.1'), 400],
  ['NUL raw in the target', req('GET /index.html\0 HTTP/1.1'), 400],
  ['NUL in a header', req('GET / HTTP/1.1', 'X-A: a\0b\r\n'), 400],
  ['control character in the target', req('GET /\x01 HTTP/1.1'), 400],
  ['huge header (20 KB)', req('GET / HTTP/1.1', `X-Big: ${'a'.repeat(20000)}\r\n`), 400],
  ['huge target (20 KB)', req(`GET /${'a'.repeat(20000)} HTTP/1.1`), 414],
  ['1000 headers (100 KB)', req('GET / HTTP/1.1', Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${'b'.repeat(100)}\r\n`).join('')), 400],
  ['unknown method FOO', req('FOO / HTTP/1.1'), 405],
  ['unknown method BREW', req('BREW /index.html HTTP/1.1'), 405],
  ['lower-case method', req('get / HTTP/1.1'), 400],
  ['POST', req('POST /index.html HTTP/1.1', 'Content-Length: 3\r\n') + 'a=b', 405],
  ['PUT', req('PUT /x HTTP/1.1', 'Content-Length: 0\r\n'), 405],
  ['DELETE', req('DELETE /index.html HTTP/1.1'), 405],
  ['PATCH', req('PATCH / HTTP/1.1'), 405],
  ['TRACE', req('TRACE / HTTP/1.1'), 405],
  ['HTTP/1.1 without Host', req('GET / HTTP/1.1', '', false), 400],
  ['two Host headers', req('GET / HTTP/1.1', `Host: ${H}\r\n`), 400],
  ['another Host (DNS rebinding)', req('GET / HTTP/1.1', '', false).replace('\r\n', '\r\nHost: evil.example\r\n'), 421],
  ['HTTP/1.0 without Host', 'GET / HTTP/1.0\r\n\r\n', 421],
  ['Transfer-Encoding and Content-Length (smuggling)', req('POST / HTTP/1.1', 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n') + '0\r\n\r\n', 400],
  ['negative Content-Length', req('GET / HTTP/1.1', 'Content-Length: -1\r\n'), 400],
  ['overflowing Content-Length', req('GET / HTTP/1.1', 'Content-Length: 99999999999999999999\r\n'), 400],
  ['malformed version HTTP/1.x', req('GET / HTTP/1.x'), 400],
  ['another protocol FOO/1.1', req('GET / FOO/1.1'), 400],
];

// Refused by other codes than 4xx, as HTTP says they should be.
const REFUSED_OTHERWISE = () => [
  ['a version nginx does not speak (HTTP/9.9)', req('GET / HTTP/9.9'), 505],
  ['a transfer coding nginx does not know', req('GET / HTTP/1.1', 'Transfer-Encoding: gzip, chunked\r\n'), 501],
];

async function assertStillAnswering(what) {
  const r = await request(web, '/index.html');
  assert.equal(r.status, 200, `after ${what}: the server still answers`);
}

test('hostile requests: each answered with a 4xx, and the server answers the next request', async () => {
  for (const [what, bytes, status] of HOSTILE()) {
    const answer = await raw(web, bytes);
    assert.equal(statusOf(answer), status, `${what}: ${answer.toString('latin1').split('\r\n')[0]}`);
    assert.doesNotMatch(answer.toString('latin1'), /root:x:0:0/, what);
    await assertStillAnswering(what);
  }
});

test('requests nginx refuses with a 5xx, as HTTP says, and an HTTP/0.9 request', async () => {
  for (const [what, bytes, status] of REFUSED_OTHERWISE()) {
    assert.equal(statusOf(await raw(web, bytes)), status, what);
    await assertStillAnswering(what);
  }
  // HTTP/0.9 has no headers, so no Host: the answer is the bare body of a 421.
  assert.match((await raw(web, 'GET /\r\n')).toString('latin1'), /^<html>[\s\S]*421 Misdirected Request/);
  await assertStillAnswering('HTTP/0.9');
});

test('absolute-form naming the site itself is served (RFC 9112 §3.2.2: servers must accept it)', async () => {
  assert.equal(statusOf(await raw(web, req(`GET http://${H}/index.html HTTP/1.1`))), 200);
});

test('after all of it: the same nginx, no worker crashed, and many requests at once still answered', async () => {
  const pending = HOSTILE().map(([, bytes]) => raw(web, bytes));
  const answers = await Promise.all(pending);
  assert.ok(answers.every((a) => statusOf(a) >= 400 && statusOf(a) < 500), 'every one answered with a 4xx, in parallel too');
  await assertStillAnswering('all of them in parallel');
  assert.equal(web.process.exitCode, null, 'nginx is still running');
  const log = readFileSync(path.join(web.dir, 'error.log'), 'utf8');
  assert.doesNotMatch(log, /exited on signal|\[alert\]|\[emerg\]|\[crit\]/, log);
});

test('symlinks in the served folder are not followed (also as a .br sibling); unreadable files, dotfiles and siblings are refused', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-nginx-'));
  const root = path.join(tmp, 'site'), outside = path.join(tmp, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'SECRET\n');
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(path.join(root, 'a.txt'), 'a\n');
  writeFileSync(path.join(root, 'locked.txt'), 'locked\n');
  writeFileSync(path.join(root, '.secret.txt'), 'SECRET\n');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'out.txt'));
  symlinkSync(outside, path.join(root, 'outdir'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'a.txt.br'));
  symlinkSync(path.join(root, 'index.html'), path.join(root, 'in.html'));
  for (const d of [tmp, root, outside]) chmodSync(d, 0o755);  // readable, were nginx to follow the links
  chmodSync(path.join(root, 'locked.txt'), 0o000);
  const site = await startNginx({ root });
  try {
    const get = (url, headers) => request(site, url, { headers });
    for (const url of ['/out.txt', '/outdir/secret.txt', '/in.html', '/locked.txt', '/.secret.txt', '/a.txt.br']) {
      const r = await get(url);
      // 403 from the static module, 404 where try_files found no file it may open.
      assert.ok(r.status === 403 || r.status === 404, `${url}: ${r.status}`);
      assert.doesNotMatch(r.body.toString(), /SECRET|locked/, url);
    }
    const a = await get('/a.txt', { 'Accept-Encoding': 'br' });
    assert.equal(a.status, 200);
    assert.equal(a.headers['content-encoding'], undefined, 'the linked .br is not taken');
    assert.equal(a.body.toString(), 'a\n');
    assert.equal((await get('/index.html')).status, 200);
  } finally {
    await site.stop();
  }
  // The root itself may be a symlink, as a "current" link to a release folder is.
  symlinkSync(root, path.join(tmp, 'current'));
  const current = await startNginx({ root: path.join(tmp, 'current') });
  try {
    assert.equal((await request(current, '/a.txt')).body.toString(), 'a\n');
    assert.ok([403, 404].includes((await request(current, '/out.txt')).status));
  } finally {
    await current.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
});
