// consent-log.mjs — passerelle-consent-log under load, on each database: RECORDS proofs from
// CLIENTS concurrent senders straight to the service (each client its own kept-alive
// connection and its own rate bucket key), then an export checks that every acknowledged
// proof is stored exactly once and `verify` that the chain holds.  Prints throughput and
// p50 / p99 / max latency per backend.  Not run by scripts/test.sh.
//
//   node bench/consent-log.mjs                         # 20000 proofs, 200 clients, SQLite then PostgreSQL
//   RECORDS=50000 CLIENTS=400 node bench/consent-log.mjs
//
// PostgreSQL: a throwaway cluster (scripts/pg-cluster.sh, fsync on) unless PASSERELLE_TEST_PG
// names one.  The binary: build/tools/passerelle-consent-log (Release; scripts/build-site.sh
// builds it) or $PASSERELLE_CONSENT_LOG.  Exits non-zero only when a proof is lost or stored
// twice, or the chain does not verify: slow figures are reported, never judged.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSENT_LOG_BIN, proofBody, postProof, startConsentLog } from '../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RECORDS = Number(process.env.RECORDS || 20000);
const CLIENTS = Number(process.env.CLIENTS || 200);

if (!process.env.PASSERELLE_TEST_PG) {  // run again inside a throwaway cluster
  const r = spawnSync('bash', [path.join(root, 'scripts/pg-cluster.sh'), 'run', '--', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function run(backend, db) {
  const log = await startConsentLog({ db, rate: 100000, origins: ['*'], extraArgs: ['--threads', String(CLIENTS + 8)] });
  const proofs = Array.from({ length: RECORDS }, () => proofBody());
  const latencies = [];
  const acked = new Set();
  const refused = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (next < proofs.length) {
      const p = proofs[next++];
      const r = await postProof(log.url, p.body, { agent, clientKey: `client-${c}` });
      latencies.push(r.ms);
      if (r.status === 201) acked.add(p.id);
      else refused[r.status] = (refused[r.status] || 0) + 1;
    }
    agent.destroy();
  }));
  const seconds = (performance.now() - started) / 1000;
  await log.stop();
  const out = spawnSync(CONSENT_LOG_BIN, ['export', '--db', db, '--format', 'jsonl'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ids = out.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
  const once = ids.length === new Set(ids).size && ids.length === acked.size && ids.every((id) => acked.has(id));
  const verified = spawnSync(CONSENT_LOG_BIN, ['verify', '--db', db]).status === 0;
  latencies.sort((a, b) => a - b);
  return { backend, stored: ids.length, acked: acked.size, refused, seconds, rate: acked.size / seconds,
    p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1], once, verified };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'consent-log-bench-'));
const pgSchema = `bench_${process.pid}`;
execFileSync('psql', [process.env.PASSERELLE_TEST_PG, '-qc', `CREATE SCHEMA ${pgSchema}`]);
const results = [
  await run('SQLite (WAL, synchronous=FULL)', path.join(tmp, 'bench.db')),
  await run('PostgreSQL 15 (fsync on)', `postgresql:${process.env.PASSERELLE_TEST_PG} options='-c search_path=${pgSchema}'`),
];
spawnSync('psql', [process.env.PASSERELLE_TEST_PG, '-qc', `DROP SCHEMA ${pgSchema} CASCADE`]);
rmSync(tmp, { recursive: true, force: true });

console.log(`passerelle-consent-log: ${RECORDS} proofs from ${CLIENTS} concurrent clients, per backend (${os.cpus().length} cores)`);
console.log('| backend | acknowledged | proofs/s | p50 ms | p99 ms | max ms | exactly once | chain verifies |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const extra = Object.keys(r.refused).length ? ` (refused: ${JSON.stringify(r.refused)})` : '';
  console.log(`| ${r.backend} | ${r.acked}${extra} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.once ? 'yes' : 'NO'} | ${r.verified ? 'yes' : 'NO'} |`);
}
process.exit(results.every((r) => r.once && r.verified && r.acked === RECORDS) ? 0 : 1);
