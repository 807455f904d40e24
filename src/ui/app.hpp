// app.hpp — one Passerelle page view: the state a platform layer drives.
//
// The platform (src/platform/web, or a test) owns the ImGui context and the renderer; it
// feeds input and time in, calls frame(), and renders ImGui's draw data.  App owns what the
// visitor sees: the fonts, the page (or a notice when the pack is bad), the scroll position,
// what is hovered, and what a click does.
//
// Render on demand: frame() returns whether another frame is wanted soon (an animation, a
// coasting scroll, a few frames after input so ImGui settles).  When it returns false the
// platform draws nothing until the next input.
//
// Clicks are decided synchronously in click(), which the platform calls from inside the DOM
// click event, so that opening a link in a new tab happens in the user's gesture (popup
// blockers allow nothing else).
//
// Depends on: core (pack, page_layout, scroll), ui (font_book, page_view, theme), imgui.h.
#pragma once
#include <imgui.h>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/page/layout.hpp"
#include "core/pack/pack.hpp"
#include "core/page/scroll.hpp"
#include "core/consent/consent.hpp"
#include "ui/app/app_types.hpp"
#include "ui/consent_widget.hpp"
#include "ui/font_book.hpp"
#include "ui/map_view.hpp"
#include "ui/theme.hpp"

namespace passerelle::ui {

// UiKey, ViewMode and Action: ui/app/app_types.hpp.

class App {
 public:
  App();

  // --- content -------------------------------------------------------------------------
  bool set_face(Face face, std::vector<unsigned char> ttf) { return fonts_.set_face(face, std::move(ttf)); }
  // Parses and validates the pack; on errors the view becomes a notice listing them.
  // Returns the diagnostics (empty on success).
  const std::vector<Diagnostic>& load_pack(std::string_view bytes, std::string_view file_name);
  // Shows a notice instead of the page (e.g. the platform could not download something).
  void show_notice(std::string title, std::vector<std::string> paragraphs);

  bool has_page() const { return pack_.has_value() && notice_title_.empty(); }

  // --- embedding -------------------------------------------------------------------------
  void set_view(ViewMode v);
  ViewMode view() const { return view_; }
  // In a partner's page: a plain wheel and one finger belong to the host page (the box is
  // as tall as its content, see content_height), keys only scroll when there is something
  // to scroll.
  void set_embedded(bool on);
  bool embedded() const { return embedded_; }
  // The height (CSS px) the content needs at the current width: the whole layout for the page
  // and map views; for the consent view, what its open windows need (0 before the first frame).
  float content_height() const;
  float content_width() const;  // consent view: the windows' width; others: 0 (any width)

  // --- the map (only when the pack has a "map" section) --------------------------------
  // The geometry file's address relative to the pack, or "" when the page has no map.
  std::string map_geometry_url() const;
  // Parses the geometry file; on errors the map box says so and the page stays usable.
  const std::vector<Diagnostic>& load_map_geometry(std::string_view bytes, std::string_view file_name);
  // The geometry could not be downloaded.
  void map_unavailable(std::string message);
  MapView& map() { return map_; }
  const MapView& map() const { return map_; }
  // Selects a country ("" deselects) and shows it on the map; false for an unknown code.
  // With reveal (deep links, the JS API) the page also scrolls to the map figure.
  bool map_select(std::string_view iso, double now, bool reveal = false);

  // --- consent (only when the pack has a "consent" section) ----------------------------
  // The platform reads the cookie, GPC and storage state and starts the rules once the pack
  // is loaded.  Returns false when the pack declares no consent.
  bool start_consent(const ConsentStart& s);
  const ConsentManager* consent() const { return consent_ ? &*consent_ : nullptr; }
  const ConsentWidget& consent_widget() const { return consent_widget_; }
  void set_lang(std::string lang) { lang_ = std::move(lang); }
  const std::string& lang() const { return lang_; }
  // Wall-clock time (Unix seconds) for consent records, and a source of random ids.
  void set_wall_clock(std::int64_t unix_seconds) { wall_clock_ = unix_seconds; }
  void set_id_source(std::function<std::string()> f) { new_id_ = std::move(f); }
  void consent_show();                          // "Gérer mes cookies" from the page's JS
  std::optional<ConsentOutcome> consent_grant(std::string_view purpose);  // "Afficher la vidéo"
  // Decisions made in frames since the last call, oldest first (the platform writes cookies).
  std::vector<ConsentOutcome> take_consent_outcomes();
  // True while the consent banner or panel is open (for "banner painted" marks and keys).
  bool consent_open() const { return consent_ && consent_->view() != ConsentView::hidden; }
  const std::vector<Diagnostic>& errors() const { return errors_; }

  // --- input (CSS px, viewport coordinates; time in seconds) -------------------------
  void set_viewport(float width, float height, float dpr);
  void set_reduced_motion(bool on) {
    scroller_.set_reduced_motion(on);
    map_.set_reduced_motion(on);  // zooms land at once
  }
  void pointer_move(float x, float y);
  void pointer_down(float x, float y);
  void pointer_up(float x, float y);
  void pointer_leave();
  // Touch points by id.  One finger scrolls the page (also over the map, with a hint); two
  // fingers that start on the map pan and pinch it.
  void touch_begin(int id, float x, float y, double t);
  void touch_move(int id, float x, float y, double t);
  void touch_end(int id, double t);
  // A wheel at (x, y).  Returns true when Passerelle used it: always without ctrl (the page
  // scrolls), with ctrl only over the map (elsewhere the browser zooms, as usual).
  bool wheel(float dx, float dy, bool ctrl, float x, float y, double now);
  // The canvas lost the keyboard focus: no focus ring is drawn.
  void blur();
  bool key(ScrollKey k, double now);
  // Keys for widgets.  Returns true when the UI used it (the platform prevents the default).
  bool ui_key(UiKey k, bool down, bool shift);
  Action click(float x, float y, double now);

