// font_book.cpp — building ImGui's font atlases from FontSpecs (see font_book.hpp).
//
// Depends on: ui/font_book.hpp, ui/atlas_plan.hpp, core/base/utf8.hpp, imgui.h.
#include "ui/font_book.hpp"

#include <cfloat>
#include <cmath>

#include "core/base/utf8.hpp"
#include "ui/atlas_plan.hpp"

namespace passerelle::ui {

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

void FontBook::forget() {
  fonts_.clear();
  specs_.clear();
  atlases_.clear();
  own_.clear();
  next_ = 0;
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
  forget();
  if (!has_all_faces() || specs.empty()) return false;
  if (!(dpr > 0.25f && dpr < 8.0f)) dpr = 1.0f;

  ImFontGlyphRangesBuilder rb;
  static const ImWchar base[] = {0x0020, 0x00FF,  // Basic Latin + Latin-1 (é è ê à ç ô « » nbsp)
                                 0x0152, 0x0153,  // Œ œ
                                 0x2013, 0x2014,  // – —
                                 0x2018, 0x201E,  // ‘ ’ ‚ “ ” „
                                 0x2026, 0x2026,  // …
                                 0x2039, 0x203A,  // ‹ › (breadcrumb)
                                 0x202F, 0x202F,  // narrow no-break space
                                 0x20AC, 0x20AC,  // €
                                 0};
  rb.AddRanges(base);
  if (!text.empty()) rb.AddText(text.data(), text.data() + text.size());
  ranges_.clear();
  rb.BuildRanges(&ranges_);

  first.Clear();
  const std::vector<int> atlas_of = plan_atlases(specs, dpr, glyph_count(ranges_));
  for (int a : atlas_of) {  // the plan numbers atlases from 0, by size: every one they name
    while (static_cast<int>(atlases_.size()) <= a) {
      ImFontAtlas* atlas = atlases_.empty() ? &first : own_.emplace_back(std::make_unique<ImFontAtlas>()).get();
      atlas->Flags |= ImFontAtlasFlags_NoMouseCursors;  // the browser draws the cursor
      atlases_.push_back(atlas);
    }
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    ImFont* f = add_font(*atlases_[atlas_of[i]], specs[i], dpr);
    if (!f) {
      forget();
      return false;
    }
    fonts_.push_back(f);
    specs_.push_back(specs[i]);
  }
  dpr_ = dpr;
  return true;
}

ImFontAtlas* FontBook::build_next() {
  if (slices_left() <= 0) return nullptr;
  ImFontAtlas* atlas = atlases_[next_];
  if (!atlas->Build()) {
    forget();
    return nullptr;
  }
  ++next_;
  return atlas;
}

ImFont* FontBook::font(FontSpec spec) const {
  ImFont* best = nullptr;
  float best_d = FLT_MAX;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i] == spec) return fonts_[i];
    const float d = std::fabs(specs_[i].size - spec.size) + (specs_[i].face == spec.face ? 0 : 1000);
    if (d < best_d) {
      best_d = d;
      best = fonts_[i];
    }
  }
  return best;
}

int FontBook::missing_glyphs(FontSpec spec, std::string_view utf8) const {
  const ImFont* f = font(spec);
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

float FontBook::measure(FontSpec spec, std::string_view s) const {
  ImFont* f = font(spec);
  if (!f || s.empty()) return 0;
  return f->CalcTextSizeA(draw_size(spec), FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
}

float FontBook::ascent(FontSpec spec) const {
  ImFont* f = font(spec);
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
