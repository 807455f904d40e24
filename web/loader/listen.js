// listen.js — every DOM listener the loader adds, and every other thing to undo (a timer, an
// observer, an animation frame), is recorded in a Scope, so that one call removes them all.
//
// Each view has one (instance._scope): release() (mount.js) runs it when the view is
// removed, fails, or cannot draw again after its WebGL context was lost.  The semantic mirror
// has its own (its listeners work before the module is up); a few things live as long as the
// page and use PAGE (the "Réessayer" button of a failure, the start of the standalone page).
// This is how egui's web runner keeps its event handles.  No other file calls
// addEventListener (tests/tools/web-sources.test.mjs checks it).
//
// Depends on: nothing.

function makeScope() {
  var undo = [];
  var scope = {
    // addEventListener, recorded: scope.release() removes it.
    listen: function (target, type, fn, options) {
      target.addEventListener(type, fn, options);
      undo.push(function () { target.removeEventListener(type, fn, options); });
    },
    // Anything else to undo on release.
    later: function (fn) { undo.push(fn); },
    // Undoes everything, in the order recorded; safe more than once.
    release: function () {
      undo.splice(0).forEach(function (fn) { try { fn(); } catch (e) { /* already gone */ } });
    }
  };
  return scope;
}

var PAGE = makeScope();  // never released: lives as long as the page
