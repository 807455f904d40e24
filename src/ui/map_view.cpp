// map_view.cpp — state and input of the interactive map (see map_view.hpp); drawing is in
// map_paint.cpp.
#include "ui/map_view.hpp"

#include <algorithm>
#include <cmath>

namespace passerelle::ui {
namespace {

constexpr double kDoubleClickSeconds = 0.4;
constexpr float kDoubleClickSlop = 24.0f;
constexpr double kHintSeconds = 1.6;
constexpr float kSmallOnScreen = 28.0f;  // px: a country this small is zoomed to when shown
constexpr float kShowMaxZoom = 6.0f;     // showing a country zooms at most this far

CamPoint cam(MapPoint p) { return CamPoint{p.x, p.y}; }

// Where a country's name goes: the area-weighted centroid of its largest polygon (so France's
// label sits on the mainland, not between it and Corsica).
MapPoint label_anchor(const MapCountry& c) {
  const MapPolygon* best = nullptr;
  double best_area = -1;
  MapPoint best_c{0, 0};
  for (const MapPolygon& p : c.polygons) {
    double area = 0, cx = 0, cy = 0;
    for (std::size_t t = 0; t + 2 < p.triangles.size(); t += 3) {
      const MapPoint& a = p.vertices[p.triangles[t]];
      const MapPoint& b = p.vertices[p.triangles[t + 1]];
      const MapPoint& d = p.vertices[p.triangles[t + 2]];
      const double w = std::abs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) * 0.5;
      area += w;
      cx += w * (a.x + b.x + d.x) / 3.0;
      cy += w * (a.y + b.y + d.y) / 3.0;
    }
    if (area > best_area && area > 0) {
      best_area = area;
      best = &p;
      best_c = MapPoint{static_cast<float>(cx / area), static_cast<float>(cy / area)};
    }
  }
  if (!best) return MapPoint{(c.box.x0 + c.box.x1) * 0.5f, (c.box.y0 + c.box.y1) * 0.5f};
  return best_c;
}

}  // namespace

void MapView::set_section(const MapSection* section, std::string lang) {
  section_ = section;
  lang_ = std::move(lang);
  set_geometry(geometry_);  // recompute roles
}

void MapView::set_geometry(std::shared_ptr<const MapGeometry> geometry) {
  const bool first = geometry && geometry != geometry_;
  geometry_ = std::move(geometry);
  role_by_country_.clear();
  label_anchor_.clear();
  if (!geometry_) return;
  error_.clear();
  for (const MapCountry& c : geometry_->countries) {
    role_by_country_.push_back(section_ ? section_->role_of(c.id) : -1);
    label_anchor_.push_back(label_anchor(c));
  }
  if (first) {
    const MapBox& f = geometry_->frame;
    camera_.set_region(CamBox{f.x0, f.y0, f.x1, f.y1});
    if (box_.w > 0 && box_.h > 0) camera_.set_viewport(box_.w, box_.h);
  }
  if (!selected_.empty() && geometry_->find(selected_) < 0) selected_.clear();
}

void MapView::set_error(std::string message) {
  geometry_.reset();
  error_ = std::move(message);
}

float MapView::aspect() const {
  if (geometry_) {
    const MapBox& f = geometry_->frame;
    const float h = f.y1 - f.y0;
    if (h > 0) return (f.x1 - f.x0) / h;
  }
  // Until the geometry is read (or when it failed), the pack's word for it, so that the box
  // does not change size, and the page move, when the map arrives.
  return section_ && section_->aspect > 0 ? section_->aspect : 1.25f;
}

std::string MapView::name_of(std::string_view iso) const {
  if (section_)
    if (const MapCountryText* c = section_->country(iso)) return c->name;
  if (geometry_) {
    const int i = geometry_->find(iso);
    if (i >= 0) return geometry_->countries[i].name(lang_);
  }
  return std::string(iso);
}

int MapView::role_of_index(int country) const {
  return country >= 0 && country < static_cast<int>(role_by_country_.size()) ? role_by_country_[country] : -1;
}

bool MapView::select(std::string_view iso, double now, bool show) {
  if (iso.empty()) {
    if (!selected_.empty()) selection_changed_ = true;
    selected_.clear();
    return true;
  }
  // Before the geometry arrives, a known role country can still be selected (a deep link).
  const int i = geometry_ ? geometry_->find(iso) : -1;
  if (i < 0 && !(section_ && section_->role_of(iso) >= 0)) return false;
  if (selected_ != iso) selection_changed_ = true;
  selected_ = std::string(iso);
  if (show && i >= 0 && box_.w > 0) {
    const MapBox& b = geometry_->countries[i].box;
    const CamBox visible = camera_.visible_box();
    const bool inside = b.x0 >= visible.x0 && b.x1 <= visible.x1 && b.y0 >= visible.y0 && b.y1 <= visible.y1;
    const float on_screen = std::max(b.x1 - b.x0, b.y1 - b.y0) * camera_.scale();
    if (!inside || on_screen < kSmallOnScreen) {
      // Near enough to see the country and its neighbours: Palestine should not fill the map.
      CamView v = camera_.view_for_box(CamBox{b.x0, b.y0, b.x1, b.y1}, std::min(box_.w, box_.h) * 0.3f);
      v.zoom = std::min(v.zoom, kShowMaxZoom);
      camera_.animate_to(camera_.clamp_view(v), now);
    }
  }
  return true;
}

bool MapView::take_selection_change() {
  const bool changed = selection_changed_;
  selection_changed_ = false;
  return changed;
}

