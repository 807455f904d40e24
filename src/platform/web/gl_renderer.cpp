// gl_renderer.cpp — ImGui's draw data through WebGL2 without reading GL state back (why:
// gl_renderer.hpp).
//
// Depends on: gl_renderer.hpp, imgui.h, GLES3 (Emscripten's WebGL2 bindings).
#include "platform/web/gl_renderer.hpp"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>

namespace passerelle::web::gl {
namespace {

// imgui_impl_opengl3's "#version 300 es" shaders, unchanged, so that text and shapes keep
// their pixels (highp vertices: "wobbly rendering at HD resolutions" otherwise).
constexpr const char* kVertexShader =
    "#version 300 es\n"
    "precision highp float;\n"
    "layout (location = 0) in vec2 Position;\n"
    "layout (location = 1) in vec2 UV;\n"
    "layout (location = 2) in vec4 Color;\n"
    "uniform mat4 ProjMtx;\n"
    "out vec2 Frag_UV;\n"
    "out vec4 Frag_Color;\n"
    "void main()\n"
    "{\n"
    "    Frag_UV = UV;\n"
    "    Frag_Color = Color;\n"
    "    gl_Position = ProjMtx * vec4(Position.xy,0,1);\n"
    "}\n";
// The fragment shader is the backend's but for one thing: our textures are font atlases kept
// as one channel (R8, see upload_atlas), white glyphs whose coverage is their red.  The
// backend's RGBA atlas is (1, 1, 1, coverage), and Frag_Color * (1, 1, 1, c) is exactly
// (Frag_Color.rgb, Frag_Color.a * c): the same pixels from a quarter of the bytes.
constexpr const char* kFragmentShader =
    "#version 300 es\n"
    "precision mediump float;\n"
    "uniform sampler2D Texture;\n"
    "in vec2 Frag_UV;\n"
    "in vec4 Frag_Color;\n"
    "layout (location = 0) out vec4 Out_Color;\n"
    "void main()\n"
    "{\n"
    "    Out_Color = vec4(Frag_Color.rgb, Frag_Color.a * texture(Texture, Frag_UV.st).r);\n"
    "}\n";

// The attribute locations the vertex shader fixes (layout qualifiers): no lookup needed.
constexpr GLuint kPosition = 0, kUv = 1, kColor = 2;

struct Objects {
  GLuint program = 0, vao = 0, vbo = 0, ibo = 0;
  GLint u_projection = -1, u_texture = -1;
  GLsizeiptr vbo_size = 0, ibo_size = 0;  // bytes allocated, grown as lists need
};
Objects g;

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

// Points the bound vertex array's attributes at the vertex buffer, `first` vertices in.
void point_attributes(std::size_t first) {
  const std::size_t base = first * sizeof(ImDrawVert);
  const auto at = [base](std::size_t field) { return reinterpret_cast<const void*>(base + field); };
  glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
}

// Everything a frame needs, set outright: nothing is read back (see gl_renderer.hpp).
void set_state(const ImDrawData* dd, int fb_w, int fb_h) {
  glViewport(0, 0, fb_w, fb_h);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glActiveTexture(GL_TEXTURE0);
  // ImGui's orthographic projection of its display rectangle (column-major).
  const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
  const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
  const float projection[16] = {
      2.0f / (R - L), 0.0f, 0.0f, 0.0f,
      0.0f, 2.0f / (T - B), 0.0f, 0.0f,
      0.0f, 0.0f, -1.0f, 0.0f,
      (R + L) / (L - R), (T + B) / (B - T), 0.0f, 1.0f,
  };
  glUseProgram(g.program);
  glUniform1i(g.u_texture, 0);
  glUniformMatrix4fv(g.u_projection, 1, GL_FALSE, projection);
  glBindVertexArray(g.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
}

// Grows a buffer to hold `size` bytes (never shrinks: the next frame is about as large).
void reserve(GLenum target, GLsizeiptr& have, GLsizeiptr size) {
  if (have >= size) return;
  have = size;
  glBufferData(target, have, nullptr, GL_STREAM_DRAW);
}

void draw_list(const ImDrawList* list, const ImDrawData* dd, int fb_w, int fb_h) {
  const GLsizeiptr vtx = static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert));
  const GLsizeiptr idx = static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx));
  reserve(GL_ARRAY_BUFFER, g.vbo_size, vtx);
  reserve(GL_ELEMENT_ARRAY_BUFFER, g.ibo_size, idx);
  glBufferSubData(GL_ARRAY_BUFFER, 0, vtx, list->VtxBuffer.Data);
  glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, idx, list->IdxBuffer.Data);
  const ImVec2 off = dd->DisplayPos, scale = dd->FramebufferScale;
  unsigned int pointed = 0;  // the vertex the attributes start at
  for (const ImDrawCmd& cmd : list->CmdBuffer) {
    if (cmd.UserCallback) {  // none of ours; honoured as ImGui's backends do
      if (cmd.UserCallback == ImDrawCallback_ResetRenderState) set_state(dd, fb_w, fb_h);
      else cmd.UserCallback(list, &cmd);
      continue;
    }
    const float x0 = (cmd.ClipRect.x - off.x) * scale.x, y0 = (cmd.ClipRect.y - off.y) * scale.y;
    const float x1 = (cmd.ClipRect.z - off.x) * scale.x, y1 = (cmd.ClipRect.w - off.y) * scale.y;
    if (x1 <= x0 || y1 <= y0) continue;
    glScissor(static_cast<int>(x0), static_cast<int>(fb_h - y1), static_cast<int>(x1 - x0), static_cast<int>(y1 - y0));
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.GetTexID())));
    if (cmd.VtxOffset != pointed) point_attributes(pointed = cmd.VtxOffset);  // WebGL2 has no base vertex
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                   sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                   reinterpret_cast<const void*>(static_cast<std::uintptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
  }
  if (pointed != 0) point_attributes(0);
}

}  // namespace

