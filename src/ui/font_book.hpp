// font_book.hpp — the page's typefaces, rasterised by Dear ImGui at the right pixel sizes.
//
// The core asks for fonts by FontSpec (face + CSS px size).  The font book owns the TTF bytes
// of each face and builds ImGui's atlas with one ImFont per FontSpec, rasterised at
// size × devicePixelRatio so text is crisp on HiDPI screens (and rebuilt when the ratio
// changes, e.g. on browser zoom).  Glyphs are Basic Latin, Latin-1 and whatever else the
// page's own text uses (œ ’ « » – — … no-break spaces), which keeps the atlas small even at 3×.
//
// Several atlases, built one at a time: ImGui rasterises a whole atlas in one call, and all
// the sizes at once took 470 ms of main thread on a slow phone (CPU 4x), so the platform
// builds them in slices (begin_build, then build_next once per task) and yields between them.
// Which sizes share an atlas is plan_atlases' choice (atlas_plan.hpp): neighbouring sizes
// until a rasterisation budget, so that there are few slices (each a texture upload and a
// yield) and each is short.  The first spec goes alone into the atlas the caller gives
// (io.Fonts: ImGui's own widgets and its default font need it); each other group gets an
// atlas of its own, whose texture the platform uploads and names with SetTexID.  Text drawn with ImDrawList::AddText must then
// be drawn with its font's texture bound: see AtlasTexture below (ImGui::PushFont does it
// for ImGui's widgets).
//
// It is also the FontMetrics the core's text flow measures with, so what is measured is
// exactly what is drawn.
//
// Depends on: core/typography.hpp, core/sfnt.hpp, ui/atlas_plan.hpp (in the .cpp), imgui.h.
#pragma once
#include <imgui.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/sfnt.hpp"
#include "core/text/typography.hpp"

namespace passerelle::ui {

class FontBook final : public FontMetrics {
 public:
  // Takes a face's TTF bytes.  Returns false (and keeps nothing) if they are not a font.
  bool set_face(Face face, std::vector<unsigned char> ttf);
  bool has_all_faces() const;

  // Rebuilds the atlases for these specs at this pixel ratio, with glyphs for `text`, all at
  // once.  `first` (io.Fonts) holds specs[0].  Returns false if a face is missing or ImGui
  // cannot build an atlas.
  bool build(ImFontAtlas& first, const std::vector<FontSpec>& specs, float dpr, std::string_view text);

  // The same in slices: begin_build forgets the old atlases and plans them (cheap);
  // each build_next rasterises one of them and returns it (its texture is then due), or
  // nullptr when ImGui cannot (the book is then empty).  No font is usable before the last.
  bool begin_build(ImFontAtlas& first, const std::vector<FontSpec>& specs, float dpr, std::string_view text);
  ImFontAtlas* build_next();
  int slices_left() const { return static_cast<int>(atlases_.size()) - next_; }
  int slices_built() const { return next_; }  // atlases()[0 .. slices_built()) are built

  bool built() const { return !fonts_.empty() && slices_left() == 0; }
  // Every atlas, `first` first (for the platform's textures).
  const std::vector<ImFontAtlas*>& atlases() const { return atlases_; }
  float dpr() const { return dpr_; }
  const std::vector<FontSpec>& specs() const { return specs_; }

  // The font built for `spec` (or the closest one of the same face), never null once built.
  ImFont* font(FontSpec spec) const;
  // The size to pass to ImDrawList::AddText for `spec` (CSS px of the font's content box).
  float draw_size(FontSpec spec) const;

  // How many characters of `utf8` the font of `spec` has no glyph for (ImGui would draw its
  // fallback): 0 for any text the atlas was built with.  For tests, through the web probes.
  int missing_glyphs(FontSpec spec, std::string_view utf8) const;

  // FontMetrics, in CSS px.
  float measure(FontSpec font, std::string_view utf8) const override;
  float ascent(FontSpec font) const override;
  float content_height(FontSpec font) const override;

 private:
  struct FaceData {
    std::vector<unsigned char> ttf;
    VerticalMetrics metrics;
  };
  std::array<std::optional<FaceData>, kFaceCount> faces_;
  std::vector<FontSpec> specs_;
  std::vector<ImFont*> fonts_;                      // parallel to specs_
  std::vector<ImFontAtlas*> atlases_;               // in build order: first, then own_
  std::vector<std::unique_ptr<ImFontAtlas>> own_;   // every atlas but the first
  int next_ = 0;                                    // the next atlas build_next builds
  ImVector<ImWchar> ranges_;                        // must outlive the atlas builds
  float dpr_ = 1.0f;

  void forget();
  static int glyph_count(const ImVector<ImWchar>& ranges);
  ImFont* add_font(ImFontAtlas& atlas, FontSpec spec, float dpr);  // nullptr if ImGui cannot
};

// ImDrawList::AddText asserts that the list draws with its font's atlas texture, and a page
// font is not always in io.Fonts: this binds the font's texture for the scope when the list
// has another one bound (and nothing when it is the same, so runs of one font stay one draw
// call).  Shapes (underlines, rectangles) must be drawn outside it: they sample the white
// pixel of io.Fonts.
class AtlasTexture {
 public:
  AtlasTexture(ImDrawList& dl, const ImFont* font);
  ~AtlasTexture();
  AtlasTexture(const AtlasTexture&) = delete;
  AtlasTexture& operator=(const AtlasTexture&) = delete;

 private:
  ImDrawList& dl_;
  bool pushed_ = false;
};

}  // namespace passerelle::ui
