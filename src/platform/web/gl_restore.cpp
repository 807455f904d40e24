// gl_restore.cpp — the GL objects of this instance, made again after the browser gave a lost
// WebGL context back.
//
// The loader (web/loader/gl-context.js) calls pl_gl_restore() on `webglcontextrestored` (after preventDefault() on
// `webglcontextlost`): the context object is the same, but every buffer, shader and texture
// of the lost one is gone.  The renderer forgets its old names and makes new ones; every font
// atlas's texture is made again by font_textures.hpp from the pixels ImGui kept in memory.
//
// Depends on: platform/web/web_app.hpp (the App), pl_abi.hpp, font_textures.hpp,
// gl_renderer.hpp.
#include <emscripten.h>

#include "platform/web/font_textures.hpp"
#include "platform/web/gl_renderer.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

extern "C" {

// Returns an abi::Flag: on when the GL objects exist again (the next frame draws), off on
// failure (a shader did not compile: the loader shows a message).
EMSCRIPTEN_KEEPALIVE int pl_gl_restore(void) {
  if (!pl_app() || !pl_gl_ready()) return abi::flag(false);
  if (!passerelle::web::gl::create_device_objects()) return abi::flag(false);  // forgets the old names
  passerelle::web::restore_font_textures(pl_app()->fonts());
  return abi::flag(true);
}

}  // extern "C"
