// nginx.mjs — runs Debian's nginx with the site's rules (deploy/nginx/), unprivileged and in the
// foreground, for scripts/serve.sh, the tests and the benchmarks: everything that serves
// dist/ goes through the same nginx and the same configuration as production.
//
//   node scripts/nginx.mjs [dist]     serves dist/ on 127.0.0.1:$PORT (default 8080) until
//                                     Ctrl+C (scripts/serve.sh builds dist/ first)
//
//   import { startNginx } from './scripts/nginx.mjs';
//   const web = await startNginx({ root: 'dist', extraRoots: [['/fixtures/', 'tests/fixtures']] });
//   … fetch(web.url + 'index.html') …
//   await web.stop();
//
// Options:
//   root        the folder served at / (required)
//   port        0 (default): a free one
//   host        default 127.0.0.1
//   extraRoots  [[urlPrefix, folder], …]: test-only mounts, written to their own include
//               (mounts.conf), served as plain files without the site's headers
//   site        false: a partner's site for a second origin: how files are served
//               (passerelle-files.conf), without the site's headers
//   base        where the site is under root, as SITE_URL's path: '/international/' for a
//               copy of dist/ in root/international/ (default '/')
//   workers     default 1; accessLog: default true
//   dir         the instance folder (default: a new one under build/nginx/run/, removed by stop())
//   sites       the text of a site file with its own server {} blocks, in place of the
//               wrapper's two (the test of deploy/nginx/example.org.conf; port is the one to
//               wait for)
//   consentLog  the port of a running passerelle-consent-log (scripts/consent-log.mjs), where
//               /consent-log goes (default: 8091, as in production)
// Each instance lives in its folder (see writeConfig), with nginx.pid, error.log, access.log
// and tmp/. Run as root, nginx's workers run as nobody:nogroup, so the served folders must be
// readable by others (checked before starting).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startConsentLog } from './consent-log.mjs';
import { writeGeneratedInclude } from './nginx-generated.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOY = path.join(ROOT, 'deploy/nginx');
const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const running = new Set();

// A path written into nginx's configuration, quoted.
function confPath(p) {
  if (/["$\\\n]/.test(p)) throw new Error(`nginx.mjs: cannot serve a path with " $ \\ or a newline: ${p}`);
  return `"${p}"`;
}

function freePort(host) {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// As root, the workers are nobody: every folder on the way to a served one must let others in.
function checkReadable(dirs) {
  if (process.getuid?.() !== 0) return;
  for (const dir of dirs) {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      if (!(statSync(d).mode & 0o001)) {
        throw new Error(`nginx.mjs: nginx's workers run as nobody (we are root) and cannot enter ${d}: chmod o+rx it, or run as a regular user`);
      }
      if (d === path.dirname(d)) break;
    }
  }
}

function mountsConf(extraRoots) {
  const blocks = extraRoots.map(([prefix, dir]) => {
    if (!/^\/[\w./-]*\/$/.test(prefix)) throw new Error(`nginx.mjs: mount prefix must look like /name/: ${prefix}`);
    return `location ^~ ${prefix} {\n    alias ${confPath(path.resolve(dir) + '/')};\n` +
      '    add_header X-Content-Type-Options "nosniff" always;  # its own headers: not the site\'s\n}\n';
  });
  return '# Test-only mounts (scripts/nginx.mjs extraRoots): never part of the production rules.\n' + blocks.join('');
}

