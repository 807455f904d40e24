// abi.js — every number that crosses the pl_* boundary, named (the loader passes no bare
// number to a pl_* function and compares no result with one).
//
// The same table as src/platform/web/pl_abi.hpp, name for name and value for value:
// tests/tools/abi.test.mjs evaluates this file, parses the C++ enums and fails on any
// difference.  Change both together.  Booleans passed in or returned are Flag (flag(b) below);
// counts, indices and sizes are plain numbers.
//
// Depends on: nothing (evaluated alone by the test).
var ABI = frozen({
  Flag: { off: 0, on: 1 },
  FontSlices: { none: 0, first_screen: 1, later: 2, done: 3, planned: 4 },
  InitResult: { ok: 0, no_webgl: 1 },
  Pointer: { move: 0, down: 1, up: 2, leave: 3 },
  Touch: { begin: 0, move: 1, end: 2 },
  ScrollKey: { line_up: 0, line_down: 1, page_up: 2, page_down: 3, home: 4, end: 5 },
  UiKey: { tab: 0, left: 1, right: 2, up: 3, down: 4, activate: 5, escape: 6 },
  ActionCode: { none: 0, handled: 1, open_url: 2, open_page: 3 },
  View: { page: 0, map: 1, consent: 2 },
  ConsentView: { hidden: 0, banner: 1, panel: 2 },
  Cursor: {
    arrow: 0, text_input: 1, resize_all: 2, resize_ns: 3, resize_ew: 4, resize_nesw: 5,
    resize_nwse: 6, hand: 7, not_allowed: 8, grab: 9, grabbing: 10
  },
  MirrorPart: { consent: 0, page: 1 },
  Scheme: { light: 0, dark: 1 },
  Face: { serif_regular: 0, serif_italic: 1, serif_bold: 2, sans_regular: 3, sans_bold: 4 },
  MapStep: { more: 0, ready: 1, failed: 2, idle: 3 }
});

// The table and each of its enums, frozen.
function frozen(table) {
  for (var k in table) Object.freeze(table[k]);
  return Object.freeze(table);
}

function flag(b) { return b ? ABI.Flag.on : ABI.Flag.off; }

// table[key] when key is the table's own (never a name inherited from Object.prototype, such
// as 'constructor' or '__proto__'), else undefined: every lookup keyed by input goes through it.
function own(table, key) {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

// The name of a code in one of the tables ('banner' for ABI.ConsentView and 1), or undefined.
function nameOf(table, code) {
  for (var k in table) if (table[k] === code) return k;
  return undefined;
}
