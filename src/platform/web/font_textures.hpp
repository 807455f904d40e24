// font_textures.hpp — the GL textures of the font atlases (ui/font_book.hpp), made by
// gl_renderer.hpp and kept here while their build lasts.
//
// Depends on: ui/font_book.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include "ui/font_book.hpp"

namespace passerelle::web {

// Uploads one freshly built atlas and names it (SetTexID): App::on_atlas_built.  io.Fonts is
// always the first atlas of a build: uploading it deletes the textures of the previous build.
void upload_font_atlas(ImFontAtlas* atlas);
// After a lost WebGL context came back: every atlas built so far gets a texture again (the
// pixels stayed in memory).
void restore_font_textures(const ui::FontBook& book);
// pl_shutdown: every atlas's texture is freed.
void free_font_textures();

}  // namespace passerelle::web
