// web_main.cpp — the browser platform layer's life cycle: ImGui and the App made (pl_init),
// then the WebGL2 context and the renderer (pl_init_gl), all freed (pl_shutdown); the viewport
// and view set, and each frame drawn (pl_frame).  The page's one App lives here (pl_app(), web_app.hpp).
//
// src/platform/web is the only C++ that knows it runs in a browser.  JavaScript (the loader,
// web/loader/) owns the canvas, its DOM listeners, the frame loop and the downloads; it calls
// the pl_* functions (exports.txt), which forward to ui::App.  They are grouped by job:
//   web_main.cpp         life cycle, viewport, view, frames (this file)
//   content_exports.cpp  fonts, the pack and its errors, notices
//   input_exports.cpp    pointer, touch, wheel, keys, clicks; the action codes they return
//   consent_exports.cpp  the consent rules' JSON bridge to web/consent-gate.js
//   map_exports.cpp      the map (instance.map)
//   mirror_exports.cpp   the semantic mirror
//   probe_exports.cpp    what tests and tools read (visible text, scroll, consent buttons)
//   font_exports.cpp     the font atlases built in slices, their textures (font_textures.hpp)
//   gl_restore.cpp       GL objects made again after a lost context
//   libc_trims.cpp       a small sscanf (wasm size)
// Every number they take or return is named in pl_abi.hpp (and web/loader/abi.js).
//
// Why not Emscripten's GLFW: it listens for keys on window (every instance would get every
// key, and Tab and Backspace would be swallowed for the host page), allows one window, and
// stubs cursors.  That is wrong for a widget embedded in someone else's page, where each
// instance must take only its own canvas's events and give the rest back: so the loader
// listens on each canvas and calls pl_*, and this file makes the context itself, from JS, on
// *this instance's* canvas (web/passerelle-library.js).
//
// Depends on: web_app.hpp (ui/app.hpp), pl_abi.hpp, font_textures.hpp, gl_renderer.hpp, imgui, Emscripten,
// GLES3.
#include <GLES3/gl3.h>
#include <emscripten.h>

#include <string>

#include "imgui.h"
#include "platform/web/font_textures.hpp"
#include "platform/web/gl_renderer.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"
#include "ui/app.hpp"

namespace abi = passerelle::web::abi;

extern "C" {
// web/passerelle-library.js
int pl_js_create_gl_context(int alpha);
void pl_js_random_id(char* out33);  // 32 hex chars from crypto.getRandomValues + NUL
}

namespace {

passerelle::ui::App* g_app = nullptr;
int g_fb_w = 1, g_fb_h = 1;
bool g_transparent = false;
bool g_gl = false;  // pl_init_gl succeeded: the renderer's GL objects exist

}  // namespace

passerelle::ui::App* pl_app() { return g_app; }
bool pl_gl_ready() { return g_gl; }

