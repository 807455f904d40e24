// strip-comments.mjs — the JavaScript we ship, without its comments and indentation.
//
//   node scripts/strip-comments.mjs IN OUT      (Makefile.emscripten: web/*.js → dist/)
//
// The loader, dist/passerelle.js, is joined from web/loader/ first: scripts/build-loader.mjs
// imports stripComments.
//
// Comments out, indentation and blank lines out; statements keep their lines (no reliance
// on automatic semicolon insertion changes).  The sources have no template literals (a
// multi-line one would lose its indentation).  Not a minifier: names stay readable in the
// browser's debugger.  Uses acorn (Debian's, NODE_PATH=/usr/share/nodejs, as for emcc);
// without it the file is copied unchanged, with a warning.
// Also imported by scripts/embed-assets.mjs (for embed.js).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function stripComments(source, what = 'the script') {
  let acorn;
  const require = createRequire(import.meta.url);
  try {
    acorn = require('acorn');
  } catch {
    try { acorn = require('/usr/share/nodejs/acorn'); } catch { /* below */ }
  }
  if (!acorn) {
    console.warn(`strip-comments: acorn not found (NODE_PATH=/usr/share/nodejs): ${what} keeps its comments`);
    return source;
  }
  const cuts = [];
  acorn.parse(source, { ecmaVersion: 2020, onComment: (block, text, start, end) => cuts.push([start, end]) });
  let out = '', at = 0;
  for (const [s, e] of cuts) { out += source.slice(at, s); at = e; }
  out += source.slice(at);
  return out.split('\n').map((l) => l.trim()).filter(Boolean).join('\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node scripts/strip-comments.mjs IN OUT');
    process.exit(2);
  }
  const name = path.basename(input);
  writeFileSync(output, `// ${name}: Passerelle (sources with comments: web/${name}).\n` +
    stripComments(readFileSync(input, 'utf8'), name));
}
