// font_book.hpp — the page's typefaces, rasterised by Dear ImGui at the right pixel sizes.
//
// The core asks for fonts by FontSpec (face + CSS px size).  The font book owns the TTF bytes
// of each face and builds ImGui's atlas with one ImFont per FontSpec, rasterised at
// size × devicePixelRatio so text is crisp on HiDPI screens (and rebuilt when the ratio
// changes, e.g. on browser zoom).  Glyphs are printable ASCII, a few marks and letters every
// atlas has (kBaseGlyphs, font_book.cpp), and whatever else the text to draw uses, which keeps
// the atlases small even at 3×.
//
// Several atlases, built one at a time: ImGui rasterises a whole atlas in one call, and all
// the sizes at once took 470 ms of main thread on a slow phone (CPU 4x), so the platform
// builds them in slices (begin_build, then build_next once per task) and yields between them.
// Only the atlases of the sizes the first screen draws are built before the first frame (plan
// puts them first); the others follow, one per task, after it, and a frame that needs one of
// them sooner builds it first (ensure).  Measuring needs no atlas (font_metrics.hpp), so the
// whole page is laid out before any atlas is built.
// Which sizes share an atlas is plan_atlases' choice (atlas_plan.hpp): neighbouring sizes
// until a rasterisation budget, so that there are few slices (each a texture upload and a
// yield) and each is short.  The first spec goes alone into the atlas the caller gives
// (io.Fonts: ImGui's own widgets and its default font need it); each other group gets an
// atlas of its own, whose texture the platform uploads and names with SetTexID.  Text drawn with ImDrawList::AddText must then
// be drawn with its font's texture bound: see AtlasTexture below (ImGui::PushFont does it
// for ImGui's widgets).
//
// It is also the FontMetrics the core's text flow measures with, with the very advances the
// atlases get, so what is measured is exactly what is drawn.
//
// Depends on: core/typography.hpp, core/sfnt.hpp, ui/atlas_plan.hpp and ui/font_metrics.hpp (in
// the .cpp), imgui.h.
#pragma once
#include <imgui.h>

#include <array>
#include <functional>
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

  // The same in slices: begin_build forgets the old atlases, reads every font's metrics
  // (font_metrics.hpp: measure() and ascent() work at once, before any atlas is built) and
  // plans the atlases (cheap); plan() may plan them again, before the first slice, with the
  // sizes the first screen draws first.  Each build_next rasterises the next atlas not built
  // yet and returns it (its texture is then due), or nullptr when ImGui cannot (the book is
  // then empty).  A font is drawable once its atlas is built: ready().
  bool begin_build(ImFontAtlas& first, const std::vector<FontSpec>& specs, float dpr, std::string_view text);
  // Groups the specs in `soon` into the first atlases, after `first`'s (atlas_plan.hpp).
  // False (and nothing changes) once a slice was built.
  bool plan(const std::vector<FontSpec>& soon);
  ImFontAtlas* build_next();
  // Builds, io.Fonts's first, every atlas holding one of `specs` that is not built yet, and
  // calls `built` with each (its texture is due).  False when ImGui cannot (the book is then
  // empty).  For a frame that draws a size whose atlas the slices did not reach yet.
  using AtlasBuilt = std::function<void(ImFontAtlas*)>;
  bool ensure(const std::vector<FontSpec>& specs, const AtlasBuilt& built);
  int slices_left() const;
  int slices_built() const { return static_cast<int>(atlases_.size()) - slices_left(); }
  bool atlas_built(int i) const { return built_[i] != 0; }  // atlases()[i]
  bool planned() const { return !atlases_.empty(); }
  // measure() and ascent() are those of the fonts of the current build (begin_build is done).
  bool measurable() const { return !metrics_.empty(); }
  // The atlas of `spec` (or of the closest one of the same face) is built: it can be drawn.
  bool ready(FontSpec spec) const;
  bool ready(const std::vector<FontSpec>& specs) const;
  // Which atlas holds `spec` (-1 when none is planned).
  int atlas_of(FontSpec spec) const;

  bool built() const { return !fonts_.empty() && slices_left() == 0; }
  // Every atlas, `first` first (for the platform's textures).
  const std::vector<ImFontAtlas*>& atlases() const { return atlases_; }
  float dpr() const { return dpr_; }
  const std::vector<FontSpec>& specs() const { return specs_; }

  // The font of `spec` (or the closest one of the same face), never null once planned; its
  // glyphs are there once ready(spec).
  ImFont* font(FontSpec spec) const;
  // The size to pass to ImDrawList::AddText for `spec` (CSS px of the font's content box).
  float draw_size(FontSpec spec) const;

  // Whether every character of `utf8` is among the glyphs the atlases are built with (false
  // before a build): text that is not needs a new build (FontState::text_added).
  bool covers(std::string_view utf8) const;

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
  std::vector<std::unique_ptr<ImFont>> metrics_;    // parallel to specs_: measure() and ascent()
  ImFontAtlas metrics_owner_;                       // their stand-in atlas (nothing is packed)
  std::vector<ImFont*> fonts_;                      // parallel to specs_, in their atlases
  std::vector<int> atlas_of_;                       // parallel to specs_
  std::vector<ImFontAtlas*> atlases_;               // in build order: first, then own_
  std::vector<char> built_;                         // parallel to atlases_
  std::vector<std::unique_ptr<ImFontAtlas>> own_;   // every atlas but the first
  ImFontAtlas* first_ = nullptr;
  ImVector<ImWchar> ranges_;                        // must outlive the atlas builds
  float dpr_ = 1.0f;

  void forget();
  void forget_atlases();
  int index_of(FontSpec spec) const;  // the spec, or the closest of its face; -1 when none
  bool build_atlas(int i, const AtlasBuilt& built);
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
