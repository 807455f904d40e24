// The start-up in short tasks (issue 16): the font atlases are built one per task, those the
// first screen draws before the first frame, the others after it (web/loader/frame-loop.js,
// pl_prepare_fonts, ui/app/app_fonts.cpp), and every glyph the page draws is in them when it
// is drawn.  Structure, never milliseconds: a timed assertion would fail on a
// busy machine; bench/startup.mjs prints the times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, newPage, openView, visibleText, waitIdle, countTasksAtMeasures, regionPixels, darkFraction } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

// The slices, each [start, end], the interactive mark, and the task count of each slice.
function slicesOf(page) {
  return page.evaluate(() => {
    const slices = performance.getEntriesByName('passerelle:font-slice', 'measure');
    return {
      ticks: (window.__measureTicks['passerelle:font-slice'] || []).map((e) => e.ticks),
      slices: slices.map((e) => ({ start: e.startTime, end: e.startTime + e.duration })),
      atlas: performance.getEntriesByName('passerelle:font-atlas', 'measure').length,
      interactive: performance.getEntriesByName('passerelle:interactive')[0]?.startTime,
    };
  });
}

test('the font atlases are built one slice per task, the first screen\'s before the first frame', async () => {
  const page = await newPage(env);
  await page.addInitScript(countTasksAtMeasures);
  assert.equal(await openView(page, env), 'ready');
  await waitIdle(page, 300);  // the slices after the first frame, too
  await page.evaluate(() => { window.__stopTicks = true; });
  const r = await slicesOf(page);
  // The sizes of the type scale (17 at 1280 px) grouped into a few atlases (ui/atlas_plan):
  // more than one, so no slice rasterises them all; not one per size, whose uploads and
  // yields made the fast profile slower.
  assert.ok(r.slices.length >= 3, `${r.slices.length} slices`);
  assert.ok(r.slices.length <= 10, `${r.slices.length} slices: the sizes are not grouped`);
  assert.equal(r.ticks.length, r.slices.length);
  const tasks = new Set(r.ticks).size;
  assert.equal(tasks, r.slices.length, `every slice in a task of its own (counts: ${r.ticks.join(' ')})`);
  assert.equal(r.atlas, 1, 'one passerelle:font-atlas measure, for bench/startup.mjs');
  const before = r.slices.filter((s) => s.start < r.interactive);
  assert.ok(before.length >= 1, 'io.Fonts at least before the first frame');
  assert.ok(r.interactive >= before[before.length - 1].end, 'the first frame comes after the first screen\'s slices');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The structure the first frame gains from: it waits for the first screen's atlases only, and
// as many atlases at least are rasterised after it (at 1280 px and 1x, two and two since every
// atlas has half the glyphs it had: FontBook's kBaseGlyphs).
test('no more font slices come before passerelle:interactive than after it', async () => {
  const page = await newPage(env);
  await page.addInitScript(countTasksAtMeasures);
  assert.equal(await openView(page, env), 'ready');
  await waitIdle(page, 300);
  const r = await slicesOf(page);
  const before = r.slices.filter((s) => s.start < r.interactive).length;
  const after = r.slices.length - before;
  assert.ok(after >= 1 && before <= after, `${before} slices before the first frame, ${after} after`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// A scroll far down the page right after the first frame, before the slices after it could
// build the atlases it shows: the frames build them first, and no character is drawn with
// ImGui's fallback glyph, neither in the first frames after the scroll nor at rest.
test('a scroll right after the first frame draws no fallback glyph', async () => {
  const page = await newPage(env, { width: 1280, height: 800, deviceScaleFactor: 2 });
  await page.emulateMedia({ reducedMotion: 'reduce' });  // the wheel lands at once
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    const slices = () => performance.getEntriesByName('passerelle:font-slice', 'measure').length;
    performance.mark = function (name, ...rest) {
      const m = mark(name, ...rest);
      if (name !== 'passerelle:interactive') return m;
      // In the first frame's own task: a wheel far down, then what the next frames drew.
      const inst = window.Passerelle.instances[0];
      window.__atScroll = slices();
      inst.canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: 5000, clientX: 640, clientY: 400, bubbles: true, cancelable: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => {
        window.__early = { slices: slices(), scroll: inst.scrollTop(), frames: inst.frames,
          missing: inst.visibleText().filter((r) => r.missing).map((r) => r.text) };
      }));
      return m;
    };
  });
  assert.equal(await openView(page, env), 'ready');
  await page.waitForFunction(() => window.__early, null, { timeout: 10000 });
  await waitIdle(page, 300);
  const r = await page.evaluate(() => ({
    early: window.__early, atScroll: window.__atScroll,
    total: performance.getEntriesByName('passerelle:font-slice', 'measure').length,
    scroll: window.Passerelle.instances[0].scrollTop(),
    missing: window.Passerelle.instances[0].visibleText().filter((x) => x.missing).map((x) => x.text),
  }));
  assert.ok(r.early.scroll > 2000, `scrolled far down at once (${r.early.scroll} px)`);
  assert.ok(r.early.frames >= 2, `frames drawn after the scroll: ${r.early.frames}`);
  assert.ok(r.atScroll < r.total, `the scroll came before the last slice (${r.atScroll} of ${r.total})`);
  assert.deepEqual(r.early.missing, [], 'fallback glyphs in the frames right after the scroll');
  assert.deepEqual(r.missing, [], 'fallback glyphs at rest');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// What is drawn later than the first screen, in a face and size of its own, at 3x: the
// English page from top to bottom, then a country's details beside the map.
test('every character drawn has its glyph: English page at 3x, top to bottom, a country', async () => {
  const page = await newPage(env, { width: 1280, height: 800, deviceScaleFactor: 3 });
  assert.equal(await openView(page, env, '/index.en.html'), 'ready');
  await page.mouse.move(200, 400);
  const missing = [];
  const sizes = new Set();
  let runs = 0, last = -1;
  for (let i = 0; i < 60; i++) {
    for (const r of await visibleText(page)) {
      runs++;
      sizes.add(r.size);
      if (r.missing) missing.push(r.text);
    }
    const y = await page.evaluate(() => window.Passerelle.instances[0].scrollTop());
    if (y === last) break;
    last = y;
    await page.mouse.wheel(0, 700);
    await waitIdle(page, 150);
  }
  assert.ok(last > 2000, `scrolled to the end (${last} px)`);
  assert.ok(sizes.size >= 6, `text of ${sizes.size} sizes seen`);
  assert.ok(await page.evaluate(() => window.Passerelle.instances[0].map.select('DZ')));
  await waitIdle(page, 150);
  const details = await visibleText(page);
  assert.ok(details.some((r) => r.text.includes('Algeria')), 'the details name the country');
  for (const r of details) if (r.missing) missing.push(r.text);
  assert.ok(runs > 50, `${runs} runs read`);
  assert.deepEqual(missing, [], 'runs with characters drawn as ImGui\'s fallback glyph');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// Counts, per method, the WebGL2 calls that read state back from the GPU process (each one
// makes the main thread wait until every command sent before it has run): ImGui's OpenGL3
// backend made some twenty a frame, platform/web/gl_renderer makes none.
function countGlReads() {
  const reads = ['getParameter', 'isEnabled', 'getError', 'getShaderParameter', 'getProgramParameter',
    'getUniformLocation', 'getAttribLocation', 'checkFramebufferStatus', 'readPixels', 'getBufferSubData',
    'getTexParameter', 'getVertexAttrib', 'getShaderInfoLog', 'getProgramInfoLog'];
  window.__glReads = {};
  for (const name of reads) {
    const proto = WebGL2RenderingContext.prototype;
    const original = proto[name];
    proto[name] = function (...args) {
      window.__glReads[name] = (window.__glReads[name] || 0) + 1;
      return original.apply(this, args);
    };
  }
}

test('frames never read WebGL state back: scrolling the page, panning the map, hovering', async () => {
  const page = await newPage(env);
  await page.addInitScript(countGlReads);
  assert.equal(await openView(page, env), 'ready');
  await waitIdle(page, 300);
  const atStart = await page.evaluate(() => ({ ...window.__glReads }));
  // The counter sees the renderer's one read, the program's link status, made at start.
  assert.ok(atStart.getProgramParameter >= 1, `reads before the first frame: ${JSON.stringify(atStart)}`);
  const frames0 = await page.evaluate(() => window.Passerelle.instances[0].frames);
  // The page, scrolled down to the map and a bit past it; the pointer moved over the map.
  await page.mouse.move(640, 400);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, 400);
    await waitIdle(page, 100);
  }
  for (let x = 300; x <= 700; x += 50) await page.mouse.move(x, 420);
  await page.mouse.down();
  await page.mouse.move(500, 380, { steps: 8 });
  await page.mouse.up();
  await waitIdle(page, 300);
  const after = await page.evaluate(() => ({ reads: { ...window.__glReads }, frames: window.Passerelle.instances[0].frames }));
  assert.ok(after.frames - frames0 >= 10, `${after.frames - frames0} frames drawn while the page moved`);
  assert.deepEqual(after.reads, atStart, 'WebGL reads during frames (before the first frame: ' +
    `${JSON.stringify(atStart)}; after: ${JSON.stringify(after.reads)})`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The page's first WebGL context is made by a worker first (web/gl-warmup.js, started by the
// page's <head>, answer taken by web/loader/gpu-warmup.js): the one-time wait of a renderer's first
// context is then off the main thread.
// Records, in page time, the worker's start and answer and each webgl2 getContext of the page.
function recordWarmup() {
  window.__warm = { workers: [], contexts: [] };
  const W = window.Worker;
  window.Worker = function (url, ...rest) {
    const w = new W(url, ...rest);
    const entry = { url: String(url), started: performance.now(), answered: null, answer: null };
    window.__warm.workers.push(entry);
    w.addEventListener('message', (e) => { entry.answered = performance.now(); entry.answer = e.data; });
    return w;
  };
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    if (type === 'webgl2') window.__warm.contexts.push(performance.now());
    return get.call(this, type, ...rest);
  };
}

test('a worker makes the page\'s first WebGL context; the view makes its own after the answer', async () => {
  const page = await newPage(env);
  await page.addInitScript(recordWarmup);
  // On this fast local link the files are in long before the worker's answer (the GPU process
  // is busy with its context): the view still waits for the answer, since a context made
  // meanwhile would block the main thread on the same GPU process.
  assert.equal(await openView(page, env), 'ready');
  const w = await page.evaluate(() => ({ ...window.__warm,
    wasm: performance.getEntriesByType('resource').find((r) => /passerelle\.wasm$/.test(r.name))?.responseEnd }));
  assert.equal(w.workers.length, 1, 'one worker');
  assert.match(w.workers[0].url, /(^|\/)gl-warmup\.js$/);
  assert.equal(w.workers[0].answer, true, 'the worker got a WebGL2 context');
  assert.ok(w.wasm > 0, 'the wasm was downloaded');
  assert.ok(w.contexts.length >= 1, 'the view made its context');
  assert.ok(w.contexts[0] >= w.workers[0].answered, `the view's context at ${w.contexts[0]} ms, the worker's answer at ${w.workers[0].answered} ms, the wasm in at ${w.wasm} ms`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// What needs no GL does not wait for a late answer: the module is instantiated and given its
// fonts and pack, the page laid out and the first screen's atlases rasterised while the worker
// still makes its context (web/loader/mount.js, prepareModule); the view's context comes after
// the answer, then the textures (pl_init_gl) and the first frame.
test('a late warm-up answer holds back only the view\'s context: the pack and the first atlases are ready before it', async () => {
  const page = await newPage(env);
  await page.addInitScript(recordWarmup);
  await page.route(/gl-warmup\.js$/, (route) => route.fulfill({
    contentType: 'text/javascript',
    body: 'setTimeout(function () { postMessage(!!new OffscreenCanvas(1, 1).getContext("webgl2")); close(); }, 1500);',
  }));
  assert.equal(await openView(page, env), 'ready');
  const w = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name).map((m) => m.startTime);
    return { ...window.__warm, pack: at('passerelle:pack-parse'), plan: at('passerelle:font-plan'),
      atlas: at('passerelle:font-atlas'), first: at('passerelle:first-frame') };
  });
  assert.equal(w.workers[0].answer, true, 'the worker answered');
  const ctx = w.contexts[0];
  assert.ok(ctx >= w.workers[0].answered, `the view's context at ${ctx} ms, the answer at ${w.workers[0].answered} ms`);
  assert.equal(w.pack.length, 1);
  assert.ok(w.pack[0] < ctx, `pack parsed at ${w.pack[0]} ms, context at ${ctx} ms`);
  assert.ok(w.plan.length >= 1 && w.plan[0] < ctx, `fonts planned at ${w.plan} ms, context at ${ctx} ms`);
  assert.ok(w.atlas.length === 1 && w.atlas[0] < ctx, `first screen's atlases from ${w.atlas} ms, context at ${ctx} ms`);
  assert.ok(w.first.length === 1 && w.first[0] > ctx, `first frame at ${w.first} ms, after the context at ${ctx} ms`);
  // The atlases made before the context have their textures (pl_init_gl uploads them): the
  // canvas, which has replaced the HTML, shows the title and the first paragraph in ink.
  await waitIdle(page);
  const title = darkFraction(await regionPixels(page, { x: 300, y: 160, width: 400, height: 60 }));
  const text = darkFraction(await regionPixels(page, { x: 300, y: 240, width: 650, height: 160 }));
  assert.ok(title > 0.08, `title: ${(100 * title).toFixed(1)} % ink`);
  assert.ok(text > 0.04, `first paragraph: ${(100 * text).toFixed(1)} % ink`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

// The warm-up only ever saves time: a worker whose file fails, or that never answers, leaves the
// page to start as it did without one.
for (const [what, handle] of [
  ['fails to load', (route) => route.fulfill({ status: 404, body: 'not found' })],
  ['never answers', () => {}],
]) {
  test(`the page starts when the warm-up worker ${what}`, async () => {
    const page = await newPage(env);
    await page.addInitScript(recordWarmup);
    await page.route(/gl-warmup\.js$/, handle);
    assert.equal(await openView(page, env), 'ready');
    const w = await page.evaluate(() => window.__warm);
    assert.equal(w.workers.length, 1);
    assert.equal(w.workers[0].answer, null);
    assert.ok(w.contexts.length >= 1, 'the view made its own context');
    // It waited for the worker no longer than gpu-warmup.js's WARMUP_MAX_MS (2 s), give or take
    // a busy machine's timer.
    assert.ok(w.contexts[0] - w.workers[0].started < 2000 + 1500, `the view's context ${w.contexts[0] - w.workers[0].started} ms after the worker's start`);
    assert.deepEqual(page.consoleErrors.filter((e) => !/404|gl-warmup/.test(e)), []);
    await page.context().close();
  });
}
