// bench-blocking.test.mjs — the benches' main-thread figures (bench/lib.mjs) count blocking time
// as Lighthouse does: tasks clipped to the window, 50 ms of each free; the quiet point is the
// end of the last long task before a quiet stretch.
//
//   node --test tests/tools/
//
// Depends on: node:, bench/lib.mjs (pure functions only: no browser, no server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { totalBlockingTime, longestTask, quietAfter } from '../../bench/lib.mjs';

const task = (start, duration) => ({ start, duration });

test('blocking time: what each task lasts beyond 50 ms, summed', () => {
  assert.equal(totalBlockingTime([task(100, 120), task(300, 80), task(500, 50), task(600, 30)], 0, 1000), 70 + 30);
});

test('blocking time: a task is clipped to the window before the 50 ms are taken off (Lighthouse\'s example)', () => {
  // A 150 ms task [0, 150] with the window opening at 50: [50, 150] remains, 50 ms of it blocking.
  assert.equal(totalBlockingTime([task(0, 150)], 50, 1000), 50);
  // Clipped at the end too: [900, 1000] of [900, 1100].
  assert.equal(totalBlockingTime([task(900, 200)], 0, 1000), 50);
  // Less than 50 ms left inside the window: nothing.
  assert.equal(totalBlockingTime([task(0, 120)], 80, 1000), 0);
});

test('blocking time: tasks outside the window, or an empty window, count nothing', () => {
  assert.equal(totalBlockingTime([task(0, 90), task(2000, 300)], 100, 1500), 0);
  assert.equal(totalBlockingTime([task(0, 900)], 500, 500), 0);
  assert.equal(totalBlockingTime([task(0, 900)], 600, 500), 0);
  assert.equal(totalBlockingTime([], 0, 1000), 0);
});

test('longest task: the whole duration of the longest task that overlaps the window', () => {
  const tasks = [task(0, 400), task(500, 120), task(700, 60), task(5000, 900)];
  assert.equal(longestTask(tasks, 0, 1000), 400);
  assert.equal(longestTask(tasks, 450, 1000), 120);  // the 400 ms task ended before
  assert.equal(longestTask(tasks, 800, 1000), 0);
});

test('quiet point: the end of the last long task before a quiet stretch', () => {
  const tasks = [task(1200, 100), task(1500, 60), task(4000, 200)];
  // From 1000: 1200–1300, then 1500–1560; 2440 ms to the next, more than 2000: quiet from 1560.
  assert.equal(quietAfter(tasks, 1000, 2000), 1560);
  // With a 5 s stretch asked for, the task at 4000 is not past it: quiet from 4200.
  assert.equal(quietAfter(tasks, 1000, 5000), 4200);
  // Tasks given in any order; one running at `from` counts to its end.
  assert.equal(quietAfter([task(1500, 60), task(900, 200)], 1000, 2000), 1560);
  // Nothing after `from`: `from` itself.
  assert.equal(quietAfter(tasks, 4300, 2000), 4300);
  assert.equal(quietAfter([], 700, 2000), 700);
});
