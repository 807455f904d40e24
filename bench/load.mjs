// load.mjs — nginx under load: many clients downloading the page's files as a first visit
// does, with Debian's wrk.
//
// The files are those of a first visit to / (the page, its scripts, the wasm, the pack, the
// map geometry, the five fonts: scripts/check-budgets.mjs's pageFiles, the list the CI size
// budget uses), asked for as Chromium asks (Accept-Encoding: gzip, deflate, br, zstd), so
// nginx sends the .br siblings. Each wrk connection is one client that fetches them in turn
// over a kept-alive connection. nginx runs as in production (scripts/nginx.mjs: the site's
// rules, one worker per CPU, access log on), wrk on the same machine, so the two share its
// CPUs. For each number of clients: requests/s, MB/s, page loads/s (requests / files of a
// visit), and the latency of one request at the 50th and 99th percentile.
//
// Every response is checked in wrk's Lua: status 200, Content-Encoding br, a body as long as
// its Content-Length and as long as one of the .br files; with wrk's socket errors and
// time-outs, a run where any response was incomplete or wrong is reported, and the script
// exits 1 (a broken server, not a slow one: slow figures are never judged).
//
// Usage: node bench/load.mjs   (needs dist/ built and wrk: scripts/install-deps.sh)
//   CLIENTS=16,64,256   numbers of concurrent connections, one run each
//   DURATION=10         seconds per run (after 2 s of warm-up)
// Depends on: ../scripts/nginx.mjs, ../scripts/check-budgets.mjs (pageFiles), ./lib.mjs, wrk.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNginx } from '../scripts/nginx.mjs';
import { pageFiles } from '../scripts/check-budgets.mjs';
import { DIST, table, fmtKB, fmtBytes } from './lib.mjs';

const CLIENTS = (process.env.CLIENTS || '16,64,256').split(',').map(Number);
const DURATION = Number(process.env.DURATION || 10);
const ACCEPT = 'gzip, deflate, br, zstd';

// The wrk script: cycles through the paths; checks each response; prints one JSON line.
function luaScript(paths, brSizes) {
  return `
local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }
local sizes = { ${brSizes.map((n) => `[${n}] = true`).join(', ')} }
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; bad = 0; i = math.random(#paths) end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "${ACCEPT}" })
end
function response(status, headers, body)
  if status == 200 and headers["Content-Encoding"] == "br" and sizes[#body]
     and tonumber(headers["Content-Length"]) == #body then ok = ok + 1 else bad = bad + 1 end
end
function done(s, latency, requests)
  local good, wrong = 0, 0
  for _, t in ipairs(threads) do good = good + t:get("ok"); wrong = wrong + t:get("bad") end
  local e = s.errors
  io.write(string.format('RESULT {"requests":%d,"bytes":%d,"us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"max":%d,"ok":%d,"bad":%d}\\n',
    s.requests, s.bytes, s.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, good, wrong))
end
`;
}

function wrk(url, script, clients, seconds) {
  const threads = String(Math.min(2, clients));
  const out = execFileSync('wrk', ['-t', threads, '-c', String(clients), '-d', `${seconds}s`, '--timeout', '10s', '-s', script, url],
    { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`wrk printed no result:\n${out}`);
  return JSON.parse(line.slice('RESULT '.length));
}

function row(clients, r, files) {
  const seconds = r.us / 1e6;
  const errors = r.connect + r.read + r.write + r.timeout;
  return [clients, fmtBytes(r.requests / seconds), (r.bytes / seconds / 1e6).toFixed(1),
    fmtBytes(r.requests / seconds / files), (r.p50 / 1000).toFixed(2), (r.p99 / 1000).toFixed(2),
    (r.max / 1000).toFixed(1), fmtBytes(r.requests), `${r.bad} wrong, ${errors} errors`];
}

async function main() {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('dist/ is not built: run scripts/build-site.sh');
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is missing: run scripts/install-deps.sh');
  const files = pageFiles(DIST).map((f) => f.path);
  const paths = files.map((p) => (p === '/index.html' ? '/' : p));
  const brSizes = files.map((p) => readFileSync(path.join(DIST, p + '.br')).length);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'passerelle-load-'));
  const script = path.join(tmp, 'visit.lua');
  writeFileSync(script, luaScript(paths, brSizes));
  const web = await startNginx({ root: DIST, workers: 'auto' });
  let broken = false;
  try {
    const cpus = os.cpus();
    const nginx = spawnSync('nginx', ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '');
    console.log(`load — ${nginx}, ` +
      `${spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].replace(/ Copyright.*/, '')}, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ` +
      `${cpus.length} CPU (${cpus[0]?.model.replace(/\s+/g, ' ').trim()}), nginx and wrk on the same machine`);
    console.log(`a first visit: ${files.length} files, ${fmtKB(brSizes.reduce((a, b) => a + b, 0))} KB with brotli (${paths.join(' ')})`);
    const rows = [];
    for (const clients of CLIENTS) {
      wrk(web.url, script, clients, 2);  // warm-up: connections, page cache
      const r = wrk(web.url, script, clients, DURATION);
      if (r.bad || r.connect + r.read + r.write + r.timeout || r.ok !== r.requests) broken = true;
      rows.push(row(clients, r, files.length));
    }
    console.log(table([
      { title: 'clients', align: 'right' }, { title: 'requests/s', align: 'right' }, { title: 'MB/s', align: 'right' },
      { title: 'page loads/s', align: 'right' }, { title: 'p50 ms', align: 'right' }, { title: 'p99 ms', align: 'right' },
      { title: 'max ms', align: 'right' }, { title: 'requests', align: 'right' }, { title: 'checked', align: 'left' },
    ], rows));
  } finally {
    await web.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  if (broken) {
    console.error('bench load: some responses were wrong or incomplete (see "checked")');
    process.exitCode = 1;
  }
}

main().catch((e) => { console.error(`bench load: ${e.message}`); process.exitCode = 1; });
