// consent-log.mjs — starts passerelle-consent-log (the proof-of-consent record service) for
// scripts/serve.sh, the tests and the benchmarks, and stops it with the process.
//
//   import { startConsentLog } from './scripts/consent-log.mjs';
//   const log = await startConsentLog({ db: 'build/consent-log/serve.db', origins: ['http://127.0.0.1:8080'] });
//   … fetch(log.url, { method: 'POST', body }) …   (log.port: where nginx's upstream points)
//   await log.stop();      // SIGTERM: queued proofs are committed first
//   log.kill();            // SIGKILL, for the fault tests
//
// Options: db (SQLite file or postgresql:… conninfo; required), origins (--allow-origin,
// default ['*']), packs (default: content/international.{fr,en}.json), port (0: a free one),
// rate (per client per minute; default the service's), bin (default $PASSERELLE_CONSENT_LOG,
// else build/tools/passerelle-consent-log, which scripts/build-site.sh builds), extraArgs,
// wrap (a command line the binary is run under: ['setpriv', …], ['prlimit', …]).
// Also proofBody() and postProof(), below, for the tests and the benchmark.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONSENT_LOG_BIN = process.env.PASSERELLE_CONSENT_LOG || path.join(ROOT, 'build/tools/passerelle-consent-log');
const running = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => { for (const c of running) c.kill('SIGTERM'); });
}

export async function startConsentLog(options) {
  const o = { origins: ['*'], port: 0, bin: CONSENT_LOG_BIN, extraArgs: [],
    packs: ['fr', 'en'].map((l) => path.join(ROOT, `content/international.${l}.json`)), ...options };
  if (!o.db) throw new Error('consent-log.mjs: db is required');
  if (!existsSync(o.bin)) throw new Error(`consent-log.mjs: ${o.bin} is not built (scripts/build-site.sh builds it)`);
  if (!o.db.startsWith('postgres')) mkdirSync(path.dirname(path.resolve(o.db)), { recursive: true });
  const port = o.port || await freePort();
  const args = ['serve', '--db', o.db, '--listen', `127.0.0.1:${port}`,
    ...o.packs.flatMap((p) => ['--pack', p]), ...o.origins.flatMap((x) => ['--allow-origin', x]),
    ...(o.rate !== undefined ? ['--rate', String(o.rate)] : []), ...o.extraArgs];
  const [cmd, ...pre] = [...(o.wrap || []), o.bin];
  const child = spawn(cmd, [...pre, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
  running.add(child);
  hookExit();
  const output = [];
  child.stderr.on('data', (d) => output.push(String(d)));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`passerelle-consent-log did not start in 30 s:\n${output.join('')}`)), 30000);
    child.stdout.on('data', (d) => {
      output.push(String(d));
      if (/listening on/.test(output.join(''))) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`passerelle-consent-log exited (${sig || code}):\n${output.join('')}`)); });
  });
  child.removeAllListeners('exit');
  child.once('exit', () => running.delete(child));
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, sig })));
  return {
    url: `http://127.0.0.1:${port}/consent-log`, port, process: child, output, exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill() { child.kill('SIGKILL'); return exited; },
  };
}

// A proof as the widget makes it (src/core/consent/proof.hpp), for the content packs' policy
// 1, with its sha256 line: for the fault tests and the load benchmark.
export function proofBody({ id = randomBytes(16).toString('hex'), action = 'refuse_all', cancels = '-',
  choices = 'necessary:1|audience:0|video:0', decided = Date.now(), origin = 'http://127.0.0.1:8080',
  path: pagePath = '/', texts = '0'.repeat(64) } = {}) {
  const canonical = ['passerelle-consent-proof=1', `id=${id}`, `decided=${decided}`, `action=${action}`,
    `cancels=${cancels}`, 'policy=1', 'lang=fr', `choices=${choices}`, `origin=${origin}`, `path=${pagePath}`,
    `texts=${texts}`, 'build=-'].join('\n') + '\n';
  return { id, body: canonical + 'sha256=' + createHash('sha256').update(canonical).digest('hex') + '\n' };
}

// POSTs a proof; resolves to { status, ms } (status 0 when the connection failed).
export function postProof(url, body, { agent, clientKey } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: {
      'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body),
      ...(clientKey ? { 'X-Real-IP': clientKey } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.setTimeout(30000, () => req.destroy());
    req.end(body);
  });
}