// The instance folder, laid out as /etc/nginx is in production: nginx.conf (the template of
// deploy/nginx/local/), passerelle/ (the site's rules and the include generated for the root
// served) and mounts.conf (test-only).
function writeConfig(dir, o) {
  const root = path.resolve(o.root);
  const rules = path.join(dir, 'passerelle');
  mkdirSync(rules, { recursive: true });
  for (const f of ['passerelle-http.conf', 'passerelle-server.conf', 'passerelle-files.conf']) {
    copyFileSync(path.join(DEPLOY, f), path.join(rules, f));
  }
  if (o.consentLog) {  // the one value of the rules that an instance changes: the service's port
    const http = path.join(rules, 'passerelle-http.conf');
    const text = readFileSync(http, 'utf8');
    if (!text.includes('server 127.0.0.1:8091;')) throw new Error('nginx.mjs: passerelle-http.conf has no consent-log upstream on 8091');
    writeFileSync(http, text.replace('server 127.0.0.1:8091;', `server 127.0.0.1:${Number(o.consentLog)};`));
  }
  writeGeneratedInclude(path.join(root, o.base), path.join(rules, 'passerelle.generated.conf'), { lenient: !o.site, base: o.base });
  writeFileSync(path.join(dir, 'mounts.conf'), mountsConf(o.extraRoots));
  const values = {
    USER: process.getuid?.() === 0 ? 'user nobody nogroup;' : '# (not root: the workers run as this user)',
    WORKERS: String(o.workers), ACCESS_LOG: o.accessLog ? 'access.log combined buffer=64k flush=1s' : 'off',
    LISTEN: `${o.host}:${o.port}`, NAMES: [...new Set([o.host, 'localhost'])].join(' '), ROOT: confPath(root),
    HTTP: '    include passerelle/passerelle-http.conf;',
    SERVER: `        include passerelle/${o.site ? 'passerelle-server.conf' : 'passerelle-files.conf'};\n        include mounts.conf;`,
  };
  let template = readFileSync(path.join(DEPLOY, 'local/nginx.conf.in'), 'utf8');
  if (o.sites) {  // a whole site file (which includes passerelle-http.conf itself)
    writeFileSync(path.join(dir, 'sites.conf'), o.sites);
    values.HTTP = '';
    template = template.replace(/ *# @SERVERS@[^]*# @SERVERS-END@\n/, '    include sites.conf;\n');
  }
  writeFileSync(path.join(dir, 'nginx.conf'), template.replace(/@([A-Z_]+)@/g, (m, k) => values[k] ?? m));
}

// Resolves once host:port accepts connections; rejects if nginx exits first.
function whenListening(child, host, port, stderr) {
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (why) => { if (!done) { done = true; reject(new Error(`nginx did not start: ${why}\n${stderr.join('')}`)); } };
    child.once('exit', (code, sig) => fail(`exited (${sig || code})`));
    const started = Date.now();
    const poll = () => {
      if (done) return;
      const s = net.connect(port, host);
      s.once('connect', () => { s.destroy(); done = true; resolve(); });
      s.once('error', () => { s.destroy(); if (Date.now() - started > 10000) fail('no answer after 10 s'); else setTimeout(poll, 20); });
    };
    poll();
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

// Stops every nginx this process started when it ends (normally or by a signal).
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => { for (const c of running) c.kill('SIGTERM'); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => { for (const c of running) c.kill('SIGTERM'); process.kill(process.pid, sig); });
  }
}

async function launch(dir, o) {
  writeConfig(dir, o);
  const stderr = [];
  const child = spawn(NGINX, ['-p', dir + '/', '-c', path.join(dir, 'nginx.conf'), '-e', 'error.log'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => stderr.push(String(d)));
  running.add(child);
  child.once('exit', () => running.delete(child));
  try {
    await whenListening(child, o.host, o.port, stderr);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return child;
}

export async function startNginx(options) {
  const o = { port: 0, host: '127.0.0.1', extraRoots: [], site: true, workers: 1, accessLog: true, base: '/', ...options };
  if (!o.root || !existsSync(o.root)) throw new Error(`nginx.mjs: nothing to serve at ${o.root}`);
  checkReadable([o.root, ...o.extraRoots.map(([, d]) => d)]);
  const runDir = path.join(ROOT, 'build/nginx/run');
  mkdirSync(runDir, { recursive: true });
  const dir = o.dir ? path.resolve(o.dir) : mkdtempSync(path.join(runDir, `${o.host}-`));
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  chmodSync(dir, 0o755);
  hookExit();
  let child;
  for (let attempt = 0; !child; attempt++) {
    const port = o.port || await freePort(o.host);
    try {
      child = await launch(dir, { ...o, port });
      o.port = port;
    } catch (e) {
      if (o.port || attempt >= 4 || !/Address already in use/.test(e.message)) {
        if (!o.dir) rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  return {
    url: `http://${o.host}:${o.port}/`, host: o.host, port: o.port, dir, process: child,
    async stop() {
      await stopChild(child);
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node scripts/nginx.mjs [dist]`: serves until Ctrl+C, logs kept in build/nginx/serve-<port>/,
// with the proof-of-consent service beside it (SQLite in build/consent-log/, port 8091 for
// the default 8080, else a free one; CONSENT_LOG_DB=postgresql:… for PostgreSQL).
async function serve() {
  const port = Number(process.env.PORT || 8080);
  const root = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
  const dir = path.join(ROOT, `build/nginx/serve-${port}`);
  const db = process.env.CONSENT_LOG_DB || path.join(ROOT, 'build/consent-log/consent-log.db');
  const log = await startConsentLog({ db, port: port === 8080 ? 8091 : 0,
    origins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] });
  const web = await startNginx({ root, port, workers: 'auto', dir, consentLog: log.port });
  console.log(`Passerelle is served by nginx at ${web.url}  (Ctrl+C to stop; logs in ${path.relative(process.cwd(), dir)}/)`);
  console.log(`Proofs of consent go to ${db} (passerelle-consent-log on 127.0.0.1:${log.port}; see README, "Proof of consent")`);
  const died = (what) => (code, sig) => {
    console.error(`${what} stopped (${sig || code}); see ${what === 'nginx' ? path.join(dir, 'error.log') : 'the lines above'}`);
    process.exit(1);
  };
  web.process.once('exit', died('nginx'));
  log.process.once('exit', died('passerelle-consent-log'));
  log.process.stderr.pipe(process.stderr);
  const quit = async () => {
    web.process.removeAllListeners('exit');
    log.process.removeAllListeners('exit');
    await Promise.all([web.stop(), log.stop()]);
    process.exit(0);
  };
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => { console.error(e.message); process.exit(1); });
}
