// map_paint.cpp — drawing the interactive map (see map_view.hpp).
//
// Everything goes on one ImDrawList, clipped to the map box: the sea, each country's
// triangles (ImGui 1.86 fills only convex polygons, so the core triangulates), coasts and
// borders as anti-aliased polylines, disputed boundaries dashed, then labels with a halo,
// the legend and the buttons.  Only what intersects the visible part of the map is sent.
#include <algorithm>
#include <cmath>

#include "core/map/labels.hpp"
#include "ui/map_view.hpp"

namespace passerelle::ui {
namespace {

ImU32 mix(Rgb a, Rgb b, float t, float alpha = 1.0f) {
  auto ch = [t](std::uint8_t x, std::uint8_t y) {
    return static_cast<std::uint8_t>(std::lround(x + (static_cast<float>(y) - x) * t));
  };
  return to_imgui(Rgb{ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b)}, alpha);
}

bool visible(const MapBox& b, const CamBox& v) {
  return b.x1 >= v.x0 && b.x0 <= v.x1 && b.y1 >= v.y0 && b.y0 <= v.y1;
}

void dashed(ImDrawList& dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness, float dash, float gap) {
  float phase = 0;  // distance into the current dash + gap period
  for (std::size_t i = 1; i < pts.size(); ++i) {
    ImVec2 a = pts[i - 1];
    const ImVec2 b = pts[i];
    float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0) continue;
    const ImVec2 dir((b.x - a.x) / len, (b.y - a.y) / len);
    while (len > 0) {
      const bool on = phase < dash;
      const float step = std::min(len, on ? dash - phase : dash + gap - phase);
      const ImVec2 c(a.x + dir.x * step, a.y + dir.y * step);
      if (on) dl.AddLine(a, c, col, thickness);
      phase += step;
      if (phase >= dash + gap) phase = 0;
      len -= step;
      a = c;
    }
  }
}

void text_with_halo(ImDrawList& dl, ImFont* f, float size, ImVec2 at, ImU32 ink, ImU32 halo, const std::string& s) {
  const AtlasTexture tex(dl, f);
  for (const ImVec2 o : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1), ImVec2(-1, -1),
                         ImVec2(1, 1), ImVec2(-1, 1), ImVec2(1, -1)})
    dl.AddText(f, size, ImVec2(at.x + o.x, at.y + o.y), halo, s.data(), s.data() + s.size());
  dl.AddText(f, size, at, ink, s.data(), s.data() + s.size());
}

}  // namespace

void MapView::draw(ImDrawList& dl, const Style& style, double now) const {
  const Theme& theme = *style.theme;
  const ImVec2 p0(box_.x, box_.y), p1(box_.x + box_.w, box_.y + box_.h);
  if (box_.w <= 0 || box_.h <= 0) return;
  dl.PushClipRect(p0, p1, true);
  dl.AddRectFilled(p0, p1, to_imgui(theme.map_sea));
  if (!geometry_) {
    // Still loading, or failed: a calm box with one line of text (the page stays usable).
    const std::string msg = error_.empty() ? std::string("…") : error_;
    ImFont* f = style.fonts->font(style.scale.ui);
    const float size = style.fonts->draw_size(style.scale.ui);
    const ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, box_.w - 32, msg.data(), msg.data() + msg.size());
    const AtlasTexture tex(dl, f);
    dl.AddText(f, size, ImVec2(box_.x + (box_.w - ts.x) * 0.5f, box_.y + (box_.h - ts.y) * 0.5f),
               to_imgui(theme.text), msg.data(), msg.data() + msg.size(), box_.w - 32);
    dl.PopClipRect();
    return;
  }
  draw_countries(dl, theme);
  draw_borders(dl, theme);
  draw_labels(dl, style);
  draw_controls(dl, style);
  if (hint_until_ > 0 && now < hint_until_ && !hint_.empty()) {
    ImFont* f = style.fonts->font(style.scale.ui_bold);
    const float size = style.fonts->draw_size(style.scale.ui_bold);
    const ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, box_.w - 48, hint_.data(), hint_.data() + hint_.size());
    const ImVec2 c(box_.x + box_.w * 0.5f, box_.y + box_.h * 0.5f);
    dl.AddRectFilled(ImVec2(c.x - ts.x * 0.5f - 16, c.y - ts.y * 0.5f - 10),
                     ImVec2(c.x + ts.x * 0.5f + 16, c.y + ts.y * 0.5f + 10), to_imgui(theme.heading, 0.85f), 8.0f);
    const AtlasTexture tex(dl, f);
    dl.AddText(f, size, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), to_imgui(theme.background),
               hint_.data(), hint_.data() + hint_.size(), box_.w - 48);
  }
  dl.AddRect(p0, p1, to_imgui(theme.rule));
  dl.PopClipRect();
}

