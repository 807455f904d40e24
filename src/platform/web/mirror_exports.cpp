// mirror_exports.cpp — the semantic mirror's side of the JS boundary (see core/mirror/mirror.hpp).
//
// The loader (web/loader/mirror.js) copies pl_mirror_html(part) into the document when pl_mirror_version()
// changed after a frame, tells the core which mirror element has the keyboard focus
// (pl_focus: the canvas draws its ring), and hands activations of mirror elements to
// pl_activate, which does what a click on the canvas item does.
//
// Depends on: web_app.hpp (the App of this module), pl_abi.hpp, ui/app.hpp, emscripten.
#include <emscripten/emscripten.h>

#include <string>

#include "pl_abi.hpp"
#include "web_app.hpp"

namespace abi = passerelle::web::abi;

extern "C" {

EMSCRIPTEN_KEEPALIVE int pl_mirror_version(void) { return pl_app() ? pl_app()->mirror_version() : 0; }

// part: an abi::MirrorPart: the consent UI, or the page (the map figure alone in the map view).
EMSCRIPTEN_KEEPALIVE const char* pl_mirror_html(int part) {
  static const std::string empty;
  return pl_app() ? pl_app()->mirror_html(part).c_str() : empty.c_str();
}

// The canvas takes over from the prerendered HTML scrolled to y (CSS px): its first layout
// starts there.  Before the first frame.
EMSCRIPTEN_KEEPALIVE void pl_start_at(float y) {
  if (pl_app()) pl_app()->start_at(y);
}

EMSCRIPTEN_KEEPALIVE void pl_focus(const char* key, double t) {
  if (pl_app()) pl_app()->focus_key(key ? key : "", t);
}

// Returns an abi::ActionCode (pl_action_code, web_app.hpp): open_url and open_page leave the
// address in pl_pending_url().
EMSCRIPTEN_KEEPALIVE int pl_activate(const char* key, double t) {
  return pl_app() && key ? pl_action_code(pl_app()->activate(key, t)) : abi::code(abi::ActionCode::none);
}

}  // extern "C"
