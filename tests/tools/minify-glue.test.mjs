// minify-glue.test.mjs — the glue's minifier shortens local names only: the module's factory,
// the quoted export names and what the glue returns keep working.
//
//   node --test tests/tools/
//
// Depends on: node:, scripts/minify-glue.mjs (terser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { minifyGlue } from '../../scripts/minify-glue.mjs';

// The shape of Emscripten's MODULARIZE glue, in little.
const GLUE = `
var createPasserelleModule = (() => {
  return (function (createPasserelleModule) {
    var Module = createPasserelleModule || {};
    var HEAPU8 = new Uint8Array(16);
    function UTF8ToString(ptr) { var s = ''; while (HEAPU8[ptr]) s += String.fromCharCode(HEAPU8[ptr++]); return s; }
    Module["_pl_hello"] = function () { HEAPU8.set([104, 105, 0], 4); return UTF8ToString(4); };
    Module["ready"] = Promise.resolve(Module);
    return Module.ready;
  });
})();
`;

test('local names are shortened, the factory and quoted exports stay', async () => {
  const out = await minifyGlue(GLUE);
  assert.ok(out.length < GLUE.length, 'smaller');
  assert.ok(!/UTF8ToString|HEAPU8/.test(out), `local names mangled: ${out}`);
  assert.match(out, /createPasserelleModule/);
  assert.match(out, /_pl_hello/);
  const context = {};
  vm.runInNewContext(out + '\nthis.factory = createPasserelleModule;', context);
  const mod = await context.factory({});
  assert.equal(mod._pl_hello(), 'hi');
});

test('a script without the factory is refused', async () => {
  await assert.rejects(minifyGlue('var other = 1;'), /lost createPasserelleModule/);
});
