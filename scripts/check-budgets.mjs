// check-budgets.mjs — the size budgets of issue 7, checked on the built dist/ (CI:
// scripts/test.sh, after the site build).  Bytes are deterministic, so they are tested; times
// are not (bench/ prints those).
//
//   node scripts/check-budgets.mjs [DIST]     exit 0 within budget, 1 over, 2 a file is missing
//
// Budgets (brotli -q 11, 1 KB = 1024 B):
//   the standalone page: everything dist/index.html downloads    ≤ 295 KB
//   web/embed.js as shipped (dist/embed.js)                       ≤ 4 KB
//   the consent embed, what it downloads before its banner can be
//   answered, for each language's kit                             ≤ 80 KB and ≤ 5 requests
// (embed.js is the bootstrap of a partner's page: what a box is, embed-widget.<hash>.js, is
// loaded only when a box is connected; its size is printed, not budgeted.)
//
// What the page downloads is derived, not listed here (a list would go stale silently):
//   - dist/index.html itself;
//   - its <script src> (not the gated type="text/plain" ones, not other origins) and its
//     <link rel=preload|modulepreload|stylesheet href>;
//   - the content pack of each [data-passerelle-pack] element;
//   - the workers its inline scripts start (new Worker('…'): gl-warmup.js);
//   - what the loader (the passerelle.js the page includes) fetches by name: its FACES list
//     (fonts/<face>.ttf) and passerelle.wasm;
//   - the map geometry each pack names (map.geometry, relative to the pack).
// What the consent embed downloads before its banner can be answered (issue 16; counted from
// the partner's tag, the host page itself not counted) is derived the same way: embed.js; the
// widget it loads (its ASSETS' embed-widget.js); what the widget's startConsent() loads by
// name (consent-gate.js, consent-banner.js) and the kit of the language, each by its versioned
// name in ASSETS.  No .wasm, font or pack may be among them.
// A file named by any of these that is not in dist/ stops the check (exit 2).  bench/sizes.mjs
// loads the page in Chromium and compares this list with what the browser really fetched.
//
// Depends on: node: only (zlib for gzip -9 and brotli -q 11).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const KB = 1024;
export const BUDGETS = { page: 295 * KB, embed: 4 * KB, consent: 80 * KB, consentRequests: 5 };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

class MissingFile extends Error {}

// Raw, gzip -9 and brotli -q 11 (with a size hint, as the brotli tool) byte counts of a file.
export function measureFile(file, label = file) {
  const buf = readFileSync(file);
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
  return { path: label, kind: kindOf(label), raw: buf.length, gz, br };
}

// The kind a file is grouped under: what a reader would try to shrink separately.
export function kindOf(p) {
  if (p.endsWith('.wasm')) return 'wasm';
  if (/\.m?js$/.test(p)) return 'JS';
  if (/\.(ttf|otf|woff2?)$/.test(p)) return 'fonts';
  if (p.endsWith('.html')) return 'HTML';
  if (/map-geometry.*\.json$/.test(p)) return 'map geometry';
  if (p.endsWith('.json')) return 'pack';
  return 'other';
}

export function sum(list) {
  return list.reduce((a, m) => ({ raw: a.raw + m.raw, gz: a.gz + m.gz, br: a.br + m.br }), { raw: 0, gz: 0, br: 0 });
}

