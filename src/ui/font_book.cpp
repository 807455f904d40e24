// font_book.cpp — building ImGui's font atlases from FontSpecs (see font_book.hpp).
//
// Depends on: ui/font_book.hpp, ui/atlas_plan.hpp, ui/font_metrics.hpp, core/base/utf8.hpp, imgui.h.
#include "ui/font_book.hpp"

#include <cfloat>
#include <cmath>

#include "core/base/utf8.hpp"
#include "ui/atlas_plan.hpp"
#include "ui/font_metrics.hpp"

namespace passerelle::ui {
namespace {

// The glyphs every atlas has, whatever the text.  The rest is the text's own: begin_build gets
// everything the canvas will draw that is known before the first frame (App::glyph_text: the
// pack's visible text, a notice, the map's names once loaded), and text that comes later and
// is not covered makes a new build due (FontState::text_added, FontBook::covers).
//
// Each glyph is rasterised at every size of the type scale, so this set is small on purpose:
// it was all of Latin-1 and the quotes and dashes (202 glyphs), now about 110 with the
// French pack's text, which halved the atlases' main-thread time on the slow phone.
//   - printable ASCII: the digits and signs of whatever number or address the UI writes;
//   - the marks our own code adds to the pack's text: no-break space and ‹ › (breadcrumb),
//     « » and — (consent panel), • (lists), … (map loading), × (the banner's close);
//   - the letters of the bundled map's country names, which arrive after the first frame:
//     covered here, they cost no second build (tests/ui/unit-font-book.cpp checks every name
//     of map-geometry.json in both languages).
constexpr ImWchar kBaseGlyphs[] = {
    0x0020, 0x007E,  // ASCII
    0x00A0, 0x00A0,  // no-break space
    0x00AB, 0x00AB,  // «
    0x00BB, 0x00BB,  // »
    0x00C5, 0x00C5,  // Å (Åland)
    0x00C9, 0x00C9,  // É
    0x00CE, 0x00CE,  // Î
    0x00D7, 0x00D7,  // ×
    0x00E3, 0x00E3,  // ã (São Tomé)
    0x00E8, 0x00E9,  // è é
    0x00EB, 0x00EB,  // ë
    0x00EF, 0x00EF,  // ï
    0x00F4, 0x00F4,  // ô
    0x2014, 0x2014,  // —
    0x2022, 0x2022,  // •
    0x2026, 0x2026,  // …
    0x2039, 0x203A,  // ‹ ›
    0};

}  // namespace

bool FontBook::set_face(Face face, std::vector<unsigned char> ttf) {
  const auto m = read_vertical_metrics(
      std::string_view(reinterpret_cast<const char*>(ttf.data()), ttf.size()));
  if (!m) return false;
  faces_[static_cast<int>(face)] = FaceData{std::move(ttf), *m};
  return true;
}

bool FontBook::has_all_faces() const {
  for (const auto& f : faces_)
    if (!f) return false;
  return true;
}

bool FontBook::build(ImFontAtlas& first, const std::vector<FontSpec>& specs, float dpr, std::string_view text) {
  if (!begin_build(first, specs, dpr, text)) return false;
  while (slices_left() > 0)
    if (!build_next()) return false;
  return true;
}

void FontBook::forget_atlases() {
  fonts_.clear();
  atlas_of_.clear();
  atlases_.clear();
  built_.clear();
  own_.clear();
  if (first_) first_->Clear();
}

void FontBook::forget() {
  forget_atlases();
  specs_.clear();
  metrics_.clear();
}

int FontBook::glyph_count(const ImVector<ImWchar>& ranges) {
  int n = 0;
  for (int i = 0; i + 1 < ranges.Size && ranges[i]; i += 2) n += ranges[i + 1] - ranges[i] + 1;
  return n;
}

ImFont* FontBook::add_font(ImFontAtlas& atlas, FontSpec spec, float dpr) {
  const FaceData& face = *faces_[static_cast<int>(spec.face)];
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes live in faces_
  // At 2× and above the pixel grid is fine enough; at 1× horizontal oversampling keeps
  // fractional glyph positions smooth.
  cfg.OversampleH = dpr >= 1.75f ? 1 : 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  const float px = em_to_pixel_height(face.metrics, spec.size * dpr);
  return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(face.ttf.data()), static_cast<int>(face.ttf.size()),
                                    px, &cfg, ranges_.Data);
}

bool FontBook::begin_build(ImFontAtlas& first, const std::vector<FontSpec>& specs, float dpr,
                           std::string_view text) {
  first_ = &first;
  forget();
  if (!has_all_faces() || specs.empty()) return false;
  if (!(dpr > 0.25f && dpr < 8.0f)) dpr = 1.0f;

  ImFontGlyphRangesBuilder rb;
  rb.AddRanges(kBaseGlyphs);
  if (!text.empty()) rb.AddText(text.data(), text.data() + text.size());
  ranges_.clear();
  rb.BuildRanges(&ranges_);

  for (const FontSpec& spec : specs) {
    const FaceData& face = *faces_[static_cast<int>(spec.face)];
    auto m = std::make_unique<ImFont>();
    if (!fill_font_metrics(*m, metrics_owner_, face.ttf.data(), em_to_pixel_height(face.metrics, spec.size * dpr),
                           ranges_.Data)) {
      forget();
      return false;
    }
    metrics_.push_back(std::move(m));
  }
  specs_ = specs;
  dpr_ = dpr;
  return plan({});
}

