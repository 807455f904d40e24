// page_view.cpp — emitting the page's draw commands (see page_view.hpp).
#include "ui/page_view.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace passerelle::ui {

ScrollbarGeometry scrollbar_geometry(float vw, float vh, float content_h, float offset, bool wide) {
  ScrollbarGeometry g;
  if (content_h <= vh + 0.5f || vh <= 0) return g;
  g.visible = true;
  const float w = wide ? 10.0f : 6.0f;
  const float margin = 3.0f;
  g.track = Rect{vw - w - margin, margin, w, vh - 2 * margin};
  const float thumb_h = std::max(36.0f, g.track.h * vh / content_h);
  const float max_off = content_h - vh;
  const float t = max_off > 0 ? std::clamp(offset / max_off, 0.0f, 1.0f) : 0.0f;
  g.thumb = Rect{g.track.x, g.track.y + t * (g.track.h - thumb_h), w, thumb_h};
  return g;
}

void draw_runs(ImDrawList& dl, const std::vector<PlacedRun>& runs, const FontBook& fonts,
               const Theme& theme, float scroll, float viewport_h, int hovered_target) {
  for (const PlacedRun& r : runs) {
    if (!run_on_screen(r, scroll, viewport_h)) continue;
    const float top = r.y - scroll;
    const bool hovered = r.target >= 0 && r.target == hovered_target;
    const Rgb ink = hovered ? theme.link_hover : theme.ink(r.ink);
    ImFont* f = fonts.font(r.font);
    {
      const AtlasTexture tex(dl, f);
      dl.AddText(f, fonts.draw_size(r.font), ImVec2(r.x, top), to_imgui(ink), r.text.data(),
                 r.text.data() + r.text.size());
    }
    if (r.target >= 0 && r.ink == Ink::link) {
      // Links are always underlined (colour alone is not enough), more strongly on hover.
      const float dpr = fonts.dpr();
      const float thick = std::max(1.0f, std::round(r.font.size / 14.0f * dpr)) / dpr * (hovered ? 1.6f : 1.0f);
      const float uy = std::round((r.baseline - scroll + r.font.size * 0.12f) * dpr) / dpr;
      // Do not underline a run's trailing space (ordinary or no-break).
      float w = r.width;
      std::string_view t = r.text;
      if (t.size() >= 1 && t.back() == ' ') {
        w -= fonts.measure(r.font, " ");
      } else if (t.size() >= 2 && t.substr(t.size() - 2) == "\u00A0") {
        w -= fonts.measure(r.font, "\u00A0");
      }
      dl.AddRectFilled(ImVec2(r.x, uy), ImVec2(r.x + w, uy + thick), to_imgui(ink, hovered ? 1.0f : 0.55f));
    }
  }
}

void draw_page(ImDrawList& dl, const PageLayout& layout, const FontBook& fonts, const Theme& theme,
               const PageDrawState& s) {
  dl.AddRectFilled(ImVec2(0, 0), s.viewport, to_imgui(theme.background));
  const float dpr = fonts.dpr();
  for (const PlacedRule& rule : layout.rules) {
    const float y = std::round((rule.rect.y - s.scroll) * dpr) / dpr;
    if (y > s.viewport.y || y + rule.rect.h < 0) continue;
    const float h = std::max(1.0f / dpr, std::round(rule.rect.h * dpr) / dpr);
    dl.AddRectFilled(ImVec2(rule.rect.x, y), ImVec2(rule.rect.x + rule.rect.w, y + h), to_imgui(theme.ink(rule.ink)));
  }
  if (s.under_text) s.under_text(dl);
  draw_runs(dl, layout.runs, fonts, theme, s.scroll, s.viewport.y, s.hovered_target);

  const ScrollbarGeometry g = scrollbar_geometry(s.viewport.x, s.viewport.y, layout.height, s.scroll, s.scrollbar_hot);
  if (g.visible && !s.no_scrollbar) {
    const float r = g.thumb.w * 0.5f;
    dl.AddRectFilled(ImVec2(g.thumb.x, g.thumb.y), ImVec2(g.thumb.x + g.thumb.w, g.thumb.y + g.thumb.h),
                     to_imgui(theme.scrollbar, s.scrollbar_hot ? 0.75f : 0.45f), r);
  }
}

}  // namespace passerelle::ui
