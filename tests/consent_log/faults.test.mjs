// The consent log under faults, with the real binary (scripts/consent-log.mjs), against SQLite
// and the throwaway PostgreSQL cluster of scripts/pg-cluster.sh (PASSERELLE_TEST_PG and
// PASSERELLE_TEST_PG_DIR; scripts/test.sh runs this file inside `pg-cluster.sh run`):
//   - kill -9 in the middle of a load: after a restart every acknowledged proof is there, none
//     twice, the chain verifies, and resending everything stores each proof exactly once;
//   - PostgreSQL stopped: 503 within a second or two, and proofs are stored again once it is back;
//   - the disk full (a file size limit, RLIMIT_FSIZE): 503 with the database's error, and
//     nothing acknowledged that is not stored;
//   - a read-only SQLite file: serve refuses to start, saying so (exit 3).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, chmodSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONSENT_LOG_BIN, proofBody, postProof, startConsentLog } from '../../scripts/consent-log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PG = process.env.PASSERELLE_TEST_PG;
const PG_DIR = process.env.PASSERELLE_TEST_PG_DIR;
const tmp = path.join(root, `build/consent-log/faults-${process.pid}`);
mkdirSync(tmp, { recursive: true });
chmodSync(tmp, 0o777);  // the read-only test runs the service as nobody, who must reach the file
const cleanup = [];
after(() => cleanup.forEach((f) => f()));

function database(backend, name) {
  if (backend === 'sqlite') return path.join(tmp, `${name}.db`);
  assert.ok(PG && PG_DIR, 'PASSERELLE_TEST_PG is not set: run scripts/test.sh, or scripts/pg-cluster.sh run -- node --test tests/consent_log/');
  const schema = `f_${name.replace(/\W/g, '_')}_${process.pid}`;
  execFileSync('psql', [PG, '-qc', `CREATE SCHEMA ${schema}`]);
  cleanup.push(() => spawnSync('psql', [PG, '-qc', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]));
  return `postgresql:${PG} options='-c search_path=${schema}'`;
}

const cli = (...args) => spawnSync(CONSENT_LOG_BIN, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
function storedIds(db) {
  const r = cli('export', '--db', db, '--format', 'jsonl');
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l).id);
}

for (const backend of ['sqlite', 'postgres']) {
  test(`${backend}: kill -9 during a load, restart: every acknowledged proof is there once`, async () => {
    const db = database(backend, 'kill');
    let log = await startConsentLog({ db, rate: 0 });
    const proofs = Array.from({ length: 1500 }, () => proofBody());
    const acked = new Set();
    let next = 0, killed = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const sender = async () => {
      while (next < proofs.length) {
        const p = proofs[next++];
        const r = await postProof(log.url, p.body, { agent });
        if (r.status === 201 || r.status === 200) acked.add(p.id);
        if (!killed && acked.size >= 500) { killed = true; log.kill(); }
      }
    };
    await Promise.all(Array.from({ length: 16 }, sender));
    agent.destroy();
    assert.equal((await log.exited).sig, 'SIGKILL');
    assert.ok(acked.size >= 500 && acked.size < proofs.length, `acknowledged ${acked.size} of ${proofs.length}`);

    log = await startConsentLog({ db, rate: 0 });
    let ids = storedIds(db);
    assert.equal(new Set(ids).size, ids.length, 'no proof is stored twice');
    const stored = new Set(ids);
    for (const id of acked) assert.ok(stored.has(id), `acknowledged ${id} is stored`);
    assert.equal(cli('verify', '--db', db).status, 0);
    // The widgets resend what they were not told about: each proof ends up stored once.
    const again = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const statuses = await Promise.all(proofs.map((p) => postProof(log.url, p.body, { agent: again })));
    again.destroy();
    assert.ok(statuses.every((s) => s.status === 201 || s.status === 200), 'every resend is acknowledged');
    ids = storedIds(db);
    assert.equal(ids.length, proofs.length);
    assert.equal(new Set(ids).size, proofs.length);
    await log.stop();
  });
}

test('postgres: the server stopped gives 503 at once, and proofs are stored again once it is back', async () => {
  const db = database('postgres', 'down');
  const log = await startConsentLog({ db, rate: 0 });
  try {
    assert.equal((await postProof(log.url, proofBody().body)).status, 201);
    execFileSync('bash', [path.join(root, 'scripts/pg-cluster.sh'), 'stop', PG_DIR]);
    const lost = proofBody();
    const down = await postProof(log.url, lost.body);
    assert.equal(down.status, 503);
    assert.ok(down.ms < 3000, `answered in ${down.ms.toFixed(0)} ms`);
  } finally {
    execFileSync('bash', [path.join(root, 'scripts/pg-cluster.sh'), 'resume', PG_DIR]);
  }
  let status = 0;
  for (let i = 0; i < 50 && status !== 201; i++) {
    status = (await postProof(log.url, proofBody().body)).status;
    if (status !== 201) await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(status, 201, 'stored again once PostgreSQL is back');
  assert.equal(storedIds(db).length, 2);
  assert.equal(cli('verify', '--db', db).status, 0);
  await log.stop();
});

test('sqlite: a full disk gives 503 with the error, and nothing acknowledged is missing', async () => {
  const db = database('sqlite', 'full');
  assert.equal(cli('migrate', '--db', db).status, 0);
  // RLIMIT_FSIZE: writes past 2 MB fail (EFBIG) as on a full disk; SIGXFSZ ignored so the
  // process sees the error instead of dying.
  const log = await startConsentLog({ db, rate: 0,
    wrap: ['bash', '-c', 'trap "" XFSZ; exec prlimit --fsize=2097152 "$0" "$@"'] });
  const acked = [];
  let refused = null;
  for (let i = 0; i < 3000 && !refused; i++) {
    const p = proofBody();
    const r = await new Promise((resolve) => {
      const req = http.request(log.url, { method: 'POST' }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.end(p.body);
    });
    if (r.status === 201) acked.push(p.id);
    else refused = r;
  }
  assert.ok(refused, 'the disk filled up');
  assert.equal(refused.status, 503, refused.body);
  assert.match(refused.body, /"detail":"sqlite/);
  await log.stop();
  const stored = new Set(storedIds(db));
  assert.ok(acked.length > 20, `acknowledged ${acked.length} before the disk was full`);
  for (const id of acked) assert.ok(stored.has(id), `acknowledged ${id} is stored`);
  assert.equal(cli('verify', '--db', db).status, 0);
});

test('sqlite: a read-only file: serve refuses to start and says why', async () => {
  const db = database('sqlite', 'readonly');
  assert.equal(cli('migrate', '--db', db).status, 0);
  // As root, permissions do not stop us: the service runs as nobody instead.
  const asRoot = os.userInfo().uid === 0;
  if (!asRoot) chmodSync(db, 0o444);
  const wrap = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
  await assert.rejects(startConsentLog({ db, rate: 0, wrap }), (e) => {
    assert.match(e.message, /exited \(3\)/);
    assert.match(e.message, /read-only|readonly|unable to open/);
    return true;
  });
});
