// api.js — the start of passerelle.js: what the loader is, its options and its public
// surface; window.Passerelle.
//
// passerelle.js starts Passerelle views in a page: downloads, canvas, input, frames.  It is
// built from the files of web/loader/, each with one job, joined in a fixed order inside one
// function by scripts/build-loader.mjs (the order and each file's job are listed there).
//
// Passerelle.mount(element, options) starts one view: it downloads the wasm (with progress),
// the fonts and the content pack in parallel, makes a module on a canvas of its own,
// forwards that canvas's own input events to the C++ platform layer, and draws frames only
// when something changed.  Anything that goes wrong ends in a readable message, never a
// blank box.  The standalone page (shell/index.html) mounts each [data-passerelle-pack]
// element; embed.js mounts the widgets of partner sites, each in its own shadow root.
//
// However many views a page holds, each file is downloaded once and the wasm compiled once
// (one WebAssembly.Module, kept); each view instantiates its own Emscripten module from it,
// with its own memory, canvas, WebGL context and state.
//
// options (all optional):
//   view        'page' (default), 'map' (the map figure only) or 'consent' (the banner only)
//   pack        URL of the content pack (default: the element's data-passerelle-pack, else
//               content/international.fr.json; the standalone page also honours a
//               same-origin ?pack=)
//   lang        'fr' or 'en' (default: <html lang>)
//   embedded    true in a partner's page: a plain wheel and one finger are the host's, the
//               consent rules start only in the 'consent' view, the URL is never touched
//               (options.country instead of #pays=), and the view frees its WebGL context
//               when its element leaves the document
//   container   Element or ShadowRoot the canvas goes into (default: element)
//   base        URL of the folder holding the wasm and fonts (default: this script's)
//   assets      {'passerelle.wasm': [url, integrity], 'fonts/X.ttf': [url, integrity]}:
//               versioned names and their Subresource Integrity, filled in by the build
//   country     ISO code to select once the map is drawn (embeds)
//   label       the canvas's accessible name when there is no mirror (default: errors.js)
//   status      {progress(fraction), fail(title, detail), hide()} (default: a box in the
//               container with a progress bar, then the message and "Réessayer")
//   onContentSize({width, height}, instance)  after a frame, when the size the content needs
//               at the current width (or the consent view's state) changed: embeds size their
//               box by it (width 0: any width)
//   theme       'auto' (default: the system's prefers-color-scheme, followed live), 'light'
//               or 'dark' (embeds: data-theme)
//   autofocus   focus the canvas once it is up (not with a mirror: focus is the mirror's)
//   mirror      the standalone page's semantic mirror (makeMirror, mirror.js), or, in an
//               embed, the element of the widget's shadow root that holds its mirror's parts
//               ([data-passerelle-part]); the mirror is made for it
//   hostScroll  a page view as tall as its article: the host page scrolls it, the canvas
//               covers only the visible part (host-scroll.js)
//   onLanguage(lang)  embeds: the language link was followed; the embed switches in place
//               (without it, the other language's page opens in a new tab)
//   gpuWarmup   a Promise the view waits for before it makes its WebGL context (the
//               standalone page: the worker of gpu-warmup.js)
//
// Public surface: window.Passerelle.mount, window.Passerelle.instances[i] = { element,
// canvas, ready (Promise), view, lang, frames, errors, failure, failureCode, map, destroy() }.
// (Partners use Passerelle.embed and <passerelle-embed>, from embed.js, which call mount.)
// Performance mark 'passerelle:interactive' after each view's first complete frame with input
// live (its detail says which view).  instance.map (views with a map): select(iso),
// selected(), screenPoint(lon, lat) → {x, y} in page CSS px (like MouseEvent.pageX/Y) or null,
// and ready (a Promise settled when the geometry is drawn or has failed).
//
// Plain modern JS, no dependencies.  Expects the Emscripten factory: Passerelle._createModule
// (the versioned, wrapped passerelle-module.<hash>.js) or createPasserelleModule
// (passerelle-module.js).
var api = window.Passerelle = window.Passerelle || {};
api.instances = api.instances || [];
if (api.mount) return;  // loaded twice (a standalone page that also embeds): one is enough

// The folder this script was loaded from: the wasm and fonts are beside it by default.
var scriptBase = (function () {
  var s = document.currentScript;
  return s && s.src ? new URL('.', s.src).href : new URL('.', location.href).href;
})();