extern "C" {

// Creates ImGui and the App, without GL: fonts and the pack can be handed over, and parsed,
// while the page's GPU warm-up still holds the GPU process (web/loader/mount.js); pl_init_gl
// then gives the App its context.  transparent: an abi::Flag, on for a canvas that shows the
// host page where nothing is drawn (the embedded consent view).  Returns abi::InitResult::ok.
EMSCRIPTEN_KEEPALIVE int pl_init(int transparent) {
  if (g_app) return abi::code(abi::InitResult::ok);
  g_transparent = abi::is_on(transparent);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: nothing is written anywhere
  io.LogFilename = nullptr;
  io.BackendPlatformName = "passerelle_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  ImGui::StyleColorsLight();
  io.BackendRendererName = "passerelle_webgl2";  // platform/web/gl_renderer.hpp
  g_app = new passerelle::ui::App();
  g_app->on_atlas_built(passerelle::web::upload_font_atlas);  // a texture before any frame draws it
  g_app->set_id_source([] {
    char buf[33] = {};
    pl_js_random_id(buf);
    return std::string(buf, 32);
  });
  return abi::code(abi::InitResult::ok);
}

// Makes the WebGL2 context on the module's canvas and the renderer's GL objects; after
// pl_init, before the first frame.  Returns an abi::InitResult (no_webgl when the
// context or the renderer's shaders cannot be made: the loader's "gl-init").
EMSCRIPTEN_KEEPALIVE int pl_init_gl(void) {
  if (!g_app) return abi::code(abi::InitResult::no_webgl);
  if (g_gl) return abi::code(abi::InitResult::ok);
  if (!pl_js_create_gl_context(g_transparent ? 1 : 0)) return abi::code(abi::InitResult::no_webgl);
  // The renderer's shaders, linked here (its one synchronous GL read, while nothing else is
  // queued) rather than in a frame.
  if (!passerelle::web::gl::create_device_objects()) return abi::code(abi::InitResult::no_webgl);
  g_gl = true;
  // The atlases built before the context (the standalone page builds the first screen's while
  // its GPU warm-up answers, web/loader/mount.js) get their textures now.
  passerelle::web::restore_font_textures(g_app->fonts());
  return abi::code(abi::InitResult::ok);
}

// Frees ImGui and the GL objects of this instance (the widget was removed from the page);
// the JS side then loses the WebGL context.
EMSCRIPTEN_KEEPALIVE void pl_shutdown(void) {
  if (!g_app) return;
  if (g_gl) {  // without a context there are no GL objects to free (nor a context to call)
    passerelle::web::free_font_textures();
    passerelle::web::gl::destroy_device_objects();
  }
  g_gl = false;
  ImGui::DestroyContext();
  delete g_app;
  g_app = nullptr;
}

EMSCRIPTEN_KEEPALIVE void pl_set_viewport(float css_w, float css_h, float dpr, int fb_w, int fb_h) {
  g_fb_w = fb_w > 0 ? fb_w : 1;
  g_fb_h = fb_h > 0 ? fb_h : 1;
  if (g_app) g_app->set_viewport(css_w, css_h, dpr);
}

// on: an abi::Flag.
EMSCRIPTEN_KEEPALIVE void pl_set_reduced_motion(int on) {
  if (g_app) g_app->set_reduced_motion(abi::is_on(on));
}

// scheme: an abi::Scheme (prefers-color-scheme, or an embed's data-theme).  Any time: the
// next frame is drawn in it.
EMSCRIPTEN_KEEPALIVE void pl_set_scheme(int scheme) {
  if (g_app) g_app->set_scheme(scheme == abi::code(abi::Scheme::dark) ? passerelle::design::Scheme::dark
                                                                      : passerelle::design::Scheme::light);
}

// view: an abi::View.  After pl_load_pack.
EMSCRIPTEN_KEEPALIVE void pl_set_view(int view) {
  if (g_app && view >= abi::code(abi::View::page) && view <= abi::code(abi::View::consent))
    g_app->set_view(static_cast<passerelle::ui::ViewMode>(view));
}

// on: an abi::Flag.
EMSCRIPTEN_KEEPALIVE void pl_set_embedded(int on) {
  if (g_app) g_app->set_embedded(abi::is_on(on));
}

// on: an abi::Flag.  The host page scrolls the article; pl_scroll_to follows it.
EMSCRIPTEN_KEEPALIVE void pl_set_host_scroll(int on) {
  if (g_app) g_app->set_host_scrolls(abi::is_on(on));
}

// The article's scroll offset (CSS px), set at once: the host page's, for an auto-height embed.
EMSCRIPTEN_KEEPALIVE void pl_scroll_to(float y) {
  if (g_app) g_app->scroll_to(y);
}

// CSS px the content needs at the current width (an embed's box follows it); width 0 = any.
EMSCRIPTEN_KEEPALIVE float pl_content_height(void) { return g_app ? g_app->content_height() : 0.0f; }
EMSCRIPTEN_KEEPALIVE float pl_content_width(void) { return g_app ? g_app->content_width() : 0.0f; }

// Draws one frame.  Returns an abi::Flag: on if another frame is wanted soon, off when the
// view is at rest.
EMSCRIPTEN_KEEPALIVE int pl_frame(double t) {
  if (!g_app || !g_gl) return abi::flag(false);
  g_app->start_fonts();  // a build that is due begins; the frame builds the atlases it draws
  if (!g_app->fonts_planned()) return abi::flag(false);  // fonts not given yet: nothing to draw with
  const bool more = g_app->frame(t);
  glViewport(0, 0, g_fb_w, g_fb_h);
  const passerelle::Rgb bg = passerelle::ui::default_theme().background;
  if (g_transparent) glClearColor(0, 0, 0, 0);  // premultiplied: fully transparent
  else glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  passerelle::web::gl::render(ImGui::GetDrawData());
  return abi::flag(more);
}

// The mouse cursor of the last frame: an abi::Cursor (the loader maps it to a CSS cursor).
EMSCRIPTEN_KEEPALIVE int pl_cursor(void) { return g_app ? g_app->cursor() : abi::code(abi::Cursor::arrow); }

}  // extern "C"
