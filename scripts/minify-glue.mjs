// minify-glue.mjs — Emscripten's JavaScript glue (passerelle-module.js), with its local names
// shortened.
//
//   node scripts/minify-glue.mjs IN OUT      (Makefile.emscripten: build/wasm → dist/)
//
// Debian's emcc ships without the Closure compiler, so the glue it writes is whitespace-
// minified but keeps every local name (HEAPU8, UTF8ToString, …): terser's mangler takes it
// from 8.4 to 5.5 KB with brotli.  Only local names change: the glue reaches the wasm's
// exports and the loader reaches the module through quoted properties (Module["_pl_…"],
// Module.ready), which terser leaves alone, and the one top-level name the loader calls,
// createPasserelleModule, stays (no top-level mangling).  Our own scripts are not mangled:
// their names stay readable in the browser's debugger (scripts/strip-comments.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

// The glue, minified; throws when the result would not define createPasserelleModule.
export async function minifyGlue(source) {
  const result = await minify(source, {
    ecma: 2020,
    compress: { passes: 2 },
    mangle: { toplevel: false },
    format: { comments: false },
  });
  if (!result.code || !/\bcreatePasserelleModule\b/.test(result.code))
    throw new Error('the minified glue lost createPasserelleModule');
  return result.code + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node scripts/minify-glue.mjs IN OUT');
    process.exit(2);
  }
  try {
    writeFileSync(output, await minifyGlue(readFileSync(input, 'utf8')));
  } catch (e) {
    console.error(`minify-glue: ${input}: ${e.message}`);
    process.exit(1);
  }
}
