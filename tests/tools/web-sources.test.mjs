// web-sources.test.mjs — rules for the loader's code (web/loader/) that a reader can rely on
// (function length, for web/ as for src/, is scripts/check-structure.mjs's job):
//
//   - in the loader (web/loader/), only listen.js calls addEventListener: every listener is
//     recorded in a scope, so that releasing a view removes them all;
//   - the loader joins (scripts/build-loader.mjs) into one script that parses, and still
//     names what scripts/check-budgets.mjs reads from it (FACES, passerelle.wasm).
//
//   node --test tests/tools/
//
// Depends on: node:, acorn (Debian's, as for scripts/strip-comments.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLoader, ORDER } from '../../scripts/build-loader.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const require = createRequire(import.meta.url);
function loadAcorn() {
  try { return require('acorn'); } catch { return require('/usr/share/nodejs/acorn'); }
}
const acorn = loadAcorn();


const isFunction = (n) => n && /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type);

// A program's top-level IIFE: `(function () { … })();` — exempt, its functions are the file's.
function wrapper(program) {
  const only = program.body.length === 1 && program.body[0];
  const call = only && only.type === 'ExpressionStatement' && only.expression.type === 'CallExpression' && only.expression;
  return call && isFunction(call.callee) ? call.callee : null;
}

test('in the loader, only listen.js adds listeners', () => {
  for (const f of ORDER.filter((f) => f !== 'listen.js')) {
    const src = readFileSync(path.join(ROOT, 'web/loader', f), 'utf8').replace(/\/\/[^\n]*/g, '');
    assert.ok(!/addEventListener\s*\(/.test(src), `web/loader/${f} calls addEventListener: use scope.listen (listen.js)`);
  }
});

test('the loader joins into one script that parses and names what the budget check reads', () => {
  const joined = buildLoader({ keepComments: true });
  const program = acorn.parse(joined, { ecmaVersion: 2020 });
  // Two statements: web/consent-record.js's IIFE (shared with the consent embed), then the loader's.
  assert.equal(program.body.length, 2, 'two statements: consent-record.js and the loader, each an IIFE');
  for (const statement of program.body) assert.ok(wrapper({ body: [statement] }), 'each statement is an IIFE');
  assert.match(joined.slice(0, joined.indexOf('\n(function () {\n\'use strict\';\n// --- web/loader/')), /P\._consentRecord = \{ decide/);
  const shipped = buildLoader();
  assert.match(shipped, /FACES\s*=\s*\['NotoSerif-Regular'/);
  assert.match(shipped, /'passerelle\.wasm'/);
  assert.ok(!/\/\//.test(shipped.replace(/https?:\/\//g, '').replace(/'[^'\n]*'/g, "''")), 'no comment is shipped');
});
