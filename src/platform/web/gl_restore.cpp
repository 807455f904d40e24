// gl_restore.cpp — the GL objects of this instance, made again after the browser gave a lost
// WebGL context back.
//
// The loader (web/loader/gl-context.js) calls pl_gl_restore() on `webglcontextrestored` (after preventDefault() on
// `webglcontextlost`): the context object is the same, but every buffer, shader and texture
// of the lost one is gone.  ImGui's OpenGL3 backend forgets its old names and makes new ones,
// the font texture included, uploaded again from the atlas ImGui kept in memory; the other
// font atlases' textures are made again by font_textures.hpp.
//
// Depends on: platform/web/web_app.hpp (the App), pl_abi.hpp, font_textures.hpp, imgui +
// imgui_impl_opengl3.
#include <emscripten.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "platform/web/font_textures.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

extern "C" {

// Returns an abi::Flag: on when the GL objects exist again (the next frame draws), off on
// failure (a shader did not compile: the loader shows a message).
EMSCRIPTEN_KEEPALIVE int pl_gl_restore(void) {
  if (!pl_app()) return abi::flag(false);
  ImGui_ImplOpenGL3_DestroyDeviceObjects();  // the old names: deleting them is a no-op now
  if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) return abi::flag(false);
  passerelle::web::restore_font_textures(pl_app()->fonts());
  return abi::flag(true);
}

}  // extern "C"
