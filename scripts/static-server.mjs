// static-server.mjs — a small static file server for dist/ (no dependencies).
//
// Used by `scripts/serve.sh` for people and by the browser tests.  Serves only files under
// its root (no directory listing, no path escapes), with the right MIME types (wasm must be
// application/wasm), no caching of HTML, and precompressed .br/.gz siblings when the browser
// accepts them.  Extra roots can be mounted under a URL prefix (the tests mount fixtures).
//
// For partner sites (embed.js on another origin): every file but HTML may be read from any
// origin (CORS `*`, Cross-Origin-Resource-Policy: cross-origin, the loader's progress
// headers exposed); content-hashed names (passerelle.1a2b3c4d.wasm) are cached for a year,
// immutable, other files for 5 minutes.  The strict-CSP demo page is also sent with its
// policy as a header.
import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

// name.<8 hex>.ext: the content decides the name, so the file never changes.
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;
// Per path: the Content-Security-Policy the page is served with (its <meta> says the same).
const CSP = {
  '/embed/csp.html': "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; default-src 'self'; img-src 'self' data:",
};

async function resolveFile(roots, urlPath) {
  let decoded;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  if (decoded.includes('\0')) return null;
  for (const [prefix, dir] of roots) {
    if (!decoded.startsWith(prefix)) continue;
    let rel = decoded.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, '.' + path.posix.normalize('/' + rel));
    if (!file.startsWith(path.resolve(dir) + path.sep)) continue;
    try {
      const st = await fs.stat(file);
      if (st.isFile()) return { file, size: st.size };
    } catch { /* next root */ }
  }
  return null;
}

// roots: [[urlPrefix, directory], …], longest prefix first.
export function startServer({ roots, port = 8080, host = '127.0.0.1', log = false }) {
  const sorted = [...roots].sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = await resolveFile(sorted, url.pathname);
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      if (log) console.log(`404 ${url.pathname}`);
      return;
    }
    const ext = path.extname(found.file);
    const headers = {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-cache'
        : HASHED.test(found.file) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      'Vary': 'Accept-Encoding',
    };
    if (ext !== '.html') {
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Access-Control-Expose-Headers'] = 'Content-Encoding, X-Decoded-Length';
      headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    }
    if (CSP[url.pathname]) headers['Content-Security-Policy'] = CSP[url.pathname];
    let file = found.file, size = found.size;
    const accept = String(req.headers['accept-encoding'] || '');
    for (const [enc, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!accept.includes(enc)) continue;
      try {
        const st = await fs.stat(file + suffix);
        if (st.isFile()) {
          // The loader's progress bar counts decoded bytes: tell it how many to expect.
          headers['X-Decoded-Length'] = size;
          file += suffix; size = st.size; headers['Content-Encoding'] = enc;
          break;
        }
      } catch { /* not precompressed */ }
    }
    headers['Content-Length'] = size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
    if (log) console.log(`200 ${url.pathname}`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

// `node scripts/static-server.mjs DIR` serves DIR on $PORT (default 8080).
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] || 'dist');
  const port = Number(process.env.PORT || 8080);
  const server = await startServer({ roots: [['/', dir]], port });
  const { port: actual } = server.address();
  console.log(`Passerelle is served at http://127.0.0.1:${actual}/  (Ctrl+C to stop)`);
}
