// abi.test.mjs — the two sides of the pl_* boundary cannot drift apart.
//
//   node --test tests/tools/          (no build needed; scripts/test.sh runs it)
//
//   - the named numbers: the C++ enums of src/platform/web/pl_abi.hpp and the JS table ABI
//     of web/loader/abi.js have the same enums, members and values;
//   - the loader's FACES (font files) are in ABI.Face order;
//   - the exports: src/platform/web/exports.txt lists exactly the EMSCRIPTEN_KEEPALIVE
//     functions of src/platform/web (plus malloc and free), and the loader calls no pl_*
//     function that is not exported;
//   - the imports: every pl_js_* function the C++ declares is defined in
//     web/passerelle-library.js, and the other way round.
//
// Depends on: node: only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p) => readFileSync(path.join(ROOT, p), 'utf8');
const WEB_CPP = 'src/platform/web';
const LOADER = 'web/loader';

// C and C++ comments out (strings are left: the files parsed here have none that matter).
const noComments = (src) => src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');

// {Enum: {member: value}} from `enum class Name : int { a = 0, b = 1 };` declarations.
export function parseCppEnums(src) {
  const code = noComments(src);
  const enums = {};
  const re = /enum\s+class\s+(\w+)\s*:\s*int\s*\{([^}]*)\}\s*;/g;
  for (let m; (m = re.exec(code));) {
    const members = {};
    for (const item of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      const mm = /^(\w+)\s*=\s*(-?\d+)$/.exec(item);
      if (!mm) throw new Error(`pl_abi.hpp: ${m[1]}: "${item}" has no explicit value (write name = value)`);
      members[mm[1]] = Number(mm[2]);
    }
    enums[m[1]] = members;
  }
  const declared = (code.match(/\benum\b/g) || []).length;
  if (declared !== Object.keys(enums).length) {
    throw new Error(`pl_abi.hpp: ${declared} enums, ${Object.keys(enums).length} in the form "enum class Name : int { a = 0 };"`);
  }
  return enums;
}

// web/loader/abi.js evaluated alone: {ABI, nameOf, flag}.
function loadJsAbi() {
  return vm.runInNewContext(read(`${LOADER}/abi.js`) + '\n;({ ABI: ABI, nameOf: nameOf, flag: flag });', {});
}

const plain = (o) => JSON.parse(JSON.stringify(o));

test('pl_abi.hpp and web/loader/abi.js name the same numbers', () => {
  const cpp = parseCppEnums(read(`${WEB_CPP}/pl_abi.hpp`));
  const { ABI } = loadJsAbi();
  assert.ok(Object.keys(cpp).length >= 10, 'pl_abi.hpp: the enums were found');
  assert.deepEqual(Object.keys(ABI).sort(), Object.keys(cpp).sort(), 'the same enums');
  for (const name of Object.keys(cpp)) {
    assert.deepEqual(plain(ABI[name]), cpp[name], `ABI.${name} (web/loader/abi.js) = abi::${name} (pl_abi.hpp)`);
  }
});

test('the JS table cannot be changed at run time', () => {
  const { ABI } = loadJsAbi();
  assert.ok(Object.isFrozen(ABI));
  for (const name of Object.keys(ABI)) assert.ok(Object.isFrozen(ABI[name]), `ABI.${name} is frozen`);
});

test('within an enum, each value has one name (nameOf is a function)', () => {
  const { ABI, nameOf } = loadJsAbi();
  for (const [name, members] of Object.entries(ABI)) {
    const values = Object.values(members);
    assert.equal(new Set(values).size, values.length, `ABI.${name}: values are distinct`);
    for (const [member, value] of Object.entries(members)) assert.equal(nameOf(members, value), member);
  }
});

test("the loader's FACES are in ABI.Face order", () => {
  const { ABI } = loadJsAbi();
  const m = /var FACES\s*=\s*\[([^\]]*)\]/.exec(read(`${LOADER}/mount.js`));
  assert.ok(m, 'web/loader/mount.js has var FACES = [...]');
  const faces = [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  assert.equal(faces.length, Object.keys(ABI.Face).length);
  for (const [member, code] of Object.entries(ABI.Face)) {
    // NotoSerif-Regular ↔ serif_regular
    assert.equal(faces[code].replace(/^Noto/, '').replace('-', '_').toLowerCase(), member, `FACES[ABI.Face.${member}]`);
  }
});

// The names of the EMSCRIPTEN_KEEPALIVE functions of src/platform/web.
function keepAlive() {
  const names = [];
  for (const f of readdirSync(path.join(ROOT, WEB_CPP)).filter((f) => f.endsWith('.cpp'))) {
    for (const m of noComments(read(`${WEB_CPP}/${f}`)).matchAll(/EMSCRIPTEN_KEEPALIVE\s+[\w\s*:<>]*?\b(\w+)\s*\(/g)) names.push(m[1]);
  }
  return names;
}

test('exports.txt lists exactly the EMSCRIPTEN_KEEPALIVE functions', () => {
  const listed = read(`${WEB_CPP}/exports.txt`).split('\n').map((l) => l.trim()).filter(Boolean);
  assert.equal(new Set(listed).size, listed.length, 'exports.txt: no name twice');
  assert.ok(listed.includes('_malloc') && listed.includes('_free'), 'the loader needs _malloc and _free');
  const kept = keepAlive();
  assert.equal(new Set(kept).size, kept.length, 'no pl_* function is defined twice');
  assert.deepEqual(listed.filter((n) => n !== '_malloc' && n !== '_free').sort(), kept.map((n) => '_' + n).sort());
});

test('the loader calls only exported pl_* functions', () => {
  const exported = new Set(read(`${WEB_CPP}/exports.txt`).split('\n').map((l) => l.trim()));
  for (const f of readdirSync(path.join(ROOT, LOADER)).filter((f) => f.endsWith('.js'))) {
    for (const m of noComments(read(`${LOADER}/${f}`)).matchAll(/\b_pl_\w+/g)) {
      assert.ok(exported.has(m[0]), `web/loader/${f} uses ${m[0]}, which exports.txt does not list`);
    }
  }
});

test('every pl_js_* import of the C++ is defined in passerelle-library.js, and only those', () => {
  const declared = new Set();
  for (const f of readdirSync(path.join(ROOT, WEB_CPP)).filter((f) => /\.(cpp|hpp)$/.test(f))) {
    for (const m of noComments(read(`${WEB_CPP}/${f}`)).matchAll(/\b(pl_js_\w+)\s*\(/g)) declared.add(m[1]);
  }
  const lib = noComments(read('web/passerelle-library.js'));
  const defined = new Set([...lib.matchAll(/^\s*(pl_js_\w+)\s*:\s*function/gm)].map((m) => m[1]));
  assert.deepEqual([...declared].sort(), [...defined].sort());
});
