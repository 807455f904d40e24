// font_book.cpp — building ImGui's font atlas from FontSpecs (see font_book.hpp).
#include "ui/font_book.hpp"

#include <cfloat>
#include <cmath>

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

bool FontBook::build(ImFontAtlas& atlas, const std::vector<FontSpec>& specs, float dpr,
                     std::string_view text) {
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

  atlas.Clear();
  atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;  // the browser draws the cursor
  fonts_.clear();
  specs_.clear();
  for (const FontSpec& spec : specs) {
    const FaceData& face = *faces_[static_cast<int>(spec.face)];
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes live in faces_
    // At 2× and above the pixel grid is fine enough; at 1× horizontal oversampling keeps
    // fractional glyph positions smooth.
    cfg.OversampleH = dpr >= 1.75f ? 1 : 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    const float px = em_to_pixel_height(face.metrics, spec.size * dpr);
    ImFont* f = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(face.ttf.data()),
                                           static_cast<int>(face.ttf.size()), px, &cfg, ranges_.Data);
    if (!f) return false;
    fonts_.push_back(f);
    specs_.push_back(spec);
  }
  if (!atlas.Build()) {
    fonts_.clear();
    specs_.clear();
    return false;
  }
  dpr_ = dpr;
  return true;
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
