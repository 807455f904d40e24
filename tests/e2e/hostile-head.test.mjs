// Hostile text in every field of the pack that reaches the prerendered head (site name, title,
// description, breadcrumb, Open Graph, JSON-LD) and the mirror, in real Chromium (issue 13,
// item 1): "<!--<script>", "</script>", "]]>", U+2028/2029, '&' and quotes stay text. The page
// is prerendered by the built tool (build/tools/passerelle-pack) from
// tests/fixtures/hostile-head.json, served at /hostile.html of the site (same origin as the
// wasm), and loaded once: the body is whole, the mirror's text is there, the JSON-LD parses
// and equals the pack's values, no pack text ran as script, and the canvas draws the pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, newPage, waitView, visibleText } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOOL = path.join(root, 'build/tools/passerelle-pack');
const FIXTURE = path.join(root, 'tests/fixtures/hostile-head.json');
const SHELL = path.join(root, 'shell/index.html');

let env, dir, html;
before(async () => {
  env = await setUp();
  if (!existsSync(TOOL)) throw new Error('build/tools/passerelle-pack is not built: run scripts/build-site.sh');
  dir = mkdtempSync(path.join(tmpdir(), 'passerelle-hostile-'));
  const out = path.join(dir, 'hostile.html');
  execFileSync(TOOL, ['prerender', SHELL, FIXTURE, out, '--base-url', env.base + '/',
    '--pack-url', 'content/hostile-head.json'], { stdio: 'pipe' });
  html = readFileSync(out, 'utf8');
});
after(async () => { await env?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

test('hostile text in every head field: the page is whole, the JSON-LD equals the pack, nothing runs', { timeout: 90000 }, async () => {
  const pack = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const { name: site } = pack.site;
  const { title, lead, breadcrumb } = pack.page;
  const shellText = readFileSync(SHELL, 'utf8');
  const shellScripts = (shellText.match(/<script\b/gi) || []).length;
  const shellHeadScripts = (shellText.slice(0, shellText.indexOf('</head>')).match(/<script\b/gi) || []).length;

  const page = await newPage(env);
  await page.route(env.base + '/hostile.html', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.route('**/content/hostile-head.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(FIXTURE) }));
  await page.goto(env.base + '/hostile.html', { waitUntil: 'domcontentloaded' });

  // As parsed, before the view replaces anything.
  const parsed = await page.evaluate(() => {
    const meta = (sel) => document.querySelector(sel)?.getAttribute('content');
    const ld = document.querySelector('script[type="application/ld+json"]');
    let json = null;
    try { json = JSON.parse(ld.textContent); } catch (e) { json = String(e); }
    return {
      title: document.title,
      description: meta('meta[name="description"]'),
      ogTitle: meta('meta[property="og:title"]'),
      ogSite: meta('meta[property="og:site_name"]'),
      ogDescription: meta('meta[property="og:description"]'),
      canonical: document.querySelector('link[rel="canonical"]')?.href,
      json,
      scripts: document.querySelectorAll('script').length,
      kit: (() => { try { return JSON.parse(document.getElementById('passerelle-consent-kit').textContent); } catch (e) { return String(e); } })(),
      headScripts: document.head.querySelectorAll('script').length,
      h1: document.querySelector('.passerelle-mirror h1')?.textContent,
      crumbs: [...document.querySelectorAll('.passerelle-mirror nav ol li')].map((li) => li.textContent),
      lead: document.querySelector('.passerelle-mirror article p')?.textContent,
      page: !!document.querySelector('#page[data-passerelle-pack]'),
      dialog: !!document.querySelector('.passerelle-mirror [role="dialog"]'),
      mirrorText: document.querySelector('.passerelle-mirror')?.textContent || '',
      pwned: window.pwned,
    };
  });
  assert.equal(parsed.pwned, undefined, 'no pack text ran as script');
  // The pack has a consent section, so the page also carries the first choice's data block.
  assert.equal(parsed.scripts, shellScripts + 3, 'the shell\'s scripts, the JSON-LD, the inline one and the consent data block: no more');
  assert.equal(parsed.kit?.lang, pack.lang, 'the consent data block is whole JSON');
  assert.equal(parsed.kit?.notice, pack.consent.texts[pack.lang].saved_notice, 'its notice is the pack\'s, as text');
  assert.equal(parsed.headScripts, shellHeadScripts + 2, 'the head holds the shell\'s scripts (the GPU warm-up), the JSON-LD and the inline one, not the body swallowed by one');
  assert.equal(parsed.title, `${title} | ${site}`);
  assert.equal(parsed.ogTitle, title);
  assert.equal(parsed.ogSite, site);
  assert.equal(parsed.description, lead);
  assert.equal(parsed.ogDescription, lead);
  assert.equal(parsed.canonical, env.base + '/hostile.html');
  assert.ok(parsed.page, 'the view\'s element is in the body');
  assert.ok(parsed.dialog, 'the consent banner is in the mirror');
  assert.equal(parsed.h1, title, 'the mirror\'s heading is the title, as text');
  assert.deepEqual(parsed.crumbs.slice(0, breadcrumb.length), breadcrumb, 'the breadcrumb, as text');
  assert.equal(parsed.lead, lead, 'the lead, as text');
  assert.ok(parsed.mirrorText.includes('Body <!--<script> &amp; </script>'), 'the body text, as text');
  assert.deepEqual(parsed.json, {
    '@context': 'https://schema.org', '@type': 'WebPage', name: title, description: lead,
    inLanguage: pack.lang, url: env.base + '/hostile.html',
    publisher: { '@type': 'Organization', name: site },
  });

  // And the canvas draws the same pack.
  assert.equal(await waitView(page), 'ready');
  const drawn = (await visibleText(page)).map((r) => r.text).join(' ');
  assert.ok(drawn.includes('<!--<script> ]]> &'), `the canvas shows the title: ${drawn.slice(0, 300)}`);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});
