// font_state.hpp — App's fonts: the FontBook (the faces and ImGui's atlas built from them)
// and when that atlas must be built again.
//
// A build rasterises every size of the type scale at device pixels, with glyphs for the text
// shown, so it is redone only when that changes: new text (a pack, a notice, country names
// outside Latin-1), another tier of the type scale (compact / regular / large), or another
// device pixel ratio (browser zoom, a window moved to another screen).  Resizing within a
// tier keeps the atlas.
//
// A build is a few atlases, neighbouring sizes grouped (FontBook, atlas_plan.hpp), so that a
// platform can build them in slices and yield between them (the start-up: no long task); build() does them all at once.
// The fonts are measurable as soon as a build begins; each is drawable once its atlas is
// built (ready), which the first frame needs only of the sizes it draws (plan, ensure).
//
// Depends on: ui/font_book.hpp, core/page/layout.hpp (the type scale), imgui.h.
#pragma once
#include <imgui.h>

#include <string_view>
#include <vector>

#include "core/text/typography.hpp"
#include "ui/font_book.hpp"

namespace passerelle::ui {

class FontState {
 public:
  bool set_face(Face face, std::vector<unsigned char> ttf) { return book_.set_face(face, std::move(ttf)); }
  const FontBook& book() const { return book_; }

  // New text to show: its glyphs may be missing from the atlas.
  void text_changed() { need_build_ = true; }
  // Text that may not need a build: only when one of its characters is not among the atlases'
  // glyphs (FontBook::covers; the map's country names, its error message).
  void text_added(std::string_view utf8);
  // The viewport's width or pixel ratio changed: a build when the fonts' tier did.
  void viewport_changed(float width, float dpr);

  // An atlas is due and can be built (all faces are in, the width is known).
  bool wants_build(float width) const { return need_build_ && width > 0 && book_.has_all_faces(); }
  // Builds ImGui's atlas for this width and pixel ratio with glyphs for `text`, and makes it
  // ImGui's default font and scale.  Returns false (and stays due) when ImGui cannot.
  bool build(ImGuiIO& io, float width, float dpr, std::string_view text);

  // The same in slices: begin_build reads the metrics and plans the atlases (the UI's default
  // font first, in io.Fonts); plan() plans them again with the sizes the first screen draws
  // first; each build_slice builds one and returns it (nullptr on failure: the build stays
  // due).  The first makes the UI's font ImGui's default.  building(): slices are left.
  bool begin_build(ImGuiIO& io, float width, float dpr, std::string_view text);
  bool plan(const std::vector<FontSpec>& first_screen) { return book_.plan(first_screen); }
  ImFontAtlas* build_slice(ImGuiIO& io);
  // Builds now every atlas of `specs` not built yet (a frame is about to draw them), calling
  // `built` with each.  False when ImGui cannot (the build stays due).
  bool ensure(ImGuiIO& io, const std::vector<FontSpec>& specs, const FontBook::AtlasBuilt& built);
  bool building() const { return book_.slices_left() > 0; }
  int slices_left() const { return book_.slices_left(); }

  // The fonts' tier of a viewport: the type scale's sizes and the device pixel ratio.
  static int tier_of(float width, float dpr);

 private:
  FontBook book_;
  bool need_build_ = true;
  int built_tier_ = -1;
  int pending_tier_ = -1;  // of the build in slices
  FontSpec default_font_{};

  void after_build(ImGuiIO& io);
};

}  // namespace passerelle::ui
