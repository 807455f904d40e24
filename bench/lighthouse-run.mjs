// lighthouse-run.mjs — Lighthouse (npm, pinned to 12.2.3: 13.x needs Node 22) on Debian's
// Chromium, for bench/lighthouse.mjs (accessibility, SEO, best practices) and bench/speed.mjs
// (performance).  The browser is started by chrome-launcher, the launcher Lighthouse ships,
// with the browser tests' flags (SwiftShader WebGL, no sandbox, no background networking).
//
// The trace engine Lighthouse 12.2.3 bundles (@paulirish/trace_engine 0.0.32) fails on this
// Chromium's traces: its ScreenshotsHandler reads
// PipelineReporter.args.chrome_frame_reporter.frame_sequence, which Chromium 156 no longer
// writes ("Cannot read properties of undefined (reading 'frame_sequence')").  The metrics do
// not use it (Lighthouse computes them with its own trace processor and Lantern), but the
// RootCauses and TraceElements gatherers and the render-blocking insight do, and their audits
// end in an error.  Those audits carry no weight in any score: SKIP_BROKEN leaves them out,
// so that a run says only what it measured.
//
// Depends on: lighthouse, chrome-launcher (shipped with it), node: only.
import os from 'node:os';
import lighthouse, { desktopConfig } from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const CHROME = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

export const SKIP_BROKEN = ['layout-shifts', 'largest-contentful-paint-element', 'lcp-lazy-loaded',
  'non-composited-animations', 'prioritize-lcp-image', 'render-blocking-resources'];

// Starts the browser; {port, kill(), version: the browser's own "Chrome/…" string}.
// Throws with the browser's path in the message when it does not start.
export async function launchForLighthouse() {
  let chrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS, logLevel: 'silent' });
  } catch (e) {
    throw new Error(`could not start ${CHROME}: ${e.message}`);
  }
  const version = await fetch(`http://127.0.0.1:${chrome.port}/json/version`).then((r) => r.json())
    .then((j) => j.Browser, () => 'unknown');
  return { port: chrome.port, version, kill: () => chrome.kill() };
}

export async function lighthouseVersion() {
  return (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version;
}

// The line a Lighthouse table starts with: Lighthouse's, the browser's and Node's versions,
// the date, the machine, and the settings.
export async function lighthouseHeader(title, browserVersion, settings) {
  const cpus = os.cpus();
  return `${title} — Lighthouse ${await lighthouseVersion()}, ${browserVersion}, Node ${process.version}, ` +
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ${cpus.length} CPU (${cpus[0]?.model.replace(/\s+/g, ' ').trim()}), ` +
    settings;
}

// One Lighthouse run of `url`: its report (lhr).  formFactor 'desktop' takes Lighthouse's
// desktop settings (default: its mobile preset); throttlingMethod 'simulate' (Lighthouse's
// default: a fast load, then Lantern's model of the mobile profile) or 'devtools' (the load
// itself throttled); skip: audit ids left out.  Throws when Lighthouse returns nothing.
export async function runLighthouse(chrome, url, { categories, formFactor = 'mobile', throttlingMethod, skip = [] }) {
  const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
  if (throttlingMethod) flags.throttlingMethod = throttlingMethod;
  if (skip.length) flags.skipAudits = skip;
  const run = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
  if (!run?.lhr) throw new Error(`${url}: Lighthouse returned no result`);
  return run.lhr;
}
