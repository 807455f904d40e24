// frame_bench.cpp — CPU time of one frame of the page, in our code only (no GPU).
//
// The browser benchmark (bench/map.mjs) measures whole frames in Chromium, where software
// WebGL (SwiftShader) on a shared machine dominates.  This one runs App::frame() — layout
// when needed, ImGui, the page, the map's triangles, borders and labels — natively in a
// headless ImGui context with Debian's Noto fonts, and prints ms per frame and vertices
// submitted, for the page at rest, the page scrolling, and the map panning at two zooms.
//
// Usage: frame_bench SOURCE_DIR MAP_GEOMETRY [FONT_DIR]    (bench/run.sh passes them)
// Depends on: ui/app.hpp (passerelle_ui), imgui, the standard library.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ui/app.hpp"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Figures {
  double p50 = 0, p95 = 0;
  int vertices = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: frame_bench SOURCE_DIR MAP_GEOMETRY [FONT_DIR]\n");
    return 2;
  }
  const std::string src = argv[1], fonts = argc > 3 ? argv[3] : "/usr/share/fonts/truetype/noto";
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  passerelle::ui::App app;
  const char* faces[] = {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSans-Regular", "NotoSans-Bold"};
  for (int i = 0; i < passerelle::kFaceCount; ++i) {
    const std::string ttf = read_file(fonts + "/" + faces[i] + ".ttf");
    if (!app.set_face(static_cast<passerelle::Face>(i), std::vector<unsigned char>(ttf.begin(), ttf.end()))) {
      std::fprintf(stderr, "frame_bench: cannot read %s/%s.ttf\n", fonts.c_str(), faces[i]);
      return 1;
    }
  }
  if (!app.load_pack(read_file(src + "/content/international.fr.json"), "international.fr.json").empty() ||
      !app.load_map_geometry(read_file(argv[2]), "map-geometry.json").empty()) {
    std::fprintf(stderr, "frame_bench: the pack or the geometry is invalid\n");
    return 1;
  }
  app.set_viewport(1280, 800, 1);
  double t = 100;
  auto settle = [&] {
    for (int i = 0; i < 600; ++i) {
      app.update_fonts();
      t += 1.0 / 60;
      if (!app.frame(t)) break;
    }
  };
  settle();

  // 240 frames with `input` before each; the median and 95th percentile of App::frame().
  auto measure = [&](auto&& input) {
    std::vector<double> ms;
    for (int i = 0; i < 240; ++i) {
      input(i);
      app.update_fonts();
      t += 1.0 / 60;
      const auto t0 = std::chrono::steady_clock::now();
      app.frame(t);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    const ImDrawData* d = ImGui::GetDrawData();
    return Figures{ms[ms.size() / 2], ms[ms.size() * 95 / 100], d ? d->TotalVtxCount : 0};
  };

  std::printf("bench/native/frame_bench — App::frame() at 1280x800, 240 frames each, ms of CPU\n\n");
  std::printf("%-28s %8s %8s %9s\n", "scenario", "p50 ms", "p95 ms", "vertices");
  std::printf("%-28s %8s %8s %9s\n", "----------------------------", "--------", "--------", "---------");
  auto row = [](const char* name, const Figures& f) {
    std::printf("%-28s %8.3f %8.3f %9d\n", name, f.p50, f.p95, f.vertices);
  };
  row("page at rest", measure([](int) {}));
  row("page scrolling (wheel)", measure([&](int i) { app.wheel(0, i % 2 ? 3.0f : -3.0f, false, 5, 5, t); }));
  const passerelle::Rect fig = app.layout()->map->map;
  app.wheel(0, fig.y - 20 - app.scroll(), false, 5, 5, t);
  settle();
  const passerelle::Rect b = app.map().box();
  const float cx = b.x + b.w / 2, cy = b.y + b.h / 2;
  auto pan = [&](int i) { app.pointer_move(cx + 40 * std::sin(i * 0.1f), cy + 30 * std::cos(i * 0.1f)); };
  app.pointer_move(cx, cy);
  app.pointer_down(cx, cy);
  row("map panning, zoom 1", measure(pan));
  app.pointer_up(cx, cy);
  app.wheel(0, -300, true, cx, cy, t);  // Ctrl + wheel: zoom 4
  settle();
  app.pointer_move(cx, cy);
  app.pointer_down(cx, cy);
  row("map panning, zoom 4", measure(pan));
  app.pointer_up(cx, cy);
  ImGui::DestroyContext(ctx);
  return 0;
}
