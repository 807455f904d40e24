// check-structure.mjs — keeps src/ a map of the product (ARCHITECTURE.md), checked in CI by
// scripts/test.sh before anything is compiled:
//
//   1. layers: each folder of src/ (and tools/) may include only the folders its rule names
//      (LAYERS below, the same table as ARCHITECTURE.md); a header under a detail/ folder is
//      private to the folder that holds it; libraries (nlohmann/json, Dear ImGui, Emscripten,
//      GLES) only where their rule lists them.
//   2. function length: no function in src/, tools/ or web/ is longer than a screen
//      (MAX_LINES, from its first line to its closing brace, nested functions and lambdas
//      counted in their parent) unless a comment "long-function: <why>" stands directly above it.
//
//   node scripts/check-structure.mjs [ROOT]    exit 0 when all holds, 1 with one line per finding
//
// Why a script and not only CMake targets: the targets already keep core from linking ImGui,
// but they cannot see that map/ reached into pack/, or that ui/ read JSON.  This reads the
// #include lines themselves, so a bad include fails CI at once, with the file and line.
//
// Depends on: node: only.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

// JS is parsed with acorn (Debian's node-acorn, which Emscripten needs too, so the same one
// scripts/strip-comments.mjs uses): a real parser sees every function shape.
const require = createRequire(import.meta.url);
function loadAcorn() {
  try { return require('acorn'); } catch { return require('/usr/share/nodejs/acorn'); }
}

export const MAX_LINES = 60;

// What each folder may include, besides itself and the standard library.  Folder names are
// relative to src/; a quoted include names a file relative to src/ ("core/map/camera.hpp").
// `libs` are the non-standard libraries the folder may include directly.
const CORE_PUBLIC = ['core/base', 'core/design', 'core/text', 'core/consent', 'core/map', 'core/pack', 'core/page', 'core/mirror'];
export const LAYERS = {
  'core/base': { may: [], libs: [] },
  'core/json': { may: ['core/base'], libs: ['nlohmann'] },
  'core/text': { may: ['core/base'], libs: [] },
  'core/design': { may: ['core/base', 'core/text'], libs: [] },
  'core/consent': { may: ['core/base'], libs: [] },
  'core/map': { may: ['core/base', 'core/json'], libs: [] },
  'core/pack': { may: ['core/base', 'core/json', 'core/text', 'core/consent'], libs: [] },
  'core/page': { may: ['core/base', 'core/design', 'core/text', 'core/pack'], libs: [] },
  'core/mirror': { may: ['core/base', 'core/design', 'core/json', 'core/text', 'core/consent', 'core/map', 'core/pack', 'core/page'], libs: [] },
  'ui': { may: [...CORE_PUBLIC], libs: ['imgui'] },
  'platform/web': { may: [...CORE_PUBLIC, 'ui'], libs: ['imgui', 'emscripten', 'gles'] },
  'tools': { may: [...CORE_PUBLIC], libs: [] },
  // The proof-of-consent service: native only, on the core, with its HTTP, database and hash
  // libraries (never ui/ or platform/).
  'server/consent_log': { may: [...CORE_PUBLIC], libs: ['httplib', 'sqlite', 'libpq', 'openssl'] },
};

