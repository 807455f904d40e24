// headless.hpp — a Dear ImGui context with no GPU, for testing the UI layer natively.
//
// ImGui 1.86 has no null backend: create the context, give it a display size, build the
// font atlas (App::update_fonts does), then NewFrame/Render and read ImDrawData.  Fonts are
// Debian's Noto (fonts-noto-core), the same files the web build subsets.
#pragma once
#include <imgui.h>

#include <fstream>
#include <stdexcept>
#include <iterator>
#include <string>
#include <vector>

#include "ui/app.hpp"

namespace passerelle::testing {

inline std::vector<unsigned char> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string source_path(const std::string& rel) { return std::string(PASSERELLE_SOURCE_DIR) + "/" + rel; }

// Gives the five faces (Debian's Noto) to anything with App's set_face(Face, bytes).
template <class FontTaker>
void set_noto_faces(FontTaker& taker) {
  const char* faces[] = {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSans-Regular",
                         "NotoSans-Bold"};
  for (int i = 0; i < kFaceCount; ++i) {
    const bool ok = taker.set_face(static_cast<Face>(i),
                                   read_bytes(std::string(PASSERELLE_FONT_DIR) + "/" + faces[i] + ".ttf"));
    if (!ok) throw std::runtime_error(std::string("cannot read font ") + faces[i]);
  }
}

// An ImGui context alone, for the parts of App tested without it (ui/app/*.hpp).
class ImGuiContextScope {
 public:
  ImGuiContextScope() : ctx_(ImGui::CreateContext()) { ImGui::GetIO().IniFilename = nullptr; }
  ~ImGuiContextScope() { ImGui::DestroyContext(ctx_); }
  ImGuiContextScope(const ImGuiContextScope&) = delete;
  ImGuiContextScope& operator=(const ImGuiContextScope&) = delete;

 private:
  ImGuiContext* ctx_;
};

class Headless {
 public:
  Headless() {
    ctx_ = ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    set_noto_faces(app);
  }
  ~Headless() { ImGui::DestroyContext(ctx_); }
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  // Runs frames until the app is at rest (or a safety limit), advancing time by 1/60 s.
  int settle(int limit = 600) {
    int n = 0;
    do {
      app.update_fonts();
      ++n;
      t += 1.0 / 60;
    } while (app.frame(t) && n < limit);
    return n;
  }

  ImDrawData* draw_data() { return ImGui::GetDrawData(); }
  int vertices() {
    ImDrawData* d = draw_data();
    return d ? d->TotalVtxCount : 0;
  }

  ui::App app;
  double t = 100.0;

 private:
  ImGuiContext* ctx_;
};

}  // namespace passerelle::testing
