// errors.js — everything the loader says to a visitor, in one table, and the code each
// failure carries.
//
// A failure is an Error whose .code names what went wrong (the table below) and whose
// message is the text for people; instance.failure keeps the text and instance.failureCode
// the code.  Codes:
//   no-wasm      the browser has no WebAssembly
//   no-webgl     the WebGL2 probe failed (before any download)
//   no-module    the Emscripten factory (passerelle-module.js) is missing
//   download     a file did not download (HTTP status)
//   network      a file did not download (network, or a pack's redirect, which is refused)
//   pack-url     ?pack= names something other than a .json file of the site's content/
//   integrity    a file does not match its Subresource Integrity
//   bad-wasm     the wasm did not compile or instantiate
//   gl-init      pl_init_gl could not make the WebGL2 context on this canvas
//   bad-font     a font file was refused
//   bad-pack     the content pack is invalid (embeds: the page shows the list instead)
//   memory       the browser refused to grow the wasm memory for a file
//   abort        the module stopped on an internal error
//   map          the map's geometry could not be shown (the page stays usable)
//   gl-lost      the WebGL context was taken away and has not come back
//   gl-restore   the context came back but the GL objects could not be made again
//   trusted-types  the host page enforces Trusted Types without allowing the policy
//               "passerelle" the mirror needs (README, "Embed on your site")
//   removed      the view was removed while it started (never shown)
//   internal     anything else (its own message is kept)
//
// Texts: French and English, chosen by the view's language (options.lang, else <html lang>):
// instance.lang, set when the view is mounted.  Another language falls back to French, the
// site's own.
//
// Depends on: nothing.
var WORDS = {
  fr: {
    // the status box and the canvas
    loading: 'Chargement de la page…',
    progress: 'Progression du chargement',
    retry: 'Réessayer',
    canvas: 'Contenu de la page',
    'pack-errors': 'Le contenu {pack} est invalide ({n} erreur{s}).',
    // titles of the failure box
    'title-start': 'La page n’a pas pu être chargée.',
    'title-abort': 'La page s’est arrêtée sur une erreur interne.',
    'title-draw': 'La page ne peut plus être dessinée.',
    // failures, by code
    'no-wasm': 'Votre navigateur ne prend pas en charge WebAssembly. Essayez avec un navigateur récent.',
    'no-webgl': 'Votre navigateur ne peut pas afficher cette page : WebGL 2 est indisponible ou désactivé.',
    'no-module': 'Le programme de la page (passerelle-module.js) n’a pas pu être chargé.',
    download: 'HTTP {status} pour {url}',
    network: 'Le fichier {url} n’a pas pu être téléchargé (réseau indisponible, ou redirection refusée).',
    'pack-url': 'Le paramètre pack={url} est refusé : il doit désigner un fichier .json du dossier content/ de ce site.',
    integrity: 'Le fichier {url} ne correspond pas à son empreinte (intégrité).',
    'gl-init': 'WebGL 2 est indisponible : la page ne peut pas être dessinée.',
    'bad-font': 'La police {face} est illisible.',
    'bad-pack': 'Le contenu {pack} est invalide : {first}',
    memory: 'Pas assez de mémoire pour ouvrir un fichier de {mb} Mo : le navigateur a refusé d’en donner plus à la page. Fermez d’autres onglets, puis réessayez.',
    abort: 'La page s’est arrêtée sur une erreur interne ({what}).',
    map: 'La carte n’a pas pu être chargée ({detail}). Le reste de la page est disponible.',
    'gl-lost': 'Le contexte WebGL a été perdu.',
    'gl-restore': 'Le contexte WebGL n’a pas pu être recréé.',
    'trusted-types': 'La page hôte impose Trusted Types sans autoriser la règle « passerelle ».',
    removed: 'removed'
  },
  en: {
    loading: 'Loading the page…',
    progress: 'Loading progress',
    retry: 'Try again',
    canvas: 'Page content',
    'pack-errors': 'The content {pack} is invalid ({n} error{s}).',
    'title-start': 'The page could not be loaded.',
    'title-abort': 'The page stopped on an internal error.',
    'title-draw': 'The page can no longer be drawn.',
    'no-wasm': 'Your browser does not support WebAssembly. Try a recent browser.',
    'no-webgl': 'Your browser cannot show this page: WebGL 2 is unavailable or turned off.',
    'no-module': 'The page’s program (passerelle-module.js) could not be loaded.',
    download: 'HTTP {status} for {url}',
    network: 'The file {url} could not be downloaded (network unavailable, or a refused redirect).',
    'pack-url': 'The parameter pack={url} is refused: it must name a .json file in this site’s content/ folder.',
    integrity: 'The file {url} does not match its fingerprint (integrity).',
    'gl-init': 'WebGL 2 is unavailable: the page cannot be drawn.',
    'bad-font': 'The font {face} cannot be read.',
    'bad-pack': 'The content {pack} is invalid: {first}',
    memory: 'Not enough memory to open a file of {mb} MB: the browser refused to give the page more. Close other tabs, then try again.',
    abort: 'The page stopped on an internal error ({what}).',
    map: 'The map could not be loaded ({detail}). The rest of the page is available.',
    'gl-lost': 'The WebGL context was lost.',
    'gl-restore': 'The WebGL context could not be made again.',
    'trusted-types': 'The host page enforces Trusted Types without allowing the \u201cpasserelle\u201d policy.',
    removed: 'removed'
  }
};

// The view's language as the table knows it: 'en' for en, en-GB…; 'fr' otherwise.
function wordsLang(lang) { return /^en\b/i.test(String(lang || '')) ? 'en' : 'fr'; }

// A text of the table in lang ('fr' when absent), its {names} filled from vars.
function say(key, vars, lang) {
  return WORDS[wordsLang(lang)][key].replace(/\{(\w+)\}/g, function (all, name) {
    return vars && vars[name] !== undefined ? String(vars[name]) : all;
  });
}

// An Error for a failure of the table: its message for people (French; noteFailure says it
// again in the view's language), its code for code.
function failure(code, vars) {
  var err = new Error(say(code, vars));
  err.code = code;
  err.vars = vars;
  err.worded = true;
  return err;
}

// Gives an error without a code this one (its message is kept).  DOMExceptions have a
// numeric code of their own: left as they are.
function tag(err, code) {
  if (err && typeof err === 'object' && !('code' in err)) err.code = code;
  return err;
}
// The same, as a rejection handler.
function withCode(code) { return function (err) { throw tag(err, code); }; }

function message(err) { return err && err.message ? err.message : String(err); }

// Records a failure on the instance: its text (instance.failure) and code (failureCode).
function noteFailure(instance, err) {
  instance.failure = err && err.worded ? say(err.code, err.vars, instance.lang) : message(err);
  instance.failureCode = err && typeof err.code === 'string' ? err.code : 'internal';
}
