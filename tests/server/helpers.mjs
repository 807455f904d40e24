// helpers.mjs — for the tests of the real server (tests/server/*.test.mjs): the built dist/
// served by nginx with the site's rules (scripts/nginx.mjs), HTTP requests that send exactly
// the headers given (node:http, no agent: nothing added but Host and Connection: close), and
// raw bytes over a TCP socket for requests no client library would send.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../../scripts/nginx.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');

export function serveDist(options = {}) {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is not built: run scripts/build-site.sh');
  return startNginx({ root: DIST, ...options });
}

// → {status, headers (lower-case names), body (Buffer)}
export function request(web, target, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: web.host, port: web.port, path: target, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Sends `data` as is on a new connection and returns every byte that comes back until the
// server closes (or `ms` pass: then what came so far).
export function raw(web, data, ms = 5000) {
  return new Promise((resolve) => {
    const socket = net.connect(web.port, web.host);
    const chunks = [];
    const done = () => { socket.destroy(); resolve(Buffer.concat(chunks)); };
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', done);
    socket.on('close', done);
    socket.setTimeout(ms, done);
    socket.end(Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'));
  });
}

// The status code of a raw answer (HTTP/1.x status line), or null.
export function statusOf(answer) {
  const m = /^HTTP\/1\.[01] (\d{3}) /.exec(answer.toString('latin1'));
  return m ? Number(m[1]) : null;
}

// Every file of dist/ (paths relative to it), without the .br/.gz siblings.
export function distFiles(dir = DIST, rel = '') {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const name = path.posix.join(rel, e.name);
    if (e.isDirectory()) return distFiles(dir, name);
    return /\.(br|gz)$/.test(name) ? [] : [name];
  });
}

export const distBytes = (name) => readFileSync(path.join(DIST, name));
