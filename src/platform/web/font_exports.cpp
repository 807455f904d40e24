// font_exports.cpp — the font atlases built in slices around the first frame
// (pl_prepare_fonts), and the GL textures of every atlas (font_textures.hpp).
//
// Why slices: ImGui rasterises a whole atlas in one call, and every size of the type scale in
// one atlas took ~470 ms of main thread on the slow-phone profile (CPU 4x), a task that
// blocks input.  ui::FontBook builds a few atlases instead (neighbouring sizes grouped up to
// a rasterisation budget, ui/atlas_plan.hpp; the first is io.Fonts, ImGui's default); the loader
// (web/loader/frame-loop.js) calls pl_prepare_fonts once per task until it says the first
// screen's atlases are built (ui/app/app_fonts.cpp plans them first), draws the first frame,
// then calls it once per task again until the rest are built, so the browser can paint and
// take input between slices.  Every atlas App builds, here or in a frame that could not wait,
// gets its texture through App::on_atlas_built (web_main.cpp sets it to upload_font_atlas).
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, font_textures.hpp, gl_renderer.hpp, imgui,
// Emscripten.
#include <emscripten.h>

#include <vector>

#include "imgui.h"
#include "platform/web/font_textures.hpp"
#include "platform/web/gl_renderer.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace passerelle::web {
namespace {

std::vector<unsigned> g_textures;  // of every atlas of the current build, io.Fonts's first

void delete_textures() {
  for (unsigned tex : g_textures) gl::delete_texture(tex);
  g_textures.clear();
}

}  // namespace

void upload_font_atlas(ImFontAtlas* atlas) {
  // Before pl_init_gl there is no context: ImGui keeps the pixels, and pl_init_gl uploads every
  // atlas built so far (restore_font_textures).
  if (!atlas || !pl_gl_ready()) return;
  if (atlas == ImGui::GetIO().Fonts) delete_textures();  // their atlases went with the previous build
  g_textures.push_back(gl::upload_atlas(atlas));
}

void restore_font_textures(const ui::FontBook& book) {
  g_textures.clear();  // names of the lost context: nothing to delete
  // Only the atlases built so far (the context may be lost between two slices), io.Fonts's first.
  for (int i = 0; i < static_cast<int>(book.atlases().size()); ++i)
    if (book.atlas_built(i)) g_textures.push_back(gl::upload_atlas(book.atlases()[i]));
}

void free_font_textures() { delete_textures(); }

}  // namespace passerelle::web

extern "C" {

// One task of a font build: it begins a build that is due (metrics, layout, plan: planned),
// or builds one atlas of the build under way (one or more sizes; its texture through
// App::on_atlas_built).  Returns an abi::FontSlices: planned after the beginning,
// first_screen while the atlases the current screen draws are not all built, later while
// others are left, done after the last, none when nothing was due.  pl_frame builds what it
// draws at once, in one task: the loader calls this while it is planned or first_screen
// before the first frame, and after it until done.
EMSCRIPTEN_KEEPALIVE int pl_prepare_fonts(void) {
  passerelle::ui::App* app = pl_app();
  if (!app) return abi::code(abi::FontSlices::none);
  // The beginning in a task of its own: the whole page is laid out there (~50 ms at CPU 4x).
  if (app->start_fonts()) return abi::code(abi::FontSlices::planned);
  if (!app->build_fonts_slice()) return abi::code(abi::FontSlices::none);
  if (!app->fonts_building()) return abi::code(abi::FontSlices::done);
  return abi::code(app->first_screen_fonts_ready() ? abi::FontSlices::later : abi::FontSlices::first_screen);
}

}  // extern "C"
