// gl-context.js — a view whose WebGL context is taken away and given back.
//
// The browser may take the WebGL context back (a GPU reset, too many contexts, the tab in the
// background on a phone): every GL object is gone.  preventDefault() asks for it back;
// frames stop meanwhile (input is still taken, nothing is drawn).  Once restored, the C++
// makes its GL objects again (shaders, buffers, the font texture from the atlas it kept) and
// the view draws again.  If the context does not come back within LOST_WAIT_MS, the visitor
// is told ('gl-lost'; the page still recovers if it does come back later).  If the GL objects
// cannot be made again ('gl-restore'), the view is released: its listeners go with it.
//
// Depends on: errors.js (say, failure, noteFailure), listen.js (the view's scope), mount.js (release).

var LOST_WAIT_MS = 5000;

function watchContext(v, stopFrames) {
  var instance = v.instance, mod = v.mod, status = v.status, scope = instance._scope;
  var timer = 0;
  function onLost(e) {
    if (!instance._mod || instance.destroyed) return;
    e.preventDefault();
    instance.contextLost = true;
    instance.contextLosses = (instance.contextLosses || 0) + 1;
    stopFrames();
    timer = setTimeout(function () {
      if (!instance.contextLost || !instance._mod) return;
      noteFailure(instance, failure('gl-lost'));
      status.fail(say('title-draw', null, instance.lang), instance.failure);
    }, LOST_WAIT_MS);
  }
  function onRestored() {
    if (!instance._mod || instance.destroyed || !instance.contextLost) return;
    clearTimeout(timer);
    instance.contextLost = false;
    if (!mod._pl_gl_restore()) {
      noteFailure(instance, failure('gl-restore'));
      status.fail(say('title-draw', null, instance.lang), instance.failure);
      if (instance.embedded) instance.element.setAttribute('data-passerelle-state', 'error');
      release(instance);
      return;
    }
    if (instance.failureCode === 'gl-lost') {
      instance.failure = instance.failureCode = undefined;
      status.hide();
    }
    instance.requestFrame();
  }
  scope.listen(v.canvas, 'webglcontextlost', onLost);
  scope.listen(v.canvas, 'webglcontextrestored', onRestored);
  scope.later(function () { clearTimeout(timer); });
}
