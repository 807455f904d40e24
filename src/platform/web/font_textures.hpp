// font_textures.hpp — the GL textures of the font atlases (ui/font_book.hpp): io.Fonts's
// through ImGui's OpenGL3 backend, every other atlas's here.
//
// Depends on: ui/font_book.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include "ui/font_book.hpp"

namespace passerelle::web {

// Uploads one freshly built atlas and names it (SetTexID).  io.Fonts is always the first
// atlas of a build: uploading it forgets the textures of the previous build's other atlases.
// The first upload also makes the backend's device objects (its shaders), which ImGui would
// otherwise make in the first frame, uploading io.Fonts a second time.
void upload_font_atlas(ImFontAtlas* atlas);
// Every atlas of the book, as after a build all at once (App::update_fonts).
void upload_font_atlases(const ui::FontBook& book);
// After a lost WebGL context came back: the backend made its objects and io.Fonts's texture
// again; the other atlases get theirs (the pixels stayed in memory).
void restore_font_textures(const ui::FontBook& book);
// pl_shutdown: the textures of the other atlases are freed; the backend frees the rest.
void free_font_textures();

}  // namespace passerelle::web
