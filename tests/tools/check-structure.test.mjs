// check-structure.test.mjs — the layer and function-length check (scripts/check-structure.mjs)
// fails where it must: on bad includes planted into a copy of the real tree, on long functions
// without a reason, and not on the shapes of code that are fine.
//
//   node --test tests/tools/
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTree, checkIncludes, checkFunctionLengths, findFunctions, MAX_LINES } from '../../scripts/check-structure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A copy of the repo's src/, tools/ and web/ in a temporary folder, given to fn, then removed.
function withCopy(fn) {
  const dir = mkdtempSync(path.join(tmpdir(), 'check-structure-'));
  try {
    for (const d of ['src', 'tools', 'web']) cpSync(path.join(root, d), path.join(dir, d), { recursive: true });
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What a change to the copy adds to the findings (the planted tests do not depend on the
// repository being clean: that is the first test's job).
function newFindings(dir, change) {
  const before = new Set(checkTree(dir).findings);
  change();
  return checkTree(dir).findings.filter((f) => !before.has(f));
}

test('the repository itself passes', () => {
  const { files, findings } = checkTree(root);
  assert.ok(files > 50, `only ${files} files seen`);
  assert.deepEqual(findings, []);
});

// Each planted include is one the rules forbid: a layer reaching up or sideways, a private
// header used from outside its folder, a library where it does not belong.
const planted = [
  ['src/core/base/utf8.cpp', '#include "ui/app.hpp"', /core\/base may not include ui/],
  ['src/core/page/layout.cpp', '#include "platform/web/web_app.hpp"', /core\/page may not include platform\/web/],
  ['src/core/map/camera.cpp', '#include "core/pack/pack.hpp"', /core\/map may not include core\/pack/],
  ['src/core/consent/record.cpp', '#include "core/pack/pack.hpp"', /core\/consent may not include core\/pack/],
  ['src/core/text/markup.cpp', '#include "core/page/layout.hpp"', /core\/text may not include core\/page/],
  ['src/ui/theme.cpp', '#include "core/json/document.hpp"', /ui may not include core\/json/],
  ['src/ui/theme.cpp', '#include <emscripten.h>', /ui may not include emscripten/],
  ['src/core/mirror/mirror.cpp', '#include "core/pack/detail/reader.hpp"', /private to core\/pack/],
  ['src/core/pack/pack.cpp', '#include <nlohmann/json.hpp>', /core\/pack may not include nlohmann/],
  ['src/core/base/color.cpp', '#include <imgui.h>', /core\/base may not include imgui/],
  ['tools/passerelle_pack_main.cpp', '#include "ui/app.hpp"', /tools may not include ui/],
];
for (const [file, line, expected] of planted) {
  test(`a planted ${line} in ${file} fails the check`, () => {
    withCopy((dir) => {
      const findings = newFindings(dir, () => appendFileSync(path.join(dir, file), `\n${line}\n`));
      assert.equal(findings.length, 1, findings.join('\n'));
      assert.match(findings[0], expected);
      assert.match(findings[0], new RegExp('^' + file.replace(/[./]/g, '\\$&') + ':\\d+: '));
    });
  });
}

test('includes the rules allow pass: same folder, a lower layer, the standard library, a header beside the file', () => {
  const ok = [
    '#include "core/map/projection.hpp"', '#include "core/json/document.hpp"', '#include "core/base/utf8.hpp"',
    '#include <vector>', '#include <cstdint>',
  ].join('\n');
  assert.deepEqual(checkIncludes(root, 'src/core/map/geometry.cpp', ok), []);
  assert.deepEqual(checkIncludes(root, 'src/core/pack/detail/reader.cpp', '#include "core/pack/detail/reader.hpp"'), []);
  assert.deepEqual(checkIncludes(root, 'src/platform/web/x.cpp', '#include <emscripten.h>\n#include "ui/app.hpp"'), []);
});

test('a new folder without a rule is a finding, not a free pass', () => {
  withCopy((dir) => {
    const findings = newFindings(dir, () => {
      mkdirSync(path.join(dir, 'src/core/newthing'));
      writeFileSync(path.join(dir, 'src/core/newthing/a.cpp'), '#include "core/base/utf8.hpp"\n');
    });
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /src\/core\/newthing\/a\.cpp: no rule for this folder/);
  });
});

// --- function length ---------------------------------------------------------------------

const body = (n) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');

test('a C++ function one line over the limit fails; at the limit it passes', () => {
  const at = `int f() {\n${body(MAX_LINES - 2)}\n}\n`;
  const over = `int f() {\n${body(MAX_LINES - 1)}\n}\n`;
  assert.deepEqual(checkFunctionLengths('src/core/a.cpp', at), []);
  const findings = checkFunctionLengths('src/core/a.cpp', over);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /^src\/core\/a\.cpp:1: f is 61 lines/);
});

test('a long function with a reason above it passes, a reason further up does not count', () => {
  const long = `int f() {\n${body(70)}\n}\n`;
  assert.deepEqual(checkFunctionLengths('src/a.cpp', `// One table.\n// long-function: a flat table of cases\n${long}`), []);
  assert.equal(checkFunctionLengths('src/a.cpp', `// long-function: far away\n\nint g();\n${long}`).length, 1);
});

test('C++ shapes: members, constructors with initializer lists, lambdas counted in their parent', () => {
  const src = [
    'namespace n {',
    'struct S {',
    '  S(int a) : a_{a}, b_(a) {',
    '    a_++;',
    '  }',
    '  int get() const { return a_; }',
    '  int a_, b_;',
    '};',
    'static const int kTable[] = {1, 2, 3};',
    'void outer() {',
    '  auto l = [](int x) {',
    '    return x;',
    '  };',
    '  if (true) { l(1); }',
    '}',
    '}  // namespace n',
  ].join('\n');
  const fns = findFunctions(src, false).map((f) => `${f.name}:${f.start}-${f.end}`);
  assert.deepEqual(fns, ['S:3-5', 'get:6-6', 'outer:10-15']);
});

test('C++: braces in strings, characters, raw strings, comments and #defines do not count', () => {
  const src = 'int f() {\n  const char* s = "{{{";\n  char c = \'{\';\n  auto r = R"x({)x";\n  // {\n  /* { */\n#define X {\n  return 1;\n}\nint g() { return 2; }\n';
  const fns = findFunctions(src, false).map((f) => `${f.name}:${f.start}-${f.end}`);
  assert.deepEqual(fns, ['f:1-9', 'g:10-10']);
});

test('JS shapes: declarations, expressions, arrows, methods; the module wrapper is exempt; nested count in the parent', () => {
  const src = [
    '(function () {',           // 1: wrapper, exempt
    '  function a(x) {',       // 2
    '    const o = {',
    '      m(y) { return y; },', // 4
    '      n: function (z) {',   // 5
    '        return `${z}}`;',
    '      },',
    '    };',
    '    list.forEach((v) => {', // 9
    '      if (v) { a(v); }',
    '      const re = /[{]/;',
    '    });',
    '  }',
    '})();',
  ].join('\n');
  const fns = findFunctions(src, true).map((f) => `${f.name}:${f.start}-${f.end}${f.exempt ? ' exempt' : ''}`);
  assert.deepEqual(fns.sort(), ['a:2-13', 'forEach:9-12', 'function:1-14 exempt', 'm:4-4', 'n:5-7'].sort());
});

test('JS: a long function inside the module wrapper fails; the wrapper alone does not', () => {
  const inner = `(function () {\n  function wire() {\n${body(70)}\n  }\n})();\n`;
  const findings = checkFunctionLengths('web/x.js', inner);
  assert.equal(findings.length, 1);
  assert.match(findings[0], /web\/x\.js:2: wire is 72 lines/);
  const flat = `(function () {\n${body(200)}\n})();\n`;
  assert.deepEqual(checkFunctionLengths('web/x.js', flat), []);
});

test('the command exits 1 with the finding on a planted bad include, 0 on the repository', async () => {
  const { spawnSync } = await import('node:child_process');
  const script = path.join(root, 'scripts/check-structure.mjs');
  const good = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  withCopy((dir) => {
    appendFileSync(path.join(dir, 'src/core/base/utf8.cpp'), '\n#include "ui/app.hpp"\n');
    const bad = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /src\/core\/base\/utf8\.cpp:\d+: core\/base may not include ui/);
  });
});
