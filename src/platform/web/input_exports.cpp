// input_exports.cpp — the canvas's input, as the loader (web/loader/input.js) hands it over:
// pointer (mouse and pen), touch, wheel, keys, focus lost, and clicks, whose result is an
// abi::ActionCode; pl_pending_url() has the address an open_url or open_page code names.
//
// Coordinates are canvas CSS px; times are seconds (performance.now() / 1000).
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, Emscripten.
#include <emscripten.h>

#include <string>

#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace {
std::string g_pending_url;
std::string g_pending_lang;
}  // namespace

int pl_action_code(const passerelle::ui::Action& a) {
  const abi::ActionCode code = abi::action_code(a.kind);
  if (code == abi::ActionCode::open_url || code == abi::ActionCode::open_page) {
    g_pending_url = a.url;
    g_pending_lang = a.lang;
  }
  return abi::code(code);
}

extern "C" {

// kind: an abi::Pointer (mouse and pen; touch goes to pl_touch).
EMSCRIPTEN_KEEPALIVE void pl_pointer(int kind, float x, float y) {
  if (!pl_app()) return;
  switch (static_cast<abi::Pointer>(kind)) {
    case abi::Pointer::move: pl_app()->pointer_move(x, y); break;
    case abi::Pointer::down: pl_app()->pointer_down(x, y); break;
    case abi::Pointer::up: pl_app()->pointer_up(x, y); break;
    default: pl_app()->pointer_leave(); break;
  }
}

// kind: an abi::Touch; id: the PointerEvent's pointerId.  Returns the CSS px the loader
// scrolls the host page by (a fixed-height page embed at its article's edge), else 0.
EMSCRIPTEN_KEEPALIVE float pl_touch(int kind, int id, float x, float y, double t) {
  if (!pl_app()) return 0.0f;
  if (kind == abi::code(abi::Touch::move)) return pl_app()->touch_move(id, x, y, t);
  if (kind == abi::code(abi::Touch::begin)) pl_app()->touch_begin(id, x, y, t);
  else pl_app()->touch_end(id, t);
  return 0.0f;
}

// ctrl: an abi::Flag.  Returns an abi::Flag: on when Passerelle used the wheel (the caller
// prevents the default), off when the browser should have it (Ctrl + wheel outside the map:
// page zoom).
EMSCRIPTEN_KEEPALIVE int pl_wheel(float dx, float dy, int ctrl, float x, float y, double t) {
  return abi::flag(pl_app() && pl_app()->wheel(dx, dy, abi::is_on(ctrl), x, y, t));
}

// k: an abi::ScrollKey.  Returns an abi::Flag: on when handled (the caller prevents the
// default).
EMSCRIPTEN_KEEPALIVE int pl_key(int k, double t) {
  if (!pl_app() || k < abi::code(abi::ScrollKey::line_up) || k > abi::code(abi::ScrollKey::end)) return abi::flag(false);
  return abi::flag(pl_app()->key(static_cast<passerelle::ScrollKey>(k), t));
}

// Keys for ImGui widgets.  k: an abi::UiKey; down, shift: abi::Flag.  Returns an abi::Flag:
// on when used.
EMSCRIPTEN_KEEPALIVE int pl_ui_key(int k, int down, int shift) {
  if (!pl_app() || k < abi::code(abi::UiKey::tab) || k > abi::code(abi::UiKey::escape)) return abi::flag(false);
  return abi::flag(pl_app()->ui_key(static_cast<passerelle::ui::UiKey>(k), abi::is_on(down), abi::is_on(shift)));
}

EMSCRIPTEN_KEEPALIVE void pl_blur(void) {
  if (pl_app()) pl_app()->blur();
}

// Called from inside the DOM click event; returns an abi::ActionCode (pl_action_code).
EMSCRIPTEN_KEEPALIVE int pl_click(float x, float y, double t) {
  return pl_app() ? pl_action_code(pl_app()->click(x, y, t)) : abi::code(abi::ActionCode::none);
}

// The address of the last open_url or open_page code.
EMSCRIPTEN_KEEPALIVE const char* pl_pending_url(void) { return g_pending_url.c_str(); }
// The language of the page an open_page code names: an embed switches to it in place.
EMSCRIPTEN_KEEPALIVE const char* pl_pending_lang(void) { return g_pending_lang.c_str(); }

}  // extern "C"