void MapView::set_box(const Rect& screen_box) {
  const bool resized = screen_box.w != box_.w || screen_box.h != box_.h;
  box_ = screen_box;
  if (resized && box_.w > 0 && box_.h > 0) camera_.set_viewport(box_.w, box_.h);
}

ImVec2 MapView::to_screen(MapPoint p) const {
  const CamPoint s = camera_.to_screen(cam(p));
  return ImVec2(box_.x + s.x, box_.y + s.y);
}

MapPoint MapView::to_map(float x, float y) const {
  const CamPoint m = camera_.to_map(CamPoint{x - box_.x, y - box_.y});
  return MapPoint{m.x, m.y};
}

std::optional<ImVec2> MapView::screen_point(double lon, double lat) const {
  if (!geometry_ || box_.w <= 0) return std::nullopt;
  const ImVec2 s = to_screen(geometry_->project(lon, lat));
  if (!std::isfinite(s.x) || !std::isfinite(s.y) || !box_.contains(s.x, s.y)) return std::nullopt;
  return s;
}

std::vector<Rect> MapView::control_rects() const {
  // Touch-sized on phones (44 px), smaller with a mouse on wide screens.
  const float size = box_.w < 560 ? 44.0f : 36.0f, gap = 6.0f, inset = 10.0f;
  const float x = box_.x + box_.w - inset - size;
  std::vector<Rect> r;
  for (int i = 0; i < 3; ++i)
    r.push_back(Rect{x, box_.y + inset + i * (size + gap) + (i == 2 ? gap : 0), size, size});
  return r;
}

MapButton MapView::button_at(float x, float y) const {
  if (!geometry_ || !box_.contains(x, y)) return MapButton::none;
  const std::vector<Rect> r = control_rects();
  for (int i = 0; i < 3; ++i)
    if (r[i].contains(x, y)) return static_cast<MapButton>(i + 1);
  return MapButton::none;
}

void MapView::pointer_move(float x, float y) {
  pointer_ = ImVec2(x, y);
  if (drag_) {
    camera_.pan_by(x - drag_->last.x, y - drag_->last.y);
    drag_->last = ImVec2(x, y);
  }
  hovered_button_ = button_at(x, y);
  hovered_ = -1;
  if (geometry_ && box_.contains(x, y) && hovered_button_ == MapButton::none && !drag_)
    hovered_ = geometry_->country_at(to_map(x, y));
}

void MapView::pointer_leave() {
  pointer_ = ImVec2(-1, -1);
  hovered_ = -1;
  hovered_button_ = MapButton::none;
  drag_.reset();
}

bool MapView::pointer_down(float x, float y) {
  if (!geometry_ || !box_.contains(x, y) || button_at(x, y) != MapButton::none) return false;
  drag_ = Drag{ImVec2(x, y)};
  hovered_ = -1;
  return true;
}

void MapView::pointer_up() { drag_.reset(); }

bool MapView::click(float x, float y, double now) {
  if (!geometry_ || !box_.contains(x, y)) return false;
  const MapButton b = button_at(x, y);
  if (b != MapButton::none) {
    press_button(b, now);
    return true;
  }
  const bool double_click = now - last_click_time_ < kDoubleClickSeconds &&
                            std::hypot(x - last_click_.x, y - last_click_.y) < kDoubleClickSlop;
  last_click_time_ = double_click ? -1 : now;  // a third click starts a new pair
  last_click_ = ImVec2(x, y);
  if (double_click) {
    camera_.zoom_by(2.0f, CamPoint{x - box_.x, y - box_.y}, now);
    return true;
  }
  const int c = geometry_->country_at(to_map(x, y));
  select(c >= 0 ? std::string_view(geometry_->countries[c].id) : std::string_view(), now, false);
  return true;
}

bool MapView::wheel(float dy, bool ctrl, float x, float y, double now) {
  if (!geometry_ || !box_.contains(x, y) || !std::isfinite(dy)) return false;
  if (!ctrl) {
    if (section_) show_hint(section_->labels.wheel_hint, now);
    return false;
  }
  // Mouse wheels send ±100 px per notch, trackpad pinches a few px per event: an
  // exponential keeps both proportional, and a notch doubles or halves at most.
  const float factor = std::clamp(std::exp2(-dy / 150.0f), 0.5f, 2.0f);
  camera_.zoom_at(factor, CamPoint{x - box_.x, y - box_.y});
  hint_until_ = 0;
  return true;
}

bool MapView::touches(const std::vector<ImVec2>& points, double now) {
  (void)now;
  if (!geometry_) return false;
  if (points.size() >= 2) {
    const CamPoint a{points[0].x - box_.x, points[0].y - box_.y};
    const CamPoint b{points[1].x - box_.x, points[1].y - box_.y};
    if (!camera_.pinching()) camera_.begin_pinch(a, b);
    else camera_.update_pinch(a, b);
    hovered_ = -1;
    hint_until_ = 0;
    return true;
  }
  if (camera_.pinching()) camera_.end_pinch();
  return false;
}

void MapView::show_hint(std::string text, double now) {
  hint_ = std::move(text);
  hint_until_ = now + kHintSeconds;
}

void MapView::press_button(MapButton b, double now) {
  const CamPoint middle{box_.w * 0.5f, box_.h * 0.5f};
  switch (b) {
    case MapButton::zoom_in: camera_.zoom_by(2.0f, middle, now); break;
    case MapButton::zoom_out: camera_.zoom_by(0.5f, middle, now); break;
    case MapButton::reset: camera_.reset(now); break;
    case MapButton::none: break;
  }
}

bool MapView::step(double now) {
  last_now_ = now;
  const bool moving = camera_.step(now);
  return moving || (hint_until_ > 0 && now < hint_until_ + 0.05);
}

}  // namespace passerelle::ui
