// content_exports.cpp — what the page shows, handed in by the loader: the five font faces,
// the content pack (and the errors that make it a notice instead), or a notice of its own.
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, core/base/diagnostic.hpp, Emscripten.
#include <emscripten.h>

#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace {
std::vector<std::string> g_error_texts;
}  // namespace

extern "C" {

// face: an abi::Face.  Takes ownership of nothing: the bytes are copied.  Returns an
// abi::Flag: on when the face was accepted.
EMSCRIPTEN_KEEPALIVE int pl_set_face(int face, const unsigned char* data, int len) {
  if (!pl_app() || face < abi::code(abi::Face::serif_regular) || face > abi::code(abi::Face::sans_bold) || len <= 0)
    return abi::flag(false);
  return abi::flag(pl_app()->set_face(static_cast<passerelle::Face>(face), std::vector<unsigned char>(data, data + len)));
}

// Returns the number of errors (0: the page is shown; -1: pl_init has not succeeded).
EMSCRIPTEN_KEEPALIVE int pl_load_pack(const char* data, int len, const char* name) {
  if (!pl_app()) return -1;
  const auto& errors = pl_app()->load_pack(std::string_view(data, len > 0 ? len : 0), name ? name : "pack.json");
  g_error_texts.clear();
  for (const auto& d : errors) g_error_texts.push_back(passerelle::format(d));
  return static_cast<int>(errors.size());
}

EMSCRIPTEN_KEEPALIVE int pl_error_count(void) { return static_cast<int>(g_error_texts.size()); }
EMSCRIPTEN_KEEPALIVE const char* pl_error_text(int i) {
  return i >= 0 && i < static_cast<int>(g_error_texts.size()) ? g_error_texts[i].c_str() : "";
}

// A message instead of the page; paragraphs are separated by '\n'.
EMSCRIPTEN_KEEPALIVE void pl_show_notice(const char* title, const char* text) {
  if (!pl_app()) return;
  std::vector<std::string> paragraphs;
  std::string cur;
  for (const char* p = text; p && *p; ++p) {
    if (*p == '\n') {
      paragraphs.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) paragraphs.push_back(cur);
  pl_app()->show_notice(title ? title : "", std::move(paragraphs));
}

}  // extern "C"
