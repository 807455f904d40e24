// build-loader.mjs — dist/passerelle.js, the one loader file the page requests, joined from
// the sources of web/loader/ (one job each), in the fixed order below, inside one function:
//
//   (function () {
//   'use strict';
//   …web/loader/api.js … web/loader/main.js…
//   })();
//
// preceded by web/consent-record.js (its own scope: a first consent choice recorded before the
// wasm, shared with the consent embed's HTML banner, which ships it in consent-banner.js), so
// that they share one scope (plain function declarations and vars, no modules, no
// bundler) and the page still has one global, Passerelle.  Then the comments go
// (scripts/strip-comments.mjs), as for the other scripts we ship.
//
//   node scripts/build-loader.mjs OUT [--keep-comments]     (Makefile.emscripten)
//
// Every .js file of web/loader/ must be in ORDER and every name in ORDER must exist: a file
// added without a place in the order stops the build.
//
// Depends on: scripts/strip-comments.mjs (acorn, NODE_PATH=/usr/share/nodejs).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripComments } from './strip-comments.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOADER_DIR = path.join(root, 'web/loader');

// The order matters only for what runs while the file loads (function declarations are
// hoisted and run later):
export const ORDER = [
  'api.js',         // window.Passerelle, the options and public surface; returns at once if
                    // the loader already ran (so: first)
  'abi.js',         // ABI: the numbers of the pl_* boundary, named (pl_abi.hpp's twin);
                    // before any table built from it (input.js)
  'errors.js',      // failure codes and every text the loader shows (WORDS)
  'time.js',        // now(), eventTime(), measure()
  'listen.js',      // makeScope(): listen(target, type, fn, options) with its own cleanup; PAGE
  'download.js',    // each file downloaded once per page, with progress; the wasm compiled once
  'bridge.js',      // strings and bytes into a module's memory for one call
  'status.js',      // progress, the failure box with "Réessayer", a bad pack's errors as text
  'gpu-warmup.js',  // the page's first WebGL context made in a worker first
  'viewport.js',    // the WebGL2 probe, canvas size and devicePixelRatio, reduced motion
  'host-scroll.js', // an auto-height page embed: a window-sized canvas at the host's scroll
  'frame-loop.js',  // render on demand, and what follows each frame
  'gl-context.js',  // WebGL context lost and restored
  'input.js',       // pointer, touch, click, wheel and keys of a view's canvas
  'consent.js',     // the consent rules connected to consent-gate.js
  'map.js',         // the map's geometry, selection, URL and live region; instance.map
  'mirror.js',      // the standalone page's semantic mirror
  'mount.js',       // Passerelle.mount: one view from start to end, release and destroy
  'main.js',        // the standalone page mounts its elements (so: last)
];

export function buildLoader({ keepComments = false } = {}) {
  const present = readdirSync(LOADER_DIR).filter((f) => f.endsWith('.js')).sort();
  const unplaced = present.filter((f) => !ORDER.includes(f));
  const absent = ORDER.filter((f) => !present.includes(f));
  if (unplaced.length || absent.length) {
    throw new Error(`web/loader/ and the ORDER of scripts/build-loader.mjs differ: ` +
      `${unplaced.length ? 'not in ORDER: ' + unplaced.join(', ') : ''}` +
      `${unplaced.length && absent.length ? '; ' : ''}${absent.length ? 'missing: ' + absent.join(', ') : ''}`);
  }
  const body = ORDER.map((f) => `// --- web/loader/${f}\n` + readFileSync(path.join(LOADER_DIR, f), 'utf8')).join('\n');
  const record = readFileSync(path.join(LOADER_DIR, '..', 'consent-record.js'), 'utf8');
  const joined = `${record}\n(function () {\n'use strict';\n${body}\n})();\n`;
  return keepComments ? joined : stripComments(joined, 'passerelle.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--'));
  if (!out) {
    console.error('usage: node scripts/build-loader.mjs OUT [--keep-comments]');
    process.exit(2);
  }
  writeFileSync(out, '// passerelle.js: Passerelle (sources with comments: web/loader/, joined by scripts/build-loader.mjs).\n' +
    buildLoader({ keepComments: args.includes('--keep-comments') }));
}
