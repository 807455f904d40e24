// app_fonts.cpp — App's fonts: which atlases a frame draws, and building them (see app.hpp).
//
// Why: rasterising every size of the type scale before the first frame took ~270-380 ms of
// slices on the slow phone (CPU 4x).  The first screen draws only some of them: the header,
// the breadcrumb, the title, the lead and the body, the consent banner's.  So a build reads
// every font's metrics (the whole page is laid out, as before), plans the atlases with the
// sizes of the current screen first, and the platform draws the first frame once those are
// built; the others follow one per task.  A frame that draws a size whose atlas is not built
// yet (a scroll right after the first frame) builds it before drawing.
//
// Depends on: ui/app.hpp (and so the parts of ui/app/), ui/page_view.hpp (run_on_screen),
// ui/consent_widget.hpp (consent_fonts), imgui.h.
#include <algorithm>

#include "ui/app.hpp"
#include "ui/page_view.hpp"

namespace passerelle::ui {

bool App::update_fonts() {
  bool built = false;
  while (fonts_.building() || fonts_.wants_build(page_.width())) {
    if (!build_fonts_slice()) return built;
    built = true;
  }
  return built;
}

bool App::start_fonts() { return !fonts_.building() && begin_fonts(); }

// Metrics, the layout they give, and the plan: the atlases of what is on screen first.
bool App::begin_fonts() {
  if (!fonts_.wants_build(page_.width())) return false;
  if (!fonts_.begin_build(ImGui::GetIO(), page_.width(), page_.dpr(), glyph_text())) return false;
  page_.mark_dirty();  // measured with the new fonts
  relayout();
  fonts_.plan(fonts_drawn());
  return true;
}

ImFontAtlas* App::build_fonts_slice() {
  if (!fonts_.building() && !begin_fonts()) return nullptr;
  ImFontAtlas* atlas = fonts_.build_slice(ImGui::GetIO());
  if (atlas && atlas_built_) atlas_built_(atlas);
  return atlas;
}

std::vector<FontSpec> App::fonts_drawn() const {
  const PageLayout* layout = page_.layout();
  const TypeScale scale = layout ? layout->scale : type_scale_for_width(page_.width());
  std::vector<FontSpec> specs{scale.ui};  // ImGui's default font
  auto add = [&](const FontSpec& s) {
    if (std::find(specs.begin(), specs.end(), s) == specs.end()) specs.push_back(s);
  };
  if (!layout) return specs;
  if (consent_.active() && has_page())
    for (const FontSpec& s : consent_fonts(scale)) add(s);
  // The map figure's chips, labels and messages (ui/map_paint.cpp), drawn whenever the page
  // has a map (the chips under its text whether or not the map itself is on screen).
  if (has_page() && layout->map)
    for (const FontSpec& s : {scale.ui, scale.ui_bold, scale.ui_small}) add(s);
  if (page_.view() != ViewMode::consent) {
    const float viewport_h = std::max(page_.height(), 1.0f);  // as frame() gives ImGui
    for (const PlacedRun& r : layout->runs)
      if (run_on_screen(r, page_.scroll(), viewport_h)) add(r.font);
  }
  return specs;
}

}  // namespace passerelle::ui
