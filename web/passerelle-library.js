// passerelle-library.js — the JS functions the C++ platform layer calls (--js-library).
//
// Each forwards to Module.passerelleHost, which web/passerelle.js sets for *this* instance,
// so several instances on one page never share a canvas or a context.
mergeInto(LibraryManager.library, {
  // Makes a WebGL2 context on this instance's canvas and makes it current.  Returns 1 on
  // success, 0 when the browser cannot give one (the loader then shows a message).
  pl_js_create_gl_context__deps: ['$GL'],
  pl_js_create_gl_context: function () {
    var canvas = Module['canvas'];
    if (!canvas) return 0;
    var handle = GL.createContext(canvas, {
      majorVersion: 2, minorVersion: 0, alpha: false, depth: false, stencil: false,
      antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false,
      powerPreference: 'low-power'
    });
    if (!handle) return 0;
    GL.makeContextCurrent(handle);
    return 1;
  }
});
