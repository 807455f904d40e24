// page/layout.hpp — the article, typeset: every piece of text and rule with its position.
//
// layout_page() is a pure function of the page, the viewport width and the font metrics.
// It picks the type scale for the width (design/type_scale.hpp), centres a column of
// readable measure (about 66 characters of body text), and flows the header, breadcrumb,
// title, lead, body, footnotes and links into it.  The UI draws the result and hit-tests it;
// nothing about ImGui or the browser is known here.
//
// Coordinates are CSS pixels, y growing down from the top of the document (not the viewport).
//
// Depends on: design/type_scale.hpp (the numbers of each width tier), pack/pack.hpp,
// text/flow.hpp, text/typography.hpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/design/type_scale.hpp"
#include "core/pack/pack.hpp"
#include "core/text/flow.hpp"
#include "core/text/typography.hpp"

namespace passerelle {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

// Something a click can do.
struct Target {
  // url: opens in a new tab; page: this page in another language, followed in the same tab.
  enum class Kind { url, footnote, footnote_back, country, page };
  Kind kind = Kind::url;
  std::string url;          // kind == url or page; kind == country: the ISO code
  std::string lang;         // kind == page: the language of the page it leads to
  int footnote = 0;         // 0-based footnote index (footnote, footnote_back)
  std::vector<Rect> rects;  // where it is on the page (a link may wrap over lines)
};

struct PlacedRun {
  float x = 0, y = 0, width = 0, line_height = 0;
  float baseline = 0;
  FontSpec font;
  Ink ink = Ink::text;
  int target = -1;
  std::string text;
};

struct PlacedRule {
  Rect rect;
  Ink ink = Ink::rule;
};

// The map figure (a {"type": "map"} block): its heading, the map, the list of countries
// under it and the details panel — beside the map on wide screens, below it on phones.
// The map itself is drawn by the UI in `map`; the country list's labels and the details'
// text are ordinary runs (so they are typeset, drawn and hit-tested like the article).
struct MapChip {
  Rect rect;                        // the chip's background
  std::string id;                   // ISO code
  int role = -1;                    // index into MapSection::roles
  int target = -1;                  // its Target (kind country)
};

// One entry of the legend under the map: a colour swatch (its text is a run).
struct MapLegendEntry {
  Rect swatch;
  int role = -1;                    // index into MapSection::roles; -1 = every other country
};

struct MapFigure {
  Rect box;                         // everything, heading included
  Rect map;                         // the drawing area
  Rect details;                     // the details panel
  std::vector<MapLegendEntry> legend;  // under the map, so it never hides land
  std::vector<MapChip> chips;       // the country list, in the roles' order
  bool side_by_side = false;
  std::string selected;             // the country whose details are shown ("" = none)
};

// What the layout depends on besides the pack and the width.
struct LayoutState {
  std::string map_selected;         // ISO code of the selected country, "" for none
  float map_aspect = 1.25f;         // width / height of the map's region (from its geometry)
  bool embedded = false;            // the figure fills an embed's box (layout_map_figure)
};

struct PageLayout {
  float viewport_width = 0;
  float height = 0;                 // total document height
  Rect column;                      // the text column (x, w); y/h span the article
  TypeScale scale;
  std::vector<PlacedRun> runs;      // in reading order
  std::vector<PlacedRule> rules;
  std::vector<Target> targets;
  std::vector<float> footnote_y;    // top of each footnote (scroll destination)
  std::vector<float> reference_y;   // top of the line holding each footnote's first reference
  int body_lines = 0;               // lines of body text (for measure statistics)
  float body_chars_per_line = 0;    // average over full lines of body paragraphs
  std::optional<MapFigure> map;     // when the page has a map block

  // Index of the target at (x, y) in document coordinates, or -1.  Rects are padded a little
  // so small targets (a superscript "[1]") are easy to hit with a finger.
  int target_at(float x, float y, float pad = 4.0f) const;
};

PageLayout layout_page(const Pack& pack, float viewport_width, const FontMetrics& metrics,
                       const LayoutState& state = {});

// The map figure alone (an embedded map view), at the top of the layout with small margins.
// Without a map section, the layout is empty (height 0).
PageLayout layout_map_figure(const Pack& pack, float viewport_width, const FontMetrics& metrics,
                             const LayoutState& state = {});

}  // namespace passerelle

namespace passerelle {

// A plain document — a title and paragraphs in the UI face — typeset like the page (same
// column, same header-less margins).  Used for messages such as "the content pack is invalid".
PageLayout layout_notice(const std::string& title, const std::vector<std::string>& paragraphs,
                         float viewport_width, const FontMetrics& metrics);

}  // namespace passerelle
