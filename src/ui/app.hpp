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
// App is a coordinator: each concern's state lives in a part of ui/app/ that can be read
// (and tested) alone, and App routes events between them.
//   ui/app/page_state.hpp      content, view mode, viewport, layout, scroll, scrollbar, hover
//   ui/app/input_state.hpp     pointer, touch points, widget keys as ImGui 1.86 polls them
//   ui/app/consent_bridge.hpp  consent rules + widget, decisions for the platform
//   ui/app/map_controller.hpp  the map view, its geometry file, the country list's keys
//   ui/app/mirror_focus.hpp    the semantic mirror's keys, focus and HTML versions
//   ui/app/font_state.hpp      the font book and when ImGui's atlases are rebuilt
//   ui/app/frame_pacer.hpp     render on demand: the frame clock and frames still wanted
// App's own code is spread by concern too (like Tracy's TracyView_*.cpp): app.cpp (content,
// embedding, map and consent calls), ui/app/app_input.cpp (input events, click decisions),
// ui/app/app_fonts.cpp (which fonts a frame draws, building their atlases),
// ui/app/app_frame.cpp (a frame: ImGui's input, layout, hover, drawing), and
// ui/app/app_mirror.cpp (mirror keys: focus and activation).
//
// Depends on: ui/app/* (the parts), core (pack, page/layout, page/scroll, consent),
// ui (font_book, map_view, consent_widget, theme), imgui.h.  Never the platform.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "core/pack/pack.hpp"
#include "core/page/layout.hpp"
#include "core/page/scroll.hpp"
#include "ui/app/app_types.hpp"
#include "ui/app/consent_bridge.hpp"
#include "ui/app/font_state.hpp"
#include "ui/app/frame_pacer.hpp"
#include "ui/app/input_state.hpp"
#include "ui/app/map_controller.hpp"
#include "ui/app/mirror_focus.hpp"
#include "ui/app/page_state.hpp"
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

  bool has_page() const { return page_.has_page(); }

  // --- embedding -------------------------------------------------------------------------
  void set_view(ViewMode v);
  ViewMode view() const { return page_.view(); }
  // In a partner's page: a plain wheel and one finger belong to the host page (the box is
  // as tall as its content, see content_height), keys only scroll when there is something
  // to scroll.
  void set_embedded(bool on);
  // An auto-height page embed: the host page scrolls, and scroll_to() follows it (the canvas
  // covers only the visible part of the box).  See PageState::set_host_scrolls.
  void set_host_scrolls(bool on);
  void scroll_to(float y);
  bool embedded() const { return page_.embedded(); }
  // The height (CSS px) the content needs at the current width: the whole layout for the page
  // and map views; for the consent view, what its open windows need (0 before the first frame).
  float content_height() const;
  float content_width() const;  // consent view: the windows' width; others: 0 (any width)

  // --- the map (only when the pack has a "map" section) --------------------------------
  // The geometry file's address relative to the pack, or "" when the page has no map.
  std::string map_geometry_url() const;
  // Starts reading the geometry file in steps (a browser runs one per task, so that no task
  // is long); the bytes are kept until the last step.  The map box shows its loading state
  // until then.
  void begin_map_geometry(std::string_view bytes, std::string_view file_name);
  // One step; true while steps remain.  After the last, map_errors() says how it went: on
  // errors the map box says so and the page stays usable.
  bool step_map_geometry();
  bool map_loading() const { return map_.loading(); }
  const std::vector<Diagnostic>& map_errors() const { return map_.errors(); }
  // Every step at once (tests).
  const std::vector<Diagnostic>& load_map_geometry(std::string_view bytes, std::string_view file_name);
  // The geometry could not be downloaded.
  void map_unavailable(std::string message);
  MapView& map() { return map_.view(); }
  const MapView& map() const { return map_.view(); }
  // Selects a country ("" deselects) and shows it on the map; false for an unknown code.
  // With reveal (deep links, the JS API) the page also scrolls to the map figure.
  bool map_select(std::string_view iso, double now, bool reveal = false);

  // --- consent (only when the pack has a "consent" section) ----------------------------
  // The platform reads the cookie, GPC and storage state and starts the rules once the pack
  // is loaded.  Returns false when the pack declares no consent.
  bool start_consent(const ConsentStart& s);
  const ConsentManager* consent() const { return consent_.manager(); }
  const ConsentWidget& consent_widget() const { return consent_.widget(); }
  void set_lang(std::string lang) { page_.set_lang(std::move(lang)); }
  const std::string& lang() const { return page_.lang(); }
  // Wall-clock time (Unix seconds) for consent records, and a source of random ids.
  void set_wall_clock(std::int64_t unix_seconds) { consent_.set_wall_clock(unix_seconds); }
  void set_id_source(std::function<std::string()> f) { consent_.set_id_source(std::move(f)); }
  void consent_show();                          // "Gérer mes cookies" from the page's JS
  std::optional<ConsentOutcome> consent_grant(std::string_view purpose);  // "Afficher la vidéo"
  // Decisions made in frames since the last call, oldest first (the platform writes cookies).
  std::vector<ConsentOutcome> take_consent_outcomes();
  // True while the consent banner or panel is open (for "banner painted" marks and keys).
  bool consent_open() const { return consent_.open(); }
  const std::vector<Diagnostic>& errors() const { return page_.errors(); }

  // --- input (CSS px, viewport coordinates; time in seconds) -------------------------
  void set_viewport(float width, float height, float dpr);
  // The colour scheme (prefers-color-scheme, or an embed's data-theme): the next frame is
  // drawn in it.  Only colours change: the fonts and the layout stay as they are.
  void set_scheme(design::Scheme scheme);
  design::Scheme scheme() const { return theme_->scheme; }
  const Theme& theme() const { return *theme_; }
  void set_reduced_motion(bool on) {
    page_.scroller().set_reduced_motion(on);
    map_.view().set_reduced_motion(on);  // zooms land at once
  }
  void pointer_move(float x, float y);
  void pointer_down(float x, float y);
  void pointer_up(float x, float y);
  void pointer_leave();
  // Touch points by id.  One finger scrolls the page (also over the map, with a hint); two
  // fingers that start on the map pan and pinch it.  Embedded, one finger is the host's,
  // except in a fixed-height page box, whose article scrolls under it as a native scrolling
  // box would: touch_move then returns what the article could not follow at its edge (CSS
  // px, positive downwards), for the platform to scroll the host page by; otherwise 0.
  void touch_begin(int id, float x, float y, double t);
  float touch_move(int id, float x, float y, double t);
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
  int mirror_version() const { return mirror_.version(); }
  const std::string& mirror_html(int part) const { return mirror_.html(part); }
  // A mirror element has the keyboard focus ("" for none): the canvas draws a focus ring on
  // the item it stands for and scrolls it into view.
  void focus_key(std::string key, double now);
  // The first layout starts scrolled to y: the prerendered HTML's scroll position when the
  // canvas takes over, so that nothing on screen moves.
  void start_at(float y) {
    page_.start_at(y);
    pacer_.wake();
  }
  const std::string& focused_key() const { return mirror_.focus(); }
  // A mirror element was activated (Enter, Space, a click): does what a click on the canvas
  // item does (open_url is returned, not done: the platform opens it within the gesture).
  Action activate(std::string_view key, double now);
  // Where the item of a mirror key is on screen (CSS px), empty when it is not drawn.
  std::vector<Rect> key_rects(std::string_view key) const;

  // --- frames --------------------------------------------------------------------------
  // Fonts (ui/app/app_fonts.cpp).  A build (new text, another tier of the type scale or
  // pixel ratio) first reads every font's metrics, so the page is laid out at once, then plans
  // the atlases with those the current screen draws first (fonts_drawn).  Each atlas built is
  // passed to on_atlas_built (the platform uploads its texture) before any frame draws it.
  void on_atlas_built(FontBook::AtlasBuilt f) { atlas_built_ = std::move(f); }
  // Rebuilds every font atlas now if the text, the type scale or the pixel ratio changed (and
  // ends a build in slices at once).  Returns true when it built one.
  bool update_fonts();
  // A build that is due begins (metrics, layout, plan: no atlas is rasterised); frame() then
  // builds the atlases it draws, and build_fonts_slice the others.  True when one began.
  bool start_fonts();
  // One atlas of the build, for a platform that yields between slices (the start-up: each
  // slice is one task).  Returns the atlas just built, or nullptr when no build is due or
  // ImGui could not build it.  fonts_building(): more slices are left.
  ImFontAtlas* build_fonts_slice();
  bool fonts_building() const { return fonts_.building(); }
  // A build has begun: frame() can draw (it builds what it lacks).
  bool fonts_planned() const { return fonts_.book().planned(); }
  // Every atlas a frame now would draw is built: the first screen needs no more slices.
  bool first_screen_fonts_ready() const { return fonts_.book().ready(fonts_drawn()); }
  // The fonts a frame at the current layout and scroll draws: the UI's default, the text on
  // screen, the consent widget's and the map's when they are there.
  std::vector<FontSpec> fonts_drawn() const;
  // Runs one ImGui frame (NewFrame … Render).  Returns true if more frames are wanted.
  bool frame(double now);

  // --- read-only views for the platform and tests ---------------------------------------
  float scroll() const { return page_.scroll(); }
  const Scroller& scroller() const { return page_.scroller(); }
  const PageLayout* layout() const { return page_.layout(); }
  int hovered_target() const { return page_.hovered_target(); }
  const FontBook& fonts() const { return fonts_.book(); }
  int frames_drawn() const { return pacer_.frames(); }
  int focused_chip() const { return map_.focused_chip(); }
  // The mouse cursor: an ImGuiMouseCursor, or kCursorGrab / kCursorGrabbing over the map.
  static constexpr int kCursorGrab = 9, kCursorGrabbing = 10;
  int cursor() const;

 private:
  // app.cpp
  void relayout();
  LayoutState layout_state() const;
  std::string glyph_text() const;
  // ui/app/app_input.cpp
  Action act_on_target(int t, double now);
  ChipKeyContext chip_context() const;
  ChipKey::Result apply_chip_key(const ChipKey& r, double now);
  void show_touch_hint(ImVec2 p, double t);
  bool finger_scrolls_article() const;
  void finger_on_widget(ImVec2 p);
  void show_selection(int chip, double now);
  // ui/app/app_fonts.cpp
  bool begin_fonts();
  // ui/app/app_frame.cpp
  void feed_imgui(ImGuiIO& io, double now);
  bool draw_view(const ImGuiIO& io, double now);
  void update_hover(const ImGuiIO& io, bool show_map);
  void draw_page_and_map(const ImGuiIO& io, bool show_map, double now);
  // ui/app/app_mirror.cpp
  std::string mirror_signature() const;
  void update_mirror();
  void draw_focus_ring();
  void scroll_focus_into_view(double now);

  FontState fonts_;
  const Theme* theme_;
  PageState page_;
  ConsentBridge consent_;
  MapController map_;
  MirrorFocus mirror_;
  PointerState pointer_;
  TouchPoints touches_;
  float widget_finger_y_ = 0;  // the last place of a finger scrolling the consent widget
  KeyReplay keys_;
  FramePacer pacer_;
  FontBook::AtlasBuilt atlas_built_;
};

}  // namespace passerelle::ui
