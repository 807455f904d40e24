// time.js — the clocks the loader gives the C++ (seconds) and the start-up measures it
// leaves on the page's timeline.
//
// Depends on: nothing.

function now() { return performance.now() / 1000; }

// When the event happened (not when a busy main thread got round to it), on the same clock
// as now(): the release velocity of a flick is computed from these, so delays must not
// look like the finger resting.
function eventTime(e) {
  return e.timeStamp > 0 && e.timeStamp <= performance.now() + 1 ? e.timeStamp / 1000 : now();
}

// A start-up step's duration on the page's timeline (bench/startup.mjs reads them):
// passerelle:compile, :fonts, :pack-parse, :font-atlas, :first-frame.
function measure(name, start, detail) {
  try { performance.measure(name, { start: start, end: performance.now(), detail: detail }); } catch (e) { /* old browser */ }
}
