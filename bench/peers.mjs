// peers.mjs — the pages Passerelle is compared with, built at bench time into build/bench-peers/
// (git-ignored, rebuilt at every run), and the partner pages that host Passerelle's embeds.
//
// Each peer template in bench/peers/ takes head.html (charset, title, the article's styles) and
// article.html (the article of content/international.fr.json as static HTML) in place of its
// "head" and "article" markers; the consent
// libraries are copied out of node_modules (devDependencies, exact versions in package.json).
// HTML comments are dropped and every file gets a brotli-11 sibling, as dist/ has, so that
// nginx serves all pages the same way.  The host pages (one <script src="/embed.js"> tag
// each) are written into build/bench-peers/hosts/, to be mounted on the site's origin.
//
// Depends on: node:, bench/peers/*.html, node_modules/{klaro,vanilla-cookieconsent,tarteaucitronjs}.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = path.join(ROOT, 'bench/peers');
const MODULES = path.join(ROOT, 'node_modules');
export const PEERS = path.join(ROOT, 'build/bench-peers');
export const HOSTS = path.join(PEERS, 'hosts');

const PAGES = ['static.html', 'klaro.html', 'vanilla.html', 'tarteaucitron.html'];

// What each peer page needs out of node_modules: [package, file in the package, file in
// build/bench-peers/<package>/].  tarteaucitron.min.js fetches the other three itself, from
// beside its own address, as it would from its CDN; klaro.js carries its stylesheet and its
// translations.
const LIBRARY_FILES = [
  ['klaro', 'dist/klaro.js', 'klaro.js'],
  ['vanilla-cookieconsent', 'dist/cookieconsent.umd.js', 'cookieconsent.umd.js'],
  ['vanilla-cookieconsent', 'dist/cookieconsent.css', 'cookieconsent.css'],
  ['tarteaucitronjs', 'tarteaucitron.min.js', 'tarteaucitron.min.js'],
  ['tarteaucitronjs', 'tarteaucitron.services.min.js', 'tarteaucitron.services.min.js'],
  ['tarteaucitronjs', 'lang/tarteaucitron.fr.min.js', 'lang/tarteaucitron.fr.min.js'],
  ['tarteaucitronjs', 'css/tarteaucitron.min.css', 'css/tarteaucitron.min.css'],
];

// The installed version of a package, for the tables' labels; a plain message when the
// devDependencies are not installed.
export function version(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(MODULES, pkg, 'package.json'), 'utf8')).version;
  } catch {
    throw new Error(`node_modules/${pkg} is missing: run \`npm install\` (it is a devDependency)`);
  }
}

// A partner's page with one tag per view: a heading, a paragraph, then the tags
// (data-height: the box's size is known before its view starts).  `mark`: an inline script
// right before the first tag sets 'host:tag' (embed.mjs times from it; a page served with the
// site's Content-Security-Policy would refuse it).  `attrs`: the tags' other attributes.
export function hostPage(views, { mark = false, attrs = 'data-height="360px"' } = {}) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hôte</title>
<link rel="icon" href="data:,"></head><body><h1>Un site partenaire</h1><p>Texte de remplissage.</p>
${mark ? "<script>performance.mark('host:tag')</script>\n" : ''}${views.map((v) => `<script src="/embed.js" data-view="${v}" ${attrs} async></script>`).join('\n')}
</body></html>`;
}

// HTML comments are notes for developers: they are not shipped to the peer pages.
function stripComments(html) {
  return html.replace(/<!--[\s\S]*?-->\n?/g, '');
}

// Writes a brotli-11 sibling (with a size hint, as `brotli -q 11`) next to a file, as the
// build does for dist/; nginx sends it to browsers that accept br.
async function precompress(file) {
  const buf = await fs.readFile(file);
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  await fs.writeFile(file + '.br', br);
}

// A template with each partial (bench/peers/<name>.html, comments dropped) in place of its
// marker comment, <!-- name -->, which must stand on a line of its own.
function fill(name, template, partials) {
  let html = template;
  for (const key of Object.keys(partials)) {
    const marker = new RegExp(`^<!-- ${key} -->\n`, 'm');
    if (!marker.test(html)) throw new Error(`bench/peers/${name}: no <!-- ${key} --> marker on its own line`);
    html = html.replace(marker, `\u0000${key}\u0000`);
  }
  html = stripComments(html);
  for (const [key, text] of Object.entries(partials)) html = html.replace(`\u0000${key}\u0000`, text);
  return html;
}

// Builds build/bench-peers/ from scratch: each template with the head and the article in
// place of their markers, the library files, a .br beside every file, and the host pages of
// `hosts` ({name: [view, …]}) in hosts/.
export async function buildPeers(hosts = {}) {
  await fs.rm(PEERS, { recursive: true, force: true });
  await fs.mkdir(HOSTS, { recursive: true });
  const partials = {};
  for (const key of ['head', 'article']) {
    partials[key] = stripComments(await fs.readFile(path.join(TEMPLATES, `${key}.html`), 'utf8'));
  }
  const written = [];
  for (const name of PAGES) {
    const html = fill(name, await fs.readFile(path.join(TEMPLATES, name), 'utf8'), partials);
    await fs.writeFile(path.join(PEERS, name), html);
    written.push(path.join(PEERS, name));
  }
  for (const [pkg, from, to] of LIBRARY_FILES) {
    const dest = path.join(PEERS, pkg, to);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(path.join(MODULES, pkg, from), dest);
    written.push(dest);
  }
  for (const [name, views] of Object.entries(hosts)) {
    await fs.writeFile(path.join(HOSTS, name), hostPage(views));
  }
  await Promise.all(written.map(precompress));
}
