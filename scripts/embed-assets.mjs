// embed-assets.mjs — the versioned files partner sites load, and embed.js that names them.
//
//   node scripts/embed-assets.mjs dist      (run by Makefile.emscripten after dist/ is built)
//
// For passerelle.js, consent-gate.js, passerelle.wasm, the fonts and the consent view's HTML
// banner (consent-banner.js and its kits, dist/consent-banner.<lang>.json, which
// `passerelle-pack consent-banner` wrote), writes a copy named by
// its content (passerelle.<8 hex>.js …), which the server (deploy/nginx/) caches for a year
// (immutable).  passerelle-module.js is copied wrapped in a function, so that its factory
// becomes Passerelle._createModule instead of a global (and an AMD `define` on the host page
// is not called).  Then web/embed.js, its comments stripped, with the asset names and their
// Subresource Integrity (sha384) filled in, goes to dist/embed.<8 hex>.js and dist/embed.js
// (the unversioned name, cached briefly).  dist/embed/sri.txt lists every versioned file
// with its integrity, and dist/embed/snippet.txt is the tag to paste, with integrity.
// Every file written gets .br and .gz siblings, like the rest of dist/.  Versioned files of
// earlier builds are removed.  Node only; strips comments with acorn (scripts/strip-comments.mjs).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripComments } from './strip-comments.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
// Where dist/ is published (Makefile.emscripten's SITE_URL): the snippet's addresses.
const siteArg = process.argv.indexOf('--site-url');
const SITE = new URL(siteArg > 0 ? process.argv[siteArg + 1] : 'https://example.org/passerelle/').href;
const FACES = ['NotoSerif-Regular', 'NotoSerif-Italic', 'NotoSerif-Bold', 'NotoSans-Regular', 'NotoSans-Bold'];
const VERSIONED = /\.[0-9a-f]{8}(\.[a-z0-9]+)(\.br|\.gz)?$/;

const sri = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const hash8 = (bytes) => createHash('sha384').update(bytes).digest('hex').slice(0, 8);
// "fonts/NotoSans-Bold.ttf" + "1a2b3c4d" → "fonts/NotoSans-Bold.1a2b3c4d.ttf"
const versioned = (name, h) => name.replace(/(\.[a-z0-9]+)$/, `.${h}$1`);

function compressed(file) {
  execFileSync('brotli', ['-f', '-q', '11', '-o', file + '.br', file]);
  writeFileSync(file + '.gz', execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 1 << 28 }));
}

// Writes a file and its siblings unless the same bytes are already there (names are content
// hashes: an existing versioned file is the same file).
function put(name, bytes) {
  const file = path.join(dist, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const same = existsSync(file) && readFileSync(file).equals(bytes);
  if (!same) writeFileSync(file, bytes);
  if (!same || !existsSync(file + '.br') || !existsSync(file + '.gz')) compressed(file);
}

// Removes the versioned copies of `name` other than `keep` (and their siblings).
function prune(name, keep) {
  const dir = path.join(dist, path.dirname(name));
  const ext = path.extname(name), stem = path.basename(name, ext);
  for (const f of readdirSync(dir)) {
    const m = VERSIONED.exec(f);
    if (!m || m[1] !== ext || f.slice(0, f.length - m[0].length) !== stem) continue;
    if (path.join(path.dirname(name), f).startsWith(keep)) continue;
    unlinkSync(path.join(dir, f));
  }
}

function wrapModule(glue) {
  return '// passerelle-module.js (Emscripten), wrapped: its factory is Passerelle._createModule.\n' +
    '(function (define, exports, module) {\n' + glue +
    '\n(window.Passerelle = window.Passerelle || {})._createModule = createPasserelleModule;\n})();\n';
}

const assets = {};
const files = [];  // [name, integrity] of every versioned file, for sri.txt

function version(name, bytes) {
  const h = hash8(bytes), out = versioned(name, h);
  put(out, bytes);
  prune(name, out);
  assets[name] = [out, sri(bytes)];
  files.push([out, assets[name][1]]);
}

const read = (name) => readFileSync(path.join(dist, name));
version('passerelle.js', read('passerelle.js'));
version('passerelle-module.js', Buffer.from(wrapModule(read('passerelle-module.js').toString('utf8'))));
version('consent-gate.js', read('consent-gate.js'));
version('passerelle.wasm', read('passerelle.wasm'));
for (const f of FACES) version(`fonts/${f}.ttf`, read(`fonts/${f}.ttf`));

// The widget's code, loaded by embed.js when a box is connected, and the consent view's
// HTML banner with its kit per language (the packs' languages): versioned like the rest.
const ownScript = (name) => Buffer.from(`// Passerelle ${name}: README.md, "Embed on your site".\n` +
  stripComments(readFileSync(path.join(root, 'web', name), 'utf8'), name));
version('embed-widget.js', ownScript('embed-widget.js'));
// consent-banner.js with the first choice's code it shares with the page (consent-record.js)
// in front: one file, one request for the embed.
version('consent-banner.js', Buffer.concat([ownScript('consent-record.js'), ownScript('consent-banner.js')]));
for (const f of readdirSync(dist).filter((n) => /^consent-banner\.[a-z]{2,3}\.json$/.test(n)).sort()) version(f, read(f));

const source = readFileSync(path.join(root, 'web/embed.js'), 'utf8');
const MARK = '/*ASSETS*/null/*ASSETS*/';
if (!source.includes(MARK)) throw new Error(`web/embed.js: the ${MARK} marker is missing`);
const loader = Buffer.from('// Passerelle embed.js: README.md, "Embed on your site".\n' +
  stripComments(source.replace(MARK, JSON.stringify(assets)), 'embed.js'));
const embedName = versioned('embed.js', hash8(loader));
put(embedName, loader);
prune('embed.js', embedName);
put('embed.js', loader);
files.unshift([embedName, sri(loader)]);

put('embed/sri.txt', Buffer.from(
  '# Subresource Integrity (sha384) of the versioned files of this build.\n' +
  '# embed.js (unversioned, cached 5 minutes) always names the latest of them.\n' +
  files.map(([n, i]) => `${i}  ${n}`).join('\n') + '\n'));
put('embed/snippet.txt', Buffer.from(snippet(embedName, files[0][1])));
// The tags to paste: the element with what visitors without JavaScript and search engines
// read (the page's lead and a link to the standalone page, from the bundled pack), then the
// versioned embed.js with its integrity.
function snippet(name, integrity) {
  const page = JSON.parse(readFileSync(path.join(root, 'content/international.fr.json'), 'utf8')).page;
  const plain = (t) => String(t).replace(/\[\^[^\]]*\]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*+/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!-- La Cimade's page « ${plain(page.title)} », served from ${SITE}: README.md, "Embed on your site". -->\n` +
    `<passerelle-embed data-view="page" data-lang="fr">\n  <p>${plain(page.lead)}</p>\n` +
    `  <p><a href="${SITE}index.html">La page « ${plain(page.title)} » de La Cimade</a></p>\n</passerelle-embed>\n` +
    `<script src="${SITE}${name}" integrity="${integrity}" crossorigin="anonymous" data-elements async></script>\n`;
}

console.log(`embed-assets: ${embedName} (${loader.length} B) and ${files.length - 1} versioned files`);