  // --- the semantic mirror (core/mirror.hpp) ---------------------------------------------
  // The HTML of the mirror's parts: 0 the consent UI, 1 the page (the map figure alone in the
  // map view).  Rebuilt after a frame that changed what they show; mirror_version() counts
  // the rebuilds, so the platform copies them into the document only when they changed.
  enum MirrorPart { mirror_consent_part = 0, mirror_page_part = 1 };
  int mirror_version() const { return mirror_version_; }
  const std::string& mirror_html(int part) const { return mirror_html_[part == mirror_consent_part ? 0 : 1]; }
  // A mirror element has the keyboard focus ("" for none): the canvas draws a focus ring on
  // the item it stands for and scrolls it into view.
  void focus_key(std::string key, double now);
  const std::string& focused_key() const { return focus_key_; }
  // A mirror element was activated (Enter, Space, a click): does what a click on the canvas
  // item does (open_url is returned, not done: the platform opens it within the gesture).
  Action activate(std::string_view key, double now);
  // Where the item of a mirror key is on screen (CSS px), empty when it is not drawn.
  std::vector<Rect> key_rects(std::string_view key) const;

  // --- frames --------------------------------------------------------------------------
  // Rebuilds the font atlas if the type scale or pixel ratio changed.  Returns true when it
  // did: the renderer must then re-upload the font texture before frame().
  bool update_fonts();
  // Runs one ImGui frame (NewFrame … Render).  Returns true if more frames are wanted.
  bool frame(double now);

  // --- read-only views for the platform and tests ---------------------------------------
  float scroll() const { return scroller_.offset(); }
  const Scroller& scroller() const { return scroller_; }
  const PageLayout* layout() const { return layout_ ? &*layout_ : nullptr; }
  int hovered_target() const { return hovered_; }
  const FontBook& fonts() const { return fonts_; }
  int frames_drawn() const { return frames_; }
  int focused_chip() const { return chip_focus_; }
  // The mouse cursor: an ImGuiMouseCursor, or kCursorGrab / kCursorGrabbing over the map.
  static constexpr int kCursorGrab = 9, kCursorGrabbing = 10;
  int cursor() const;

 private:
  void wake(int frames = 3) { wake_frames_ = std::max(wake_frames_, frames); }
  void relayout();
  std::string glyph_text() const;
  enum class MapKey { not_mine, used, leave };
  MapKey map_key(UiKey k, bool shift, double now);
  void focus_chip(int i, double now);
  MapView::Style map_style() const;
  Action act_on_target(int t, double now);
  void update_mirror();
  void draw_focus_ring();

  FontBook fonts_;
  const Theme& theme_;
  std::optional<Pack> pack_;
  std::vector<Diagnostic> errors_;
  std::string notice_title_;
  std::vector<std::string> notice_lines_;
  std::optional<PageLayout> layout_;
  Scroller scroller_;

  float width_ = 0, height_ = 0, dpr_ = 1;
  bool fonts_need_build_ = true;
  bool layout_dirty_ = true;
  int built_tier_ = -1;

  ImVec2 mouse_{-FLT_MAX, -FLT_MAX};
  bool mouse_down_ = false, mouse_down_latched_ = false;
  bool dragging_thumb_ = false;
  float drag_start_y_ = 0, drag_start_offset_ = 0;
  int hovered_ = -1;
  bool scrollbar_hot_ = false;

  // Widget key presses, replayed one per two frames (down, then up): ImGui 1.86 has no input
  // queue, so presses that arrive faster than frames would otherwise merge or vanish.
  struct KeyPress {
    int key;
    bool shift;
  };
  std::deque<KeyPress> key_queue_;
  bool key_held_ = false;
  bool key_owned_[kUiKeyCount] = {};  // the last keydown of this key was ours (so is its keyup)

  std::optional<ConsentManager> consent_;
  ConsentWidget consent_widget_;
  std::vector<ConsentOutcome> consent_outcomes_;
  std::string lang_ = "fr";
  std::int64_t wall_clock_ = 0;
  std::function<std::string()> new_id_;

  ViewMode view_ = ViewMode::page;
  bool embedded_ = false;
  ImVec2 consent_extent_{0, 0};

  MapView map_;
  std::vector<Diagnostic> map_errors_;
  std::string map_names_;               // every country's name, for the glyph atlas
  int chip_focus_ = -1;                 // keyboard focus in the map's country list
  std::map<int, ImVec2> touches_;       // active touch points by id
  bool touch_on_map_ = false;           // this touch gesture belongs to the map
  bool touch_hint_shown_ = false;
  ImVec2 touch_start_;

  std::string focus_key_;               // the mirror element with the keyboard focus
  std::string mirror_signature_;        // what the mirror last showed
  std::string mirror_html_[2];
  int mirror_version_ = 0;

  double last_frame_time_ = -1;
  int wake_frames_ = 3;
  int frames_ = 0;
};

}  // namespace passerelle::ui