// Libraries by the include paths that name them.  Anything else in <…> is taken for the
// standard library (or the C library), which every layer may use.
const LIBRARIES = [
  ['nlohmann', /^nlohmann\//],
  ['imgui', /^imgui/],
  ['emscripten', /^emscripten/],
  ['gles', /^(GLES\d?|EGL|GL)\//],
  ['gtest', /^(gtest|gmock)\//],
  ['httplib', /^httplib\.h$/],
  ['sqlite', /^sqlite3\.h$/],
  ['libpq', /^libpq-fe\.h$/],
  ['openssl', /^openssl\//],
];

const SOURCE_EXT = /\.(cpp|hpp|h|cc)$/;
const JS_EXT = /\.(mjs|js)$/;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// The layer of a file: its rule's key, or null for files no rule covers.
export function layerOf(rel) {
  if (rel.startsWith('tools/')) return 'tools';
  if (!rel.startsWith('src/')) return null;
  const inSrc = rel.slice(4);
  const keys = Object.keys(LAYERS).sort((a, b) => b.length - a.length);
  return keys.find((k) => inSrc === k || inSrc.startsWith(k + '/')) ?? null;
}

// --- 1. layers ------------------------------------------------------------------------------

export function checkIncludes(root, rel, text) {
  const findings = [];
  const layer = layerOf(rel);
  if (!layer) return findings;
  const rule = LAYERS[layer];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = line.match(/^\s*#\s*include\s*([<"])([^>"]+)[>"]/);
    if (!m) return;
    const [, open, target] = m;
    const where = `${rel}:${i + 1}`;
    const lib = LIBRARIES.find(([, re]) => re.test(target));
    if (lib) {
      if (!rule.libs.includes(lib[0]))
        findings.push(`${where}: ${layer} may not include ${lib[0]} (<${target}>); allowed: ${rule.libs.join(', ') || 'none'}`);
      return;
    }
    if (open === '<') return;  // the standard library
    // A quoted include: a file of src/ (the project's include root), else one beside the file.
    const beside = path.join(path.dirname(rel), target);
    const targetRel = existsSync(path.join(root, 'src', target)) || target.includes('/') && !existsSync(path.join(root, beside))
      ? 'src/' + target
      : beside;
    const targetLayer = layerOf(targetRel);
    if (!targetLayer) return;
    if (targetLayer !== layer && !rule.may.includes(targetLayer)) {
      findings.push(`${where}: ${layer} may not include ${targetLayer} ("${target}"); allowed: ${rule.may.join(', ') || 'nothing'}`);
      return;
    }
    const detail = targetRel.indexOf('/detail/');
    if (detail >= 0) {
      const owner = targetRel.slice(0, detail);
      if (!(rel.startsWith(owner + '/')))
        findings.push(`${where}: "${target}" is private to ${owner.slice(4)}/ (a detail/ header)`);
    }
  });
  return findings;
}

// --- 2. function length ---------------------------------------------------------------------

// Blanks out comments, string and character literals (keeping newlines, so line numbers hold)
// and preprocessor lines of C++ source, so that its braces can be counted.
export function blankCpp(src) {
  const out = src.split('');
  const blank = (a, b) => { for (let k = a; k < b; k++) if (out[k] !== '\n') out[k] = ' '; };
  let i = 0;
  while (i < src.length) {
    const c = src[i], n = src[i + 1];
    if (c === '/' && n === '/') { const e = src.indexOf('\n', i); const end = e < 0 ? src.length : e; blank(i, end); i = end; continue; }
    if (c === '/' && n === '*') { const e = src.indexOf('*/', i + 2); const end = e < 0 ? src.length : e + 2; blank(i, end); i = end; continue; }
    if (c === '#' && /(^|\n)[ \t]*$/.test(src.slice(Math.max(0, i - 200), i))) {
      let e = i;  // a preprocessor line, with its continuations
      do { e = src.indexOf('\n', e + 1); } while (e > 0 && src[e - 1] === '\\');
      const end = e < 0 ? src.length : e;
      blank(i, end); i = end; continue;
    }
    if (c === 'R' && n === '"' && !/\w/.test(src[i - 1] ?? '')) {  // raw string R"d( … )d"
      const open = src.indexOf('(', i);
      const delim = ')' + src.slice(i + 2, open) + '"';
      const e = src.indexOf(delim, open);
      const end = e < 0 ? src.length : e + delim.length;
      blank(i + 1, end); i = end; continue;
    }
    // A string, or a character literal (not a digit separator: 1'000'000).
    if (c === '"' || (c === "'" && !(/[0-9a-fA-F]/.test(src[i - 1] ?? '') && /[0-9a-fA-F]/.test(n ?? '')))) {
      let k = i + 1;
      while (k < src.length && src[k] !== c && src[k] !== '\n') k += src[k] === '\\' ? 2 : 1;
      blank(i + 1, k); i = k + 1; continue;
    }
    i++;
  }
  return out.join('');
}

const CPP_CONTAINER = /\b(namespace|class|struct|union|enum)\b[^()]*$|\bextern\s*"?\s*"?\s*$/;
const CPP_FUNCTION = /\)\s*((const|noexcept|override|final|mutable|volatile|&&?)\s*)*(->\s*[\w:<>,\s*&]+)?$/;
const CPP_CTOR = /\)\s*(noexcept\s*)?:[^;]*[)}]$/;
const isFunctionNode = (n) => /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n?.type);

// The functions of a script, from acorn's tree: [{ start, end, name, exempt }].  The module
// wrapper of a script — (function () { … })(); — is the file itself, not a function a reader
// has to hold in mind: exempt.  Nested functions are listed too (each is checked alone, and
// counts in its parent's length).
export function jsFunctions(src) {
  const acorn = loadAcorn();
  const program = acorn.parse(src, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowReturnOutsideFunction: true, allowHashBang: true });
  const top = program.body.length === 1 && program.body[0].type === 'ExpressionStatement' && program.body[0].expression;
  const call = top && (top.type === 'UnaryExpression' ? top.argument : top);
  const wrapper = call && call.type === 'CallExpression' && isFunctionNode(call.callee) ? call.callee : null;
  const found = [];
  (function walk(node, name) {
    if (!node || typeof node.type !== 'string') return;
    if (isFunctionNode(node))
      found.push({ start: node.loc.start.line, end: node.loc.end.line, name: node.id?.name ?? name ?? 'function', exempt: node === wrapper });
    const nameOf = (n) => n.key?.name ?? n.key?.value ?? (n.type === 'VariableDeclarator' ? n.id?.name : undefined) ??
      (n.type === 'AssignmentExpression' ? n.left?.property?.name ?? n.left?.name : undefined) ??
      (n.type === 'CallExpression' ? n.callee?.property?.name ?? n.callee?.name : undefined);
    const childName = nameOf(node) ?? (isFunctionNode(node) ? undefined : name);
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc') continue;
      if (Array.isArray(v)) v.forEach((c) => walk(c, childName));
      else if (v && typeof v === 'object') walk(v, childName);
    }
  })(program, undefined);
  return found;
}

