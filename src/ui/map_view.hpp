// map_view.hpp — the interactive map of the page's map figure: state, input and drawing.
//
// The core gives the geometry (map/geometry.hpp), the camera (map/camera.hpp) and label
// placement (map/labels.hpp); the page layout gives the figure's rectangles (MapFigure).
// MapView holds what the visitor did — the selected and hovered country, the view, a drag
// or a pinch in progress, the wheel hint — and draws the map with ImGui's draw list:
// countries filled by role from their triangles, coasts, borders (dashed where disputed),
// labels that never overlap, the zoom buttons and the legend.
//
// Input arrives in viewport CSS pixels; `box` (set each frame) is where the map is on screen.
// Gestures, as users of good embedded maps expect:
//   - mouse: hover names a country, click selects (a click at sea deselects), drag pans,
//     double click zooms in, Ctrl/⌘ + wheel or a trackpad pinch zooms; a plain wheel scrolls
//     the page and briefly shows a hint;
//   - touch: a tap selects, two fingers pan and pinch, a double tap zooms in; one finger
//     scrolls the page (so a phone visitor is never trapped in the map) with a hint;
//   - the +, − and reset buttons; keys (ui/app/map_controller.hpp) move through the country list.
//
// Depends on: core (map_geometry, map_camera, map_labels, page_layout, pack), ui (font_book,
// theme), imgui.h.
#pragma once
#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/map/camera.hpp"
#include "core/map/geometry.hpp"
#include "core/pack/pack.hpp"
#include "core/page/layout.hpp"
#include "ui/font_book.hpp"
#include "ui/theme.hpp"

namespace passerelle::ui {

enum class MapButton { none, zoom_in, zoom_out, reset };

class MapView {
 public:
  // --- content -------------------------------------------------------------------------
  void set_section(const MapSection* section, std::string lang);
  void set_geometry(std::shared_ptr<const MapGeometry> geometry);
  // The geometry could not be loaded: the map box shows this instead (the page still works).
  void set_error(std::string message);
  const MapGeometry* geometry() const { return geometry_.get(); }
  bool ready() const { return geometry_ != nullptr; }
  const std::string& error() const { return error_; }
  // Width / height of the region, for the layout: the geometry's; before it, the pack's
  // (map.aspect), else a default.
  float aspect() const;
  // The country's name in the page's language: the pack's, else the geometry's.
  std::string name_of(std::string_view iso) const;

  // --- selection -----------------------------------------------------------------------
  // Selects a country by ISO code ("" deselects).  Returns false for an unknown code.
  // With `show`, the view moves so the country is visible (deep links, the list, the API).
  bool select(std::string_view iso, double now, bool show);
  const std::string& selected() const { return selected_; }
  // The selection changed since the last call (the platform updates the URL and announces).
  bool take_selection_change();

  // --- frame geometry --------------------------------------------------------------------
  // Where the map is drawn this frame (viewport CSS px).  Keeps the view when only the
  // position changes (scrolling), re-fits when the size changes.
  void set_box(const Rect& screen_box);
  const Rect& box() const { return box_; }
  bool contains(float x, float y) const { return box_.contains(x, y); }
  // Viewport CSS px of a geographic point, or nothing when it is outside the map box.
  std::optional<ImVec2> screen_point(double lon, double lat) const;
  const MapCamera& camera() const { return camera_; }

  // --- input (viewport CSS px, seconds) --------------------------------------------------
  void pointer_move(float x, float y);
  void pointer_leave();
  // Returns true when the press starts a map drag (over the map, not on a button).
  bool pointer_down(float x, float y);
  void pointer_up();
  bool dragging() const { return drag_.has_value(); }
  // A click or tap on the map (not a drag).  Returns true when it was over the map.
  bool click(float x, float y, double now);
  // A wheel over the map.  With ctrl (Ctrl/⌘ + wheel, trackpad pinch) it zooms and returns
  // true; without, it returns false (the page scrolls) and shows the hint.
  bool wheel(float dy, bool ctrl, float x, float y, double now);
  // Touch points over the map: two fingers pan and pinch.  Returns true while the map owns
  // the gesture (the page must not scroll then).
  bool touches(const std::vector<ImVec2>& points, double now);
  void show_hint(std::string text, double now);
  void press_button(MapButton b, double now);
  MapButton button_at(float x, float y) const;
  void set_reduced_motion(bool on) { camera_.set_reduced_motion(on); }
  // Advances animations and hint timers.  Returns true while something still moves.
  bool step(double now);

  // --- drawing ---------------------------------------------------------------------------
  struct Style {
    const FontBook* fonts = nullptr;
    TypeScale scale;
    const Theme* theme = nullptr;
  };
  void draw(ImDrawList& dl, const Style& style, double now) const;
  // The figure around the map: the legend's swatches and the country list's chips (under
  // their labels, which the page draws as runs).
  void draw_figure(ImDrawList& dl, const MapFigure& fig, float scroll, int hovered_target,
                   int focused_chip, const Style& style) const;
  int hovered_country() const { return hovered_; }
  std::vector<Rect> control_rects() const;  // zoom in, zoom out, reset (screen CSS px)

 private:
  int role_of_index(int country) const;
  void draw_countries(ImDrawList& dl, const Theme& theme) const;
  void draw_borders(ImDrawList& dl, const Theme& theme) const;
  void draw_labels(ImDrawList& dl, const Style& style) const;
  void draw_controls(ImDrawList& dl, const Style& style) const;
  ImVec2 to_screen(MapPoint p) const;
  MapPoint to_map(float x, float y) const;

  const MapSection* section_ = nullptr;
  std::string lang_ = "fr";
  std::shared_ptr<const MapGeometry> geometry_;
  std::vector<int> role_by_country_;   // per geometry country: role index or -1
  std::vector<MapPoint> label_anchor_; // per geometry country: where its name goes
  std::string error_;
  MapCamera camera_;
  Rect box_;
  std::string selected_;
  bool selection_changed_ = false;
  int hovered_ = -1;
  MapButton hovered_button_ = MapButton::none;
  ImVec2 pointer_{-1, -1};
  struct Drag {
    ImVec2 last;
  };
  std::optional<Drag> drag_;
  double last_click_time_ = -1;
  ImVec2 last_click_{-1000, -1000};
  std::string hint_;
  double hint_until_ = 0;
  mutable double last_now_ = 0;
};

}  // namespace passerelle::ui
