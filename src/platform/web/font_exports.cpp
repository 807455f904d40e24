// font_exports.cpp — the font atlases built in slices before the first frame
// (pl_prepare_fonts), and the GL textures of every atlas (font_textures.hpp).
//
// Why slices: ImGui rasterises a whole atlas in one call, and every size of the type scale in
// one atlas took ~470 ms of main thread on the slow-phone profile (CPU 4x), a task that
// blocks input.  ui::FontBook builds a few atlases instead (neighbouring sizes grouped up to
// a rasterisation budget, ui/atlas_plan.hpp; the first, io.Fonts, holds the UI font alone,
// since its slice also compiles the GL backend's shaders); the loader
// (web/loader/frame-loop.js) calls pl_prepare_fonts once per task until it says the build is
// done, so the browser can paint and take input between slices.
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, font_textures.hpp, imgui + imgui_impl_opengl3,
// Emscripten, GLES3.
#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstdint>
#include <vector>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "platform/web/font_textures.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace passerelle::web {
namespace {

std::vector<GLuint> g_textures;  // of the atlases other than io.Fonts
bool g_device_objects = false;   // the backend's shaders and buffers exist

// What ImGui_ImplOpenGL3_CreateFontsTexture does for io.Fonts, for any atlas: the same
// format and filtering, so text looks the same from every atlas.
GLuint make_texture(ImFontAtlas* atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsRGBA32(&pixels, &width, &height);
  GLint last_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)));
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
  return tex;
}

void delete_textures() {
  if (!g_textures.empty()) glDeleteTextures(static_cast<GLsizei>(g_textures.size()), g_textures.data());
  g_textures.clear();
}

}  // namespace

void upload_font_atlas(ImFontAtlas* atlas) {
  if (!atlas) return;
  if (atlas != ImGui::GetIO().Fonts) {
    g_textures.push_back(make_texture(atlas));
    return;
  }
  delete_textures();  // their atlases went with the previous build
  if (!g_device_objects) {
    g_device_objects = ImGui_ImplOpenGL3_CreateDeviceObjects();  // uploads io.Fonts too
    if (g_device_objects) return;
  }
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void upload_font_atlases(const ui::FontBook& book) {
  for (ImFontAtlas* atlas : book.atlases()) upload_font_atlas(atlas);
}

void restore_font_textures(const ui::FontBook& book) {
  g_textures.clear();  // names of the lost context: nothing to delete
  // Only the atlases built so far (the context may be lost between two slices).
  for (int i = 0; i < book.slices_built(); ++i) {
    ImFontAtlas* atlas = book.atlases()[i];
    if (atlas != ImGui::GetIO().Fonts) g_textures.push_back(make_texture(atlas));
  }
}

void free_font_textures() {
  delete_textures();
  g_device_objects = false;
}

}  // namespace passerelle::web

extern "C" {

// Builds one slice of a font build that is due (one atlas, of one or more sizes) and uploads its texture.  Returns
// an abi::Flag: on while slices are left, off when the fonts are ready (or nothing was due).
// pl_frame would end a build at once, in one task: the loader calls this until it is off
// before the first frame.
EMSCRIPTEN_KEEPALIVE int pl_prepare_fonts(void) {
  passerelle::ui::App* app = pl_app();
  if (!app) return abi::flag(false);
  passerelle::web::upload_font_atlas(app->build_fonts_slice());
  return abi::flag(app->fonts_building());
}

}  // extern "C"
