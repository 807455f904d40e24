// web-sources.test.mjs — rules for the code of web/ and src/platform/web that a reader can
// rely on:
//
//   - no function is longer than 60 lines (its first line to its closing brace, nested
//     functions counted in their parent, the outermost IIFE of a file exempt) unless the line
//     directly above it is a comment `// long-function: <reason>`;
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
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLoader, ORDER } from '../../scripts/build-loader.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 60;
const MARK = /^\s*\/\/ long-function: \S/;

const require = createRequire(import.meta.url);
function loadAcorn() {
  try { return require('acorn'); } catch { return require('/usr/share/nodejs/acorn'); }
}
const acorn = loadAcorn();

const list = (dir, re) => readdirSync(path.join(ROOT, dir)).filter((f) => re.test(f)).map((f) => `${dir}/${f}`);
const JS_FILES = [...list('web', /\.js$/), ...list('web/loader', /\.js$/)];
const CPP_FILES = list('src/platform/web', /\.(cpp|hpp)$/);

const isFunction = (n) => n && /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type);

// A program's top-level IIFE: `(function () { … })();` — exempt, its functions are the file's.
function wrapper(program) {
  const only = program.body.length === 1 && program.body[0];
  const call = only && only.type === 'ExpressionStatement' && only.expression.type === 'CallExpression' && only.expression;
  return call && isFunction(call.callee) ? call.callee : null;
}

// [{name, start, end}] (1-based lines) of the outermost functions of a JS source.
export function jsFunctions(source) {
  const program = acorn.parse(source, { ecmaVersion: 2020, locations: true, allowReturnOutsideFunction: true });
  const exempt = wrapper(program);
  const out = [];
  (function walk(node, key) {
    if (!node || typeof node.type !== 'string') return;
    if (isFunction(node) && node !== exempt) {
      out.push({ name: (node.id && node.id.name) || key || '(anonymous)', start: node.loc.start.line, end: node.loc.end.line });
      return;  // nested functions count in this one
    }
    for (const [k, v] of Object.entries(node)) {
      if (Array.isArray(v)) v.forEach((c) => walk(c, node.type === 'Property' ? node.key.name || node.key.value : key));
      else if (v && typeof v === 'object') walk(v, node.type === 'Property' ? node.key.name || node.key.value : (node.type === 'VariableDeclarator' ? node.id.name : key));
    }
  })(program, '');
  return out;
}

// Comments, string and character literals and preprocessor lines blanked (newlines kept).
function blankCpp(src) {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => m[0] + ' '.repeat(m.length - 2) + m[0])
    .replace(/^[ \t]*#[^\n]*/gm, (m) => ' '.repeat(m.length));
}

// [{name, start, end}] of the outermost function bodies of a C++ source: a `{` after a `)`
// (and qualifiers) outside any other function; namespace, extern "C", class and enum bodies
// are scopes, not functions.
export function cppFunctions(source) {
  const code = blankCpp(source);
  const lineAt = (i) => code.slice(0, i).split('\n').length;
  const out = [], stack = [];
  let headStart = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === ';') headStart = i + 1;
    if (c === '}') {
      const open = stack.pop();
      if (open && open.kind === 'function') out.push({ name: open.name, start: open.start, end: lineAt(i) });
      headStart = i + 1;
    }
    if (c !== '{') continue;
    const head = code.slice(headStart, i);
    let kind = 'other';
    if (stack.some((s) => s.kind === 'function')) kind = 'inner';
    else if (/\bnamespace\b[\w\s:]*$|\bextern\s*"\s*"\s*$/.test(head)) kind = 'scope';
    else if (/\b(class|struct|union|enum)\b[^()]*$/.test(head)) kind = 'type';
    else if (/\)\s*((const|noexcept|override|final)\s*)*$/.test(head) && !/^\s*(if|for|while|switch|catch)\b/.test(head)) kind = 'function';
    const first = head.search(/\S/);
    const name = (/(\w+)\s*\([^]*$/.exec(head.replace(/\([^()]*\)\s*((const|noexcept|override|final)\s*)*$/, '(')) || [])[1];
    stack.push({ kind, name: name || '(anonymous)', start: lineAt(headStart + Math.max(first, 0)) });
    headStart = i + 1;
  }
  return out;
}

// Functions over MAX_LINES without the mark directly above.
function unmarked(file, fns) {
  const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return fns.filter((f) => f.end - f.start + 1 > MAX_LINES && !MARK.test(lines[f.start - 2] || ''))
    .map((f) => `${file}:${f.start} ${f.name} (${f.end - f.start + 1} lines)`);
}

test('the function scanners see the functions (sanity)', () => {
  const js = jsFunctions('(function () {\n  function a() {\n    function b() {}\n  }\n  var o = { m: function () {} };\n})();\n');
  assert.deepEqual(js.map((f) => [f.name, f.start, f.end]), [['a', 2, 4], ['m', 5, 5]]);
  const cpp = cppFunctions('namespace {\nint f(int x) {\n  if (x) {\n    return 1;\n  }\n  return 0;\n}\n}\nextern "C" {\nvoid g(void) { h([] { }); }\n}\nenum class E : int { a = 0 };\n' +
    'extern "C" int k(const char* s, ...) {\n  for (;;) {\n  }\n}\n');
  assert.deepEqual(cpp.map((f) => [f.name, f.start, f.end]), [['f', 2, 7], ['g', 10, 10], ['k', 13, 16]]);
});

test(`no function of web/ or src/platform/web is longer than ${MAX_LINES} lines without a reason`, () => {
  const found = [];
  for (const f of JS_FILES) found.push(...unmarked(f, jsFunctions(readFileSync(path.join(ROOT, f), 'utf8'))));
  for (const f of CPP_FILES) found.push(...unmarked(f, cppFunctions(readFileSync(path.join(ROOT, f), 'utf8'))));
  assert.deepEqual(found, [], 'mark each with "// long-function: <reason>" directly above, or split it');
});

test('in the loader, only listen.js adds listeners', () => {
  for (const f of ORDER.filter((f) => f !== 'listen.js')) {
    const src = readFileSync(path.join(ROOT, 'web/loader', f), 'utf8').replace(/\/\/[^\n]*/g, '');
    assert.ok(!/addEventListener\s*\(/.test(src), `web/loader/${f} calls addEventListener: use scope.listen (listen.js)`);
  }
});

test('the loader joins into one script that parses and names what the budget check reads', () => {
  const joined = buildLoader({ keepComments: true });
  const program = acorn.parse(joined, { ecmaVersion: 2020 });
  assert.equal(program.body.length, 1, 'one statement: the IIFE');
  assert.ok(wrapper(program), 'the statement is an IIFE');
  const shipped = buildLoader();
  assert.match(shipped, /FACES\s*=\s*\['NotoSerif-Regular'/);
  assert.match(shipped, /'passerelle\.wasm'/);
  assert.ok(!/\/\//.test(shipped.replace(/https?:\/\//g, '').replace(/'[^'\n]*'/g, "''")), 'no comment is shipped');
});