bool FontBook::plan(const std::vector<FontSpec>& soon) {
  if (specs_.empty() || slices_built() > 0) return false;
  forget_atlases();
  std::vector<bool> first_screen(specs_.size(), false);
  for (std::size_t i = 0; i < specs_.size(); ++i)
    for (const FontSpec& s : soon) first_screen[i] = first_screen[i] || s == specs_[i];
  atlas_of_ = plan_atlases(specs_, dpr_, glyph_count(ranges_), kAtlasBudget, first_screen);
  for (int a : atlas_of_) {  // the plan numbers atlases from 0, in build order: every one they name
    while (static_cast<int>(atlases_.size()) <= a) {
      ImFontAtlas* atlas = atlases_.empty() ? first_ : own_.emplace_back(std::make_unique<ImFontAtlas>()).get();
      atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;  // the browser draws the cursor
      atlases_.push_back(atlas);
      built_.push_back(0);
    }
  }
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    ImFont* f = add_font(*atlases_[atlas_of_[i]], specs_[i], dpr_);
    if (!f) {
      forget();
      return false;
    }
    fonts_.push_back(f);
  }
  return true;
}

int FontBook::slices_left() const {
  int n = 0;
  for (char b : built_) n += b ? 0 : 1;
  return n;
}

bool FontBook::build_atlas(int i, const AtlasBuilt& built) {
  if (!atlases_[i]->Build()) {
    forget();
    return false;
  }
  built_[i] = 1;
  if (built) built(atlases_[i]);
  return true;
}

ImFontAtlas* FontBook::build_next() {
  for (std::size_t i = 0; i < atlases_.size(); ++i)
    if (!built_[i]) return build_atlas(static_cast<int>(i), nullptr) ? atlases_[i] : nullptr;
  return nullptr;
}

bool FontBook::ensure(const std::vector<FontSpec>& specs, const AtlasBuilt& built) {
  if (!planned()) return false;
  // io.Fonts first: the platform's textures of a build start with its own (font_textures.hpp).
  if (!built_[0] && !build_atlas(0, built)) return false;
  for (const FontSpec& s : specs) {
    const int a = atlas_of(s);
    if (a >= 0 && !built_[a] && !build_atlas(a, built)) return false;
  }
  return true;
}

int FontBook::index_of(FontSpec spec) const {
  int best = -1;
  float best_d = FLT_MAX;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i] == spec) return static_cast<int>(i);
    const float d = std::fabs(specs_[i].size - spec.size) + (specs_[i].face == spec.face ? 0 : 1000);
    if (d < best_d) {
      best_d = d;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int FontBook::atlas_of(FontSpec spec) const {
  const int i = index_of(spec);
  return i >= 0 && i < static_cast<int>(atlas_of_.size()) ? atlas_of_[i] : -1;
}

bool FontBook::ready(FontSpec spec) const {
  const int a = atlas_of(spec);
  return a >= 0 && built_[a];
}

bool FontBook::ready(const std::vector<FontSpec>& specs) const {
  for (const FontSpec& s : specs)
    if (!ready(s)) return false;
  return planned() && built_[0];
}

ImFont* FontBook::font(FontSpec spec) const {
  const int i = index_of(spec);
  return i >= 0 && i < static_cast<int>(fonts_.size()) ? fonts_[i] : nullptr;
}

bool FontBook::covers(std::string_view utf8) const {
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = decode_utf8(utf8, i);
    if (cp < 0x20) continue;  // controls: nothing is drawn for them
    bool in = false;
    for (int r = 0; r + 1 < ranges_.Size && ranges_[r] && !in; r += 2) in = cp >= ranges_[r] && cp <= ranges_[r + 1];
    if (!in) return false;
  }
  return true;
}

int FontBook::missing_glyphs(FontSpec spec, std::string_view utf8) const {
  const ImFont* f = ready(spec) ? font(spec) : nullptr;  // an atlas not built has no glyph yet
  int missing = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = decode_utf8(utf8, i);
    if (cp >= 0x20 && (!f || cp > 0xFFFF || !f->FindGlyphNoFallback(static_cast<ImWchar>(cp)))) ++missing;
  }
  return missing;
}

float FontBook::draw_size(FontSpec spec) const {
  const FaceData& face = *faces_[static_cast<int>(spec.face)];
  return em_to_pixel_height(face.metrics, spec.size);
}

// Measured with the metrics-only fonts (font_metrics.hpp): the same numbers as the built
// fonts, known before any atlas is built.
float FontBook::measure(FontSpec spec, std::string_view s) const {
  const int i = index_of(spec);
  const ImFont* f = i >= 0 ? metrics_[i].get() : nullptr;
  if (!f || s.empty()) return 0;
  return f->CalcTextSizeA(draw_size(spec), FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

float FontBook::ascent(FontSpec spec) const {
  const int i = index_of(spec);
  const ImFont* f = i >= 0 ? metrics_[i].get() : nullptr;
  if (!f) return spec.size;
  return f->Ascent * draw_size(spec) / f->FontSize;
}

float FontBook::content_height(FontSpec spec) const { return draw_size(spec); }

}  // namespace passerelle::ui

namespace passerelle::ui {

AtlasTexture::AtlasTexture(ImDrawList& dl, const ImFont* font) : dl_(dl) {
  if (!font || !font->ContainerAtlas) return;
  const ImTextureID id = font->ContainerAtlas->TexID;
  if (id == dl_._CmdHeader.TextureId) return;
  dl_.PushTextureID(id);
  pushed_ = true;
}

AtlasTexture::~AtlasTexture() {
  if (pushed_) dl_.PopTextureID();
}

}  // namespace passerelle::ui
