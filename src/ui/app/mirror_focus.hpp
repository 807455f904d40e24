// mirror_focus.hpp — App's side of the semantic mirror (core/mirror): the keys mirror
// elements carry, which one has the keyboard focus, and the mirror's HTML with its version.
//
// The mirror is HTML the platform keeps beside the canvas for screen readers and keyboards
// (one part for the consent UI, one for the page).  Its elements carry keys naming what
// they stand for on the canvas: "t12" (the layout's target 12), "consent:refuse_all" (a
// consent widget), "map:zoom_in" / "map:zoom_out" / "map:reset" (the map's buttons) and
// "map:deselect" (Escape on the map's controls).  The part's HTML is rebuilt only when what
// it shows changes (App gives a signature of that each frame), and the version counts the
// rebuilds, so the platform copies it into the document only then.
//
// Depends on: core/page/layout.hpp (Rect), ui/theme.hpp, imgui.h.
#pragma once
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/page/layout.hpp"
#include "ui/theme.hpp"

namespace passerelle::ui {

struct MirrorKey {
  enum class Kind { none, target, consent, map_button, map_deselect };
  Kind kind = Kind::none;
  int index = -1;            // target: the layout's target; map_button: 0 zoom in, 1 zoom out, 2 reset
  std::string_view widget;   // consent: the widget's key, without "consent:" (a view of the key)
};
// What a mirror key names; Kind::none for anything else.  Target numbers are not checked
// against a layout.
MirrorKey parse_mirror_key(std::string_view key);

class MirrorFocus {
 public:
  enum Part { consent_part = 0, page_part = 1 };

  // The mirror element with the keyboard focus ("" for none).  Returns false when unchanged.
  bool set_focus(std::string key);
  const std::string& focus() const { return focus_; }
  // Draws the focus ring around the focused item's rectangles (CSS px), over everything.
  static void draw_ring(ImDrawList& dl, const std::vector<Rect>& rects, const Theme& theme);

  // Starts a rebuild when `signature` (what the mirror shows) changed since the last one:
  // clears both parts, counts a new version and returns true; the caller then sets them.
  bool begin_rebuild(std::string signature);
  void set_html(Part part, std::string html) { html_[part] = std::move(html); }
  const std::string& html(int part) const { return html_[part == consent_part ? 0 : 1]; }
  int version() const { return version_; }

 private:
  std::string focus_;
  std::string signature_;
  std::string html_[2];
  int version_ = 0;
};

}  // namespace passerelle::ui
