// gl_renderer.hpp — draws ImGui's draw data with WebGL2, and keeps the font atlases' textures.
//
// Why our own and not ImGui's OpenGL3 backend: that backend is written for a host engine
// whose GL state it must not disturb, so every frame it reads some twenty pieces of state
// back (glGetIntegerv, glIsEnabled) and restores them.  In a browser, a WebGL state read that
// the client side does not cache (the viewport, the scissor box, the blend functions) is a
// synchronous round trip to the GPU process: the main thread waits until every command sent
// before it has run.  Chromium traces of the slow-phone profile showed 40–95 ms of such
// waiting in single frames (issue 16).  The canvas is ours alone, so this renderer sets the
// state it needs each frame and never reads any back; the one read left is the program's link
// status, once, when the shaders are made.
//
// The pixels are ImGui's: the same shaders, the same projection, blending, texture filtering
// and vertex layout as imgui_impl_opengl3 in its "#version 300 es" form, except that the atlases
// are one-channel textures (R8) and the fragment shader reads their coverage from red: the
// same arithmetic as the backend's white RGBA atlas (gl_renderer.cpp), a quarter of the bytes.
//
// Depends on: imgui.h (ImDrawData, ImFontAtlas), GLES3 (through gl_renderer.cpp only).
#pragma once
#include <imgui.h>

namespace passerelle::web::gl {

// Makes the shaders, the vertex array and the buffers in the current context.  Returns false
// when the program does not link (the loader shows its message).  Safe to call again after a
// lost context came back: the old names are forgotten, not deleted.
bool create_device_objects();
// Frees what create_device_objects made (pl_shutdown).
void destroy_device_objects();
// Forgets the names of a lost context without deleting them (they are gone with it).
void forget_device_objects();

// Uploads an atlas's pixels as a new texture and names the atlas with it (SetTexID).
// Returns the texture's name (0 when the atlas has no pixels).
unsigned upload_atlas(ImFontAtlas* atlas);
void delete_texture(unsigned texture);

// Draws a frame's draw data over the framebuffer (DisplaySize × FramebufferScale).
void render(const ImDrawData* draw_data);

}  // namespace passerelle::web::gl