bool create_device_objects() {
  forget_device_objects();
  const GLuint vs = compile(GL_VERTEX_SHADER, kVertexShader);
  const GLuint fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
  g.program = glCreateProgram();
  glAttachShader(g.program, vs);
  glAttachShader(g.program, fs);
  glLinkProgram(g.program);
  glDetachShader(g.program, vs);
  glDetachShader(g.program, fs);
  glDeleteShader(vs);
  glDeleteShader(fs);
  // The one state read: a shader that did not compile fails the link too.
  GLint linked = GL_FALSE;
  glGetProgramiv(g.program, GL_LINK_STATUS, &linked);
  if (linked != GL_TRUE) {
    destroy_device_objects();
    return false;
  }
  g.u_projection = glGetUniformLocation(g.program, "ProjMtx");
  g.u_texture = glGetUniformLocation(g.program, "Texture");
  glGenVertexArrays(1, &g.vao);
  glGenBuffers(1, &g.vbo);
  glGenBuffers(1, &g.ibo);
  // The vertex array keeps the index buffer and the attribute layout: set once here.
  glBindVertexArray(g.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.ibo);
  glEnableVertexAttribArray(kPosition);
  glEnableVertexAttribArray(kUv);
  glEnableVertexAttribArray(kColor);
  point_attributes(0);
  glBindVertexArray(0);
  return true;
}

void destroy_device_objects() {
  if (g.vao) glDeleteVertexArrays(1, &g.vao);
  if (g.vbo) glDeleteBuffers(1, &g.vbo);
  if (g.ibo) glDeleteBuffers(1, &g.ibo);
  if (g.program) glDeleteProgram(g.program);
  forget_device_objects();
}

void forget_device_objects() { g = Objects{}; }

// One byte per pixel, the coverage ImGui rasterised (GetTexDataAsAlpha8), as an R8 texture:
// no RGBA copy of every atlas in the wasm heap (4 bytes a pixel, which ImGui makes on
// request and keeps), no conversion pass, and a quarter of the bytes through WebGL to the GPU.
unsigned upload_atlas(ImFontAtlas* atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (!pixels) return 0;
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of `width` bytes, whatever width is
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)));
  return tex;
}

void delete_texture(unsigned texture) {
  const GLuint name = texture;
  if (name) glDeleteTextures(1, &name);
}

void render(const ImDrawData* dd) {
  // The framebuffer's size as ImGui's backend derives it (the canvas's, in device pixels).
  const int fb_w = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
  const int fb_h = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
  if (!g.program || fb_w <= 0 || fb_h <= 0) return;
  set_state(dd, fb_w, fb_h);
  for (int n = 0; n < dd->CmdListsCount; ++n) draw_list(dd->CmdLists[n], dd, fb_w, fb_h);
  // The next frame's glClear must cover the whole canvas, not the last clip rectangle.
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace passerelle::web::gl
