// passerelle-library.js — the JS functions the C++ platform layer calls (--js-library).
//
// Each forwards to Module.passerelleHost, which web/passerelle.js sets for *this* instance,
// so several instances on one page never share a canvas or a context.
mergeInto(LibraryManager.library, {
  // Makes a WebGL2 context on this instance's canvas and makes it current.  Returns 1 on
  // success, 0 when the browser cannot give one (the loader then shows a message).  alpha:
  // 1 for a transparent canvas (the embedded consent view shows the host page around it).
  pl_js_create_gl_context__deps: ['$GL'],
  pl_js_create_gl_context: function (alpha) {
    var canvas = Module['canvas'];
    if (!canvas) return 0;
    // The same attributes as the loader's probe (web/loader/viewport.js, webgl2()), which made
    // this canvas's context already: createContext gets that one back.
    var handle = GL.createContext(canvas, {
      majorVersion: 2, minorVersion: 0, alpha: !!alpha, depth: false, stencil: false,
      antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false,
      powerPreference: 'low-power'
    });
    if (!handle) return 0;
    GL.makeContextCurrent(handle);
    return 1;
  },

  // Writes 32 random hex characters and a NUL to out (a consent record's id).
  pl_js_random_id: function (out) {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < 16; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    for (var j = 0; j < 32; j++) HEAPU8[out + j] = hex.charCodeAt(j);
    HEAPU8[out + 32] = 0;
  }
});