// The functions of a C++ source file: [{ start, end, name }] with 1-based lines.  A function
// starts at the first line of its head (the text since the previous statement) and ends at
// its closing brace.
export function findFunctions(src, js) {
  if (js) return jsFunctions(src);
  const code = blankCpp(src);
  const lineAt = [];
  for (let i = 0, line = 1; i < code.length; i++) { lineAt.push(line); if (code[i] === '\n') line++; }
  const stack = [];  // { kind: 'container' | 'fn' | 'block' | 'init', start, name }
  const found = [];
  let headStart = 0;
  const inFunction = () => stack.some((s) => s.kind === 'fn');
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === ';') { headStart = i + 1; continue; }
    if (c === '}') {
      const s = stack.pop();
      if (s && s.kind === 'fn') found.push({ start: s.start, end: lineAt[i], name: s.name });
      // An initializer's braces belong to the statement around them (C++: `T x{…}`,
      // constructor initializer lists `: a_{x} {`); anything else ends a statement.
      if (!(s && s.kind === 'init')) headStart = i + 1;
      continue;
    }
    if (c !== '{') continue;
    const rawHead = code.slice(headStart, i);
    const head = rawHead.replace(/\s+/g, ' ').trim();
    const offset = rawHead.search(/\S/);
    const start = lineAt[offset < 0 ? i : headStart + offset];
    let kind;
    if (inFunction()) {
      kind = 'block';  // a block or a lambda: both count in the function around them
    } else if (CPP_CONTAINER.test(head)) {
      kind = 'container';
    } else if (CPP_FUNCTION.test(head) || CPP_CTOR.test(head)) {
      kind = 'fn';
    } else {
      kind = 'init';
    }
    const name = (head.match(/([\w$:~]+)\s*\(/) || [])[1] ?? head.slice(0, 40);
    stack.push({ kind, start, name });
    if (kind !== 'init') headStart = i + 1;
  }
  return found;
}

export function checkFunctionLengths(rel, text, maxLines = MAX_LINES) {
  const js = JS_EXT.test(rel);
  const lines = text.split('\n');
  const findings = [];
  for (const f of findFunctions(text, js)) {
    const length = f.end - f.start + 1;
    if (f.exempt || length <= maxLines) continue;
    // The reason: a comment containing "long-function:" on the lines directly above (the
    // contiguous comment block ending at the function's first line) or on that line.
    let k = f.start - 1;  // 0-based index of the first line
    let reasoned = /long-function:/.test(lines[k] ?? '');
    for (k = k - 1; k >= 0 && !reasoned && /^\s*(\/\/|\*|\/\*|template\b|\[\[)/.test(lines[k]); k--)
      reasoned = /long-function:/.test(lines[k]);
    if (!reasoned)
      findings.push(`${rel}:${f.start}: ${f.name} is ${length} lines (more than ${maxLines}): split it, or say why above it ("// long-function: …")`);
  }
  return findings;
}

// --- the whole tree -------------------------------------------------------------------------

export function checkTree(root) {
  const findings = [];
  const files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'tools')), ...walk(path.join(root, 'web'))]
    .map((p) => path.relative(root, p).split(path.sep).join('/'));
  for (const rel of files) {
    const text = readFileSync(path.join(root, rel), 'utf8');
    if (SOURCE_EXT.test(rel) && rel.startsWith('src/') && !layerOf(rel))
      findings.push(`${rel}: no rule for this folder (add one to LAYERS here and to ARCHITECTURE.md)`);
    if (SOURCE_EXT.test(rel)) findings.push(...checkIncludes(root, rel, text));
    if (SOURCE_EXT.test(rel) || (JS_EXT.test(rel) && (rel.startsWith('web/') || rel.startsWith('src/'))))
      findings.push(...checkFunctionLengths(rel, text));
  }
  return { files: files.length, findings };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, findings } = checkTree(root);
  for (const f of findings) console.log(f);
  console.log(`check-structure: ${files} files, ${findings.length} finding${findings.length === 1 ? '' : 's'} (rules: ARCHITECTURE.md)`);
  process.exit(findings.length ? 1 : 0);
}
