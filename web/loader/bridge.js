// bridge.js — moving strings and bytes into a module's memory for one pl_* call.
//
// Depends on: errors.js (failure).

// Passes NUL-terminated copies of strings to a call.
function withStrings(mod, strings, call) {
  var ptrs = strings.map(function (str) {
    var n = mod.lengthBytesUTF8(str) + 1, p = mod._malloc(n);
    mod.stringToUTF8(str, p, n);
    return p;
  });
  try { return call.apply(null, ptrs); } finally { ptrs.forEach(function (p) { mod._free(p); }); }
}

// Copies bytes into wasm memory for the duration of one call.  malloc giving nothing means
// the browser refused to grow the wasm memory (a phone short of memory, or a file far larger
// than the page expects): a 'memory' failure.
function copyIn(mod, buffer, call) {
  var bytes = new Uint8Array(buffer);
  var ptr = mod._malloc(Math.max(1, bytes.length));
  if (!ptr) throw failure('memory', { mb: (bytes.length / 1048576).toFixed(1) });
  mod.HEAPU8.set(bytes, ptr);
  try { return call(ptr, bytes.length); } finally { mod._free(ptr); }
}
