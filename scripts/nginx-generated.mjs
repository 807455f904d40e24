// nginx-generated.mjs — the part of the nginx rules that depends on the built files, read from
// them (so that it cannot drift from them), as an include for the http {} block.
//
//   node scripts/nginx-generated.mjs dist build/nginx/passerelle.generated.conf [--site-url URL]
//       (run by Makefile.emscripten after dist/ is built, with its SITE_URL: the paths are those
//       under SITE_URL's path, /international/index.html for https://example.org/international/;
//       scripts/nginx.mjs makes the same for whatever root it serves, at /)
//
// It defines, per path asked for ($passerelle_path, set by deploy/nginx/passerelle-files.conf),
// the variables deploy/nginx/passerelle-http.conf and -server.conf use:
//   $passerelle_script_hashes   'sha256-…' of every inline script of a page that runs or may
//                               run (consent-gated ones run later with the same text);
//                               JSON-LD and other data blocks never run and need none
//   $passerelle_style_hashes    'sha256-…' of every <style> block of a page
//   $passerelle_gated_scripts   origins of a page's consent-gated external scripts
//   $passerelle_gated_frames    origins of a page's iframes (gated or not), else 'none'
//   $passerelle_decoded_length  size of each file that has a .br/.gz sibling (X-Decoded-Length)
//   $passerelle_lang_redirect   "<page>|<lang>" → the page in that language (hreflang links)
// and fails, naming the file, on what the policy cannot allow without 'unsafe-inline': a
// style="" or on…="" attribute, or an external script of another origin that is not gated
// (unless lenient: for the tests' partner site, which is sent none of these headers).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const EXECUTABLE = new Set(['', 'text/javascript', 'application/javascript', 'module']);

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function attributes(text) {
  const out = {};
  for (const m of text.matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

// The elements of a page as {name, attrs, text}: comments skipped, the text of <script> and
// <style> kept as the browser hashes it (raw text, no entity decoding).
const TOKEN = /<!--[\s\S]*?-->|<(script|style)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>|<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
function elements(html) {
  const out = [];
  for (const m of html.matchAll(TOKEN)) {
    if (m[1]) out.push({ name: m[1].toLowerCase(), attrs: attributes(m[2]), text: m[3] });
    else if (m[4]) out.push({ name: m[4].toLowerCase(), attrs: attributes(m[5]) });
  }
  return out;
}

function walk(dir, rel = '') {
  const files = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.posix.join(rel, e.name);
    if (e.isDirectory()) files.push(...walk(dir, name));
    else if (e.isFile()) files.push(name);
  }
  return files;
}

// The origin of a URL, or null for one of the page's own origin (relative).
function origin(url) {
  const u = new URL(url, 'http://self.invalid/');
  return u.origin === 'http://self.invalid' ? null : u.origin;
}

// The scripts of one page: hashes of the inline ones that run, origins of gated external ones.
function scriptSources(scripts, file, lenient) {
  const hashes = [], gated = [];
  for (const { attrs: a, text } of scripts) {
    const type = (a.type || '').trim().toLowerCase();
    const isGated = 'data-passerelle-purpose' in a && type === 'text/plain';
    if (!isGated && !EXECUTABLE.has(type)) continue;  // a data block (JSON-LD): never runs
    if (a.src === undefined) { hashes.push(sha256(text)); continue; }
    const o = origin(a.src);
    if (o && isGated) gated.push(o);
    else if (o && !lenient) throw new Error(`${file}: the script ${a.src} is on another origin and not consent-gated: add its origin to the policy on purpose (deploy/nginx/passerelle-http.conf)`);
  }
  return { hashes, gated };
}

function pagePolicy(html, file, lenient) {
  const els = elements(html);
  for (const e of lenient ? [] : els) {
    const bad = Object.keys(e.attrs).find((k) => k === 'style' || /^on[a-z]+$/.test(k));
    if (bad) throw new Error(`${file}: <${e.name} ${bad}=""> would need 'unsafe-inline' in the Content-Security-Policy: use a class and the <style> block, or addEventListener`);
  }
  const { hashes, gated } = scriptSources(els.filter((e) => e.name === 'script'), file, lenient);
  const styles = els.filter((e) => e.name === 'style').map((e) => sha256(e.text));
  const frames = els.filter((e) => e.name === 'iframe').map((e) => origin(e.attrs['data-src'] || e.attrs.src || ''));
  const uniq = (xs) => [...new Set(xs.filter(Boolean))].join(' ');
  return { scripts: uniq(hashes), styles: uniq(styles), gatedScripts: uniq(gated), frames: uniq(frames) || "'none'", els };
}

// "/index.html|en" → "index.en.html", from the page's <link rel="alternate" hreflang> links.
// `file` is the page's path from the site's root, "/…".
function langRedirects(els, file) {
  const links = els.filter((e) => e.name === 'link').map((e) => e.attrs)
    .filter((a) => a.rel === 'alternate' && a.hreflang && a.hreflang !== 'x-default' && a.href);
  const self = path.posix.basename(file);
  const out = [];
  for (const a of links) {
    const target = path.posix.basename(new URL(a.href, 'http://x/').pathname);
    if (target === self) continue;
    const dir = path.posix.dirname(file);
    const page = path.posix.join(dir, self);
    out.push([`${page}|${a.hreflang}`, target]);
    if (self === 'index.html') out.push([`${dir === '/' ? '' : dir}/|${a.hreflang}`, target]);
  }
  return out;
}

function quote(value) {
  if (/["\\$\n]/.test(value)) throw new Error(`cannot write ${JSON.stringify(value)} in an nginx string`);
  return `"${value}"`;
}

function map(source, variable, entries, fallback = '') {
  const lines = entries.map(([k, v]) => `    ${quote(k)} ${quote(v)};`);
  return `map ${source} $${variable} {\n    default ${quote(fallback)};\n${lines.join('\n')}\n}\n`;
}

// The include for the files under `root`, as text.
export function generatedInclude(root, { lenient = false, base = '/' } = {}) {
  const files = walk(root).sort();
  const pages = files.filter((f) => f.endsWith('.html'));
  const policies = pages.map((f) => [base + f, pagePolicy(readFileSync(path.join(root, f), 'utf8'), f, lenient)]);
  const pick = (key) => policies.map(([u, p]) => [u, p[key]]).filter(([, v]) => v);
  const decoded = files.filter((f) => !/\.(br|gz)$/.test(f) && (files.includes(f + '.br') || files.includes(f + '.gz')))
    .map((f) => [base + f, String(statSync(path.join(root, f)).size)]);
  const lang = policies.flatMap(([u, p]) => langRedirects(p.els, u));
  return `# passerelle.generated.conf — made by scripts/nginx-generated.mjs from the built files: do
# not edit (rebuild). Goes beside deploy/nginx/passerelle-http.conf, which includes it.\n\n` +
    map('$passerelle_path', 'passerelle_script_hashes', pick('scripts')) +
    map('$passerelle_path', 'passerelle_style_hashes', pick('styles')) +
    map('$passerelle_path', 'passerelle_gated_scripts', pick('gatedScripts')) +
    map('$passerelle_path', 'passerelle_gated_frames', pick('frames'), "'none'") +
    map('$passerelle_path', 'passerelle_decoded_length', decoded) +
    map('"$uri|$arg_lang"', 'passerelle_lang_redirect', lang);
}

// Writes the include for `root` to `out` (only when it changed: nginx -s reload reads it).
export function writeGeneratedInclude(root, out, options) {
  const text = generatedInclude(root, options);
  if (existsSync(out) && readFileSync(out, 'utf8') === text) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--site-url');
  const base = at >= 0 ? new URL(args.splice(at, 2)[1]).pathname.replace(/\/?$/, '/') : '/';
  const [root = 'dist', out = 'build/nginx/passerelle.generated.conf'] = args;
  try {
    console.log(`nginx-generated: ${writeGeneratedInclude(path.resolve(root), path.resolve(out), { base })}`);
  } catch (e) {
    console.error(`nginx-generated: ${e.message}`);
    process.exit(1);
  }
}