// Attributes of every <tag …> in some HTML, as plain objects (enough for our own shell).
function tags(html, name) {
  const out = [];
  const re = new RegExp(`<${name}\\b([^>]*)>`, 'gi');
  for (let m; (m = re.exec(html));) {
    const attrs = {};
    const a = /([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
    for (let x; (x = a.exec(m[1]));) attrs[x[1].toLowerCase()] = x[2] ?? x[3] ?? x[4] ?? '';
    out.push(attrs);
  }
  return out;
}

// Every element with a data-passerelle-pack attribute (any tag).
function packAttributes(html) {
  const out = [];
  const re = /data-passerelle-pack\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
  for (let m; (m = re.exec(html));) out.push(m[1] ?? m[2]);
  return out;
}

// The same-origin path (from dist/'s root) of a URL written in a page at `from`; null for
// other origins and data: URLs.
function sitePath(url, from = '/index.html') {
  const u = new URL(url, 'http://site.invalid' + from);
  if (u.origin !== 'http://site.invalid') return null;
  return decodeURIComponent(u.pathname);
}

// The list of same-origin paths the standalone page downloads, in the order given above,
// each once.  Throws MissingFile when one of them is not in dist/.
export function pageFiles(dist) {
  const files = [];
  const need = (p, why) => {
    if (!p || files.some((f) => f.path === p)) return;
    if (!existsSync(path.join(dist, p))) throw new MissingFile(`${p} (${why}) is not in ${dist}`);
    files.push({ path: p, why });
  };
  const htmlPath = '/index.html';
  need(htmlPath, 'the page');
  const html = readFileSync(path.join(dist, htmlPath), 'utf8');

  const scripts = tags(html, 'script').filter((t) => t.src && (!t.type || /javascript|module/.test(t.type)));
  for (const t of scripts) need(sitePath(t.src), '<script src>');
  for (const t of tags(html, 'link')) {
    if (t.href && /\b(preload|modulepreload|stylesheet)\b/.test(t.rel || '')) need(sitePath(t.href), `<link rel=${t.rel}>`);
  }
  for (const m of html.matchAll(/new Worker\((['"])([^'"]+)\1\)/g)) need(sitePath(m[2]), 'a worker the page starts');
  const packs = packAttributes(html);
  if (!packs.length) throw new MissingFile(`${htmlPath} has no [data-passerelle-pack] element: which pack does it show?`);
  for (const p of packs) need(sitePath(p), 'data-passerelle-pack');

  // The loader: the script the page includes that defines Passerelle.mount.
  const loader = scripts.map((t) => sitePath(t.src)).find((p) => p && /Passerelle|api\.mount/.test(readFileSync(path.join(dist, p), 'utf8')) &&
    /FACES\s*=/.test(readFileSync(path.join(dist, p), 'utf8')));
  if (!loader) throw new MissingFile(`no script of ${htmlPath} defines the loader's FACES list (web/loader/mount.js)`);
  const src = readFileSync(path.join(dist, loader), 'utf8');
  const faces = /FACES\s*=\s*\[([^\]]*)\]/.exec(src);
  const names = faces ? [...faces[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2]) : [];
  if (!names.length) throw new MissingFile(`${loader}: its FACES list is empty or unreadable`);
  const base = path.posix.dirname(loader);
  for (const f of names) need(path.posix.join(base, 'fonts', f + '.ttf'), `font of ${loader}`);
  if (!/['"]passerelle\.wasm['"]/.test(src)) throw new MissingFile(`${loader} no longer names passerelle.wasm`);
  need(path.posix.join(base, 'passerelle.wasm'), `wasm of ${loader}`);

  for (const p of packs) {
    const packPath = sitePath(p);
    let pack;
    try { pack = JSON.parse(readFileSync(path.join(dist, packPath), 'utf8')); } catch (e) {
      throw new MissingFile(`${packPath} is not valid JSON (${e.message})`);
    }
    const geometry = pack && pack.map && pack.map.geometry;
    if (typeof geometry === 'string') need(sitePath(geometry, packPath), `map geometry of ${packPath}`);
  }
  return files;
}

// {lang: [paths]}: what the consent embed downloads before its banner is answerable, per kit.
export function consentFiles(dist) {
  const read = (p) => {
    if (!existsSync(path.join(dist, p))) throw new MissingFile(`${p} (consent embed) is not in ${dist}`);
    return readFileSync(path.join(dist, p), 'utf8');
  };
  const m = /var ASSETS = (\{[^;]*\});/.exec(read('embed.js'));
  if (!m) throw new MissingFile('embed.js has no ASSETS table (scripts/embed-assets.mjs)');
  const assets = JSON.parse(m[1]);
  const named = (n) => {
    if (!assets[n]) throw new MissingFile(`embed.js's ASSETS does not name ${n}`);
    return '/' + assets[n][0];
  };
  const widget = named('embed-widget.js');
  // Its body: up to the next function declared at the same level (the shipped file has no indentation).
  const start = /function startConsent\(w\) \{[\s\S]*?\n\s*function /.exec(read(widget));
  if (!start) throw new MissingFile(`${widget} has no startConsent(w)`);
  const loads = [...start[0].matchAll(/\.load\('([^']+)'\)/g)].map((x) => named(x[1]));
  if (!/'consent-banner\.' \+ w\.lang \+ '\.json'/.test(start[0])) throw new MissingFile(`${widget}: startConsent no longer names its kit`);
  const out = {};
  for (const k of Object.keys(assets).filter((n) => /^consent-banner\.[a-z]+\.json$/.test(n))) {
    const files = ['/embed.js', widget, ...loads, named(k)];
    for (const f of files) read(f);
    out[k.split('.')[1]] = files;
  }
  if (!Object.keys(out).length) throw new MissingFile('embed.js names no consent-banner.<lang>.json kit');
  return out;
}

const COLUMNS = ['file', 'raw B', 'gzip-9 B', 'brotli-11 B', 'br KB'];

// An aligned text table (first column left, the others right).
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => r !== '-').map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map((r) => (r === '-' ? rule : line(r)))].join('\n');
}

const n = (x) => Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
const kb = (x) => (x / KB).toFixed(1);
const row = (label, m) => [label, n(m.raw), n(m.gz), n(m.br), kb(m.br)];

function verdict(label, br, budget) {
  const ok = br <= budget;
  return { ok, text: `${ok ? 'ok  ' : 'OVER'}  ${label}: ${kb(br)} KB brotli, budget ${kb(budget)} KB (${ok ? kb(budget - br) + ' KB to spare' : kb(br - budget) + ' KB over'})` };
}

export function check(dist) {
  const files = pageFiles(dist).map((f) => measureFile(path.join(dist, f.path), f.path));
  const total = sum(files);
  const kinds = [...new Set(files.map((f) => f.kind))];
  console.log('Files the standalone page downloads (dist/index.html, derived; brotli -q 11; 1 KB = 1024 B)\n');
  console.log(formatTable(COLUMNS, [...files.map((m) => row(m.path, m)), '-',
    ...kinds.map((k) => { const l = files.filter((f) => f.kind === k); return row(`  ${k} (${l.length})`, sum(l)); }), '-',
    row(`total (${files.length} files)`, total)]));
  if (!existsSync(path.join(dist, 'embed.js'))) throw new MissingFile(`embed.js is not in ${dist}`);
  const embed = measureFile(path.join(dist, 'embed.js'), '/embed.js');
  const widgetName = readdirSync(dist).find((f) => /^embed-widget\.[0-9a-f]{8}\.js$/.test(f));
  const widget = widgetName ? [row(`/${widgetName} (loaded by a box)`, measureFile(path.join(dist, widgetName), '/' + widgetName))] : [];
  console.log('\n' + formatTable(COLUMNS, [row('/embed.js (partner sites\' tag)', embed), ...widget]));
  const results = [verdict('standalone page', total.br, BUDGETS.page), verdict('embed.js', embed.br, BUDGETS.embed)];
  for (const [lang, list] of Object.entries(consentFiles(dist))) {
    const ms = list.map((p) => measureFile(path.join(dist, p), p));
    console.log(`\nThe consent embed (${lang}) before its banner is answerable (derived)\n`);
    console.log(formatTable(COLUMNS, [...ms.map((x) => row(x.path, x)), '-', row(`total (${ms.length} requests)`, sum(ms))]));
    results.push(verdict(`consent embed (${lang})`, sum(ms).br, BUDGETS.consent));
    const bad = list.filter((p) => /\.(wasm|ttf)$|\/content\//.test(p));
    const ok = ms.length <= BUDGETS.consentRequests && !bad.length;
    results.push({ ok, text: `${ok ? 'ok  ' : 'OVER'}  consent embed (${lang}): ${ms.length} requests, budget ${BUDGETS.consentRequests}` +
      (bad.length ? `; it must not need ${bad.join(', ')}` : '') });
  }
  console.log('\n' + results.map((r) => r.text).join('\n'));
  return results.every((r) => r.ok);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
  try {
    process.exitCode = check(dist) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof MissingFile)) throw e;
    console.error(`check-budgets: ${e.message}`);
    process.exitCode = 2;
  }
}
