// What nginx answers to the requests browsers, caches and download tools make: Accept-Encoding
// with q-values, Range, conditional requests, ?lang= redirects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, request, distBytes } from './helpers.mjs';

let web;
before(async () => { web = await serveDist(); });
after(async () => { await web?.stop(); });

const WASM = 'passerelle.wasm';

test('Accept-Encoding: q=0 refuses an encoding; other q-values do not rank them (br first)', async () => {
  const cases = [
    ['gzip;q=0', undefined], ['gzip; q=0.000', undefined], ['br;q=0', undefined],
    ['br;q=0, gzip', 'gzip'], ['gzip, br;q=0.0', 'gzip'], ['br;q=0.001', 'br'], ['BR', 'br'], ['GZIP', 'gzip'],
    ['identity', undefined], ['', undefined], ['brotli, xgzip', undefined], ['deflate, zstd', undefined],
    // nginx's limits, documented in deploy/nginx/passerelle-files.conf and the README:
    ['gzip;q=1, br;q=0.1', 'br'],   // weights do not rank: br whenever accepted
    ['*', undefined],               // the wildcard is not read: the file itself
    ['identity;q=0', undefined],    // the identity is sent anyway (no 406)
  ];
  for (const [accept, encoding] of cases) {
    const r = await request(web, '/' + WASM, { headers: { 'Accept-Encoding': accept } });
    assert.equal(r.status, 200, accept);
    assert.equal(r.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`);
    assert.ok(r.body.equals(distBytes(WASM + ({ br: '.br', gzip: '.gz' }[encoding] ?? ''))), accept);
  }
});

test('Range: one range, a suffix, several ranges, past the end, bad syntax, If-Range, HEAD', async () => {
  const bytes = distBytes(WASM), size = bytes.length;
  const range = (value, extra = {}) => request(web, '/' + WASM, { headers: { Range: value, ...extra } });
  let r = await range('bytes=0-99');
  assert.equal(r.status, 206);
  assert.equal(r.headers['content-range'], `bytes 0-99/${size}`);
  assert.ok(r.body.equals(bytes.subarray(0, 100)));
  r = await range('bytes=-10');
  assert.equal(r.headers['content-range'], `bytes ${size - 10}-${size - 1}/${size}`);
  assert.ok(r.body.equals(bytes.subarray(size - 10)));
  r = await range('bytes=0-1,10-11');
  assert.equal(r.status, 206);
  assert.match(r.headers['content-type'], /^multipart\/byteranges; boundary=/);
  r = await range('bytes=0-0,1-1,2-2,3-3,4-4');
  assert.equal(r.status, 200, 'more than max_ranges (4): the whole file');
  assert.equal(r.body.length, size);
  for (const [bad, status] of [[`bytes=${size}-`, 416], ['bytes=abc', 416], ['bytes=5-1', 416], ['lines=1-2', 200]]) {
    r = await range(bad);
    assert.equal(r.status, status, bad);
    if (status === 416) assert.equal(r.headers['content-range'], `bytes */${size}`, bad);
  }
  const etag = (await request(web, '/' + WASM, { method: 'HEAD' })).headers.etag;
  assert.equal((await range('bytes=0-9', { 'If-Range': etag })).status, 206, 'If-Range, same file');
  assert.equal((await range('bytes=0-9', { 'If-Range': '"other"' })).status, 200, 'If-Range, changed file: all of it');
  r = await request(web, '/' + WASM, { method: 'HEAD', headers: { Range: 'bytes=0-99' } });
  assert.equal(r.status, 206);
  assert.equal(r.body.length, 0);
});

test('Range with Accept-Encoding: ranges of the encoded file, like any precompressed representation', async () => {
  const br = distBytes(WASM + '.br');
  const r = await request(web, '/' + WASM, { headers: { Range: 'bytes=0-99', 'Accept-Encoding': 'br' } });
  assert.equal(r.status, 206);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers['content-range'], `bytes 0-99/${br.length}`);
  assert.ok(r.body.equals(br.subarray(0, 100)));
});

test('conditional requests: If-None-Match and If-Modified-Since answer 304 with the caching headers', async () => {
  for (const f of ['index.html', WASM]) {
    const first = await request(web, '/' + f, { headers: { 'Accept-Encoding': 'br' } });
    const again = await request(web, '/' + f, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag } });
    assert.equal(again.status, 304, f);
    assert.equal(again.headers['cache-control'], first.headers['cache-control'], f);
    const since = await request(web, '/' + f, { headers: { 'If-Modified-Since': first.headers['last-modified'] } });
    assert.equal(since.status, 304, f);
  }
});

test('?lang= goes to the page in that language, as the inline script would, before any download', async () => {
  const cases = [
    ['/?lang=en', 'index.en.html'], ['/index.html?lang=en', 'index.en.html'], ['/index.html?pack=x&lang=en', 'index.en.html'],
    ['/index.en.html?lang=fr', 'index.html'],
    ['/index.html?lang=fr', null], ['/index.en.html?lang=en', null], ['/?lang=constructor', null], ['/?lang=', null],
    ['/embed/partner.html?lang=en', null], ['/passerelle.js?lang=en', null],
  ];
  for (const [url, location] of cases) {
    const r = await request(web, url);
    if (location) {
      assert.equal(r.status, 302, url);
      assert.equal(r.headers.location, location, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    } else {
      assert.equal(r.status, 200, url);
    }
  }
});