void MapView::draw_countries(ImDrawList& dl, const Theme& theme) const {
  const CamBox v = camera_.visible_box();
  const float k = camera_.scale();
  const CamPoint o = camera_.to_screen(CamPoint{0, 0});
  const float ox = box_.x + o.x, oy = box_.y + o.y;
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  for (std::size_t i = 0; i < geometry_->countries.size(); ++i) {
    const MapCountry& c = geometry_->countries[i];
    if (!visible(c.box, v)) continue;
    const int role = role_of_index(static_cast<int>(i));
    const bool sel = c.id == selected_, hov = static_cast<int>(i) == hovered_;
    Rgb base = role >= 0 ? theme.map_role(section_->roles[role].id) : theme.map_land;
    ImU32 col;
    if (sel) col = mix(base, theme.heading, role >= 0 ? 0.35f : 0.25f);
    else if (hov) col = mix(base, theme.heading, 0.18f);
    else col = to_imgui(base);
    for (const MapPolygon& p : c.polygons) {
      if (!visible(p.box, v) || p.triangles.empty()) continue;
      // One vertex per ring point, shared by its triangles.  The map is linear in map units,
      // so a vertex is origin + k · point.
      const int nv = static_cast<int>(p.vertices.size()), ni = static_cast<int>(p.triangles.size());
      dl.PrimReserve(ni, nv);
      const ImDrawIdx base_idx = static_cast<ImDrawIdx>(dl._VtxCurrentIdx);
      for (const MapPoint& q : p.vertices) dl.PrimWriteVtx(ImVec2(ox + q.x * k, oy + q.y * k), uv, col);
      for (const std::uint32_t t : p.triangles) dl.PrimWriteIdx(static_cast<ImDrawIdx>(base_idx + t));
    }
  }
}

void MapView::draw_borders(ImDrawList& dl, const Theme& theme) const {
  const CamBox v = camera_.visible_box();
  const float k = camera_.scale();
  const CamPoint o = camera_.to_screen(CamPoint{0, 0});
  const float ox = box_.x + o.x, oy = box_.y + o.y;
  // Hairlines thicken a little as the visitor zooms in, so detail stays legible.
  const float w = std::clamp(0.8f + 0.15f * std::log2(camera_.zoom()), 0.8f, 1.6f);
  std::vector<ImVec2> pts;
  for (const MapBorder& b : geometry_->borders) {
    if (!visible(b.box, v) || b.points.size() < 2) continue;
    pts.clear();
    for (const MapPoint& q : b.points) pts.push_back(ImVec2(ox + q.x * k, oy + q.y * k));
    switch (b.kind) {
      case BorderKind::coast:
        dl.AddPolyline(pts.data(), static_cast<int>(pts.size()), to_imgui(theme.map_coast), 0, w);
        break;
      case BorderKind::land:
        dl.AddPolyline(pts.data(), static_cast<int>(pts.size()), to_imgui(theme.map_border), 0, w);
        break;
      case BorderKind::disputed:
        dashed(dl, pts, to_imgui(theme.map_disputed), w, 4.0f, 3.0f);
        break;
    }
  }
  // The selected country is outlined on top of everything, so it reads at any zoom.
  const int s = selected_.empty() ? -1 : geometry_->find(selected_);
  if (s >= 0) {
    for (const MapPolygon& p : geometry_->countries[s].polygons) {
      for (const std::vector<MapPoint>& ring : p.rings) {
        pts.clear();
        for (const MapPoint& q : ring) pts.push_back(ImVec2(ox + q.x * k, oy + q.y * k));
        dl.AddPolyline(pts.data(), static_cast<int>(pts.size()), to_imgui(theme.heading),
                       ImDrawFlags_Closed, 2.0f);
      }
    }
  }
}

void MapView::draw_labels(ImDrawList& dl, const Style& style) const {
  const Theme& theme = *style.theme;
  ImFont* f = style.fonts->font(style.scale.ui_small);
  const float size = style.fonts->draw_size(style.scale.ui_small);
  std::vector<LabelCandidate> cands;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < geometry_->countries.size(); ++i) {
    const MapCountry& c = geometry_->countries[i];
    const bool sel = c.id == selected_, hov = static_cast<int>(i) == hovered_;
    const int role = role_of_index(static_cast<int>(i));
    if (role < 0 && !sel && !hov) continue;
    const ImVec2 a = to_screen(label_anchor_[i]);
    const std::string name = name_of(c.id);
    const ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, 0, name.data(), name.data() + name.size());
    LabelCandidate cand;
    cand.id = c.id;
    cand.anchor = LabelPoint{a.x, a.y};
    cand.width = ts.x + 4;
    cand.height = ts.y;
    // The selected country, then the hovered one, then the larger countries first.
    cand.priority = sel ? 3'000'000 : hov ? 2'000'000 : static_cast<int>(std::min(1.0e6, c.area * 1e6));
    cands.push_back(std::move(cand));
  }
  std::vector<LabelRect> avoid;
  for (const Rect& r : control_rects()) avoid.push_back(LabelRect{r.x, r.y, r.x + r.w, r.y + r.h});
  const LabelLayout placed = place_labels(cands, LabelRect{box_.x + 2, box_.y + 2, box_.x + box_.w - 2, box_.y + box_.h - 2}, avoid);
  for (const PlacedLabel& l : placed.placed) {
    const std::string name = name_of(l.id);
    text_with_halo(dl, f, size, ImVec2(l.rect.x0 + 2, l.rect.y0), to_imgui(theme.heading),
                   to_imgui(theme.background, 0.9f), name);
  }
}

void MapView::draw_controls(ImDrawList& dl, const Style& style) const {
  const Theme& theme = *style.theme;
  const std::vector<Rect> rects = control_rects();
  for (int i = 0; i < 3; ++i) {
    const Rect& r = rects[i];
    const bool hot = hovered_button_ == static_cast<MapButton>(i + 1);
    const ImVec2 a(r.x, r.y), b(r.x + r.w, r.y + r.h), c(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    dl.AddRectFilled(a, b, hot ? mix(theme.background, theme.rule, 0.8f) : to_imgui(theme.background), 6.0f);
    dl.AddRect(a, b, to_imgui(theme.scrollbar), 6.0f);
    const ImU32 ink = to_imgui(theme.heading);
    const float h = r.w * 0.22f, t = 2.0f;
    if (i == 0 || i == 1) dl.AddLine(ImVec2(c.x - h, c.y), ImVec2(c.x + h, c.y), ink, t);  // −
    if (i == 0) dl.AddLine(ImVec2(c.x, c.y - h), ImVec2(c.x, c.y + h), ink, t);            // +
    if (i == 2) {
      // "Whole view": four corner brackets.
      const float e = h * 0.55f;
      for (const ImVec2 s : {ImVec2(-1, -1), ImVec2(1, -1), ImVec2(1, 1), ImVec2(-1, 1)}) {
        const ImVec2 corner(c.x + s.x * h, c.y + s.y * h);
        dl.AddLine(corner, ImVec2(corner.x - s.x * e, corner.y), ink, t);
        dl.AddLine(corner, ImVec2(corner.x, corner.y - s.y * e), ink, t);
      }
    }
  }
}

void MapView::draw_figure(ImDrawList& dl, const MapFigure& fig, float scroll, int hovered_target,
                          int focused_chip, const Style& style) const {
  const Theme& theme = *style.theme;
  for (const MapLegendEntry& e : fig.legend) {
    const Rgb swatch = section_ && e.role >= 0 ? theme.map_role(section_->roles[e.role].id) : theme.map_land;
    const ImVec2 a(e.swatch.x, e.swatch.y - scroll), b(e.swatch.x + e.swatch.w, e.swatch.y + e.swatch.h - scroll);
    dl.AddRectFilled(a, b, to_imgui(swatch), 3.0f);
    dl.AddRect(a, b, to_imgui(theme.map_coast), 3.0f);
  }
  for (std::size_t i = 0; i < fig.chips.size(); ++i) {
    const MapChip& chip = fig.chips[i];
    const ImVec2 a(chip.rect.x, chip.rect.y - scroll), b(chip.rect.x + chip.rect.w, chip.rect.y + chip.rect.h - scroll);
    const bool sel = chip.id == selected_;
    const bool hot = chip.target == hovered_target ||
                     (geometry_ && hovered_ >= 0 && geometry_->countries[hovered_].id == chip.id);
    const Rgb swatch = section_ && chip.role >= 0 ? theme.map_role(section_->roles[chip.role].id) : theme.map_land;
    const float radius = chip.rect.h * 0.5f;
    dl.AddRectFilled(a, b, sel ? mix(theme.background, swatch, 0.22f) : hot ? mix(theme.background, theme.rule, 0.7f) : to_imgui(theme.background), radius);
    dl.AddRect(a, b, sel ? to_imgui(theme.heading) : to_imgui(theme.scrollbar, 0.6f), radius, 0, sel ? 2.0f : 1.0f);
    const float dot = std::round(style.scale.ui.size * 0.55f);
    const float pad = std::round(style.scale.ui.size * 0.7f);
    dl.AddCircleFilled(ImVec2(a.x + pad + dot * 0.5f, (a.y + b.y) * 0.5f), dot * 0.5f, to_imgui(swatch), 16);
    if (static_cast<int>(i) == focused_chip) {
      // The keyboard focus ring: offset outside the chip, in the text colour (3:1 or more
      // against both the page and the chip).
      dl.AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), to_imgui(theme.link), radius + 3, 0, 2.5f);
    }
  }
}

}  // namespace passerelle::ui
