// pack/pack.hpp — the content pack: the typed model of one page in one language, and its parser.
//
// A pack is one JSON document written by editors (content/*.json, documented field by field
// in content/pack.schema.json).  parse_pack() turns its bytes into a Pack or into a list of
// Diagnostics; it never throws, never aborts and never hangs, whatever the bytes (limits
// below bound the work).  The UI only ever sees a Pack that validated completely.
//
// Depends on: consent/consent.hpp, base/diagnostic.hpp, text/markup.hpp, the standard library
// (the JSON layer, json/, is private to the .cpp files of pack/).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "core/base/diagnostic.hpp"
#include "core/text/markup.hpp"

namespace passerelle {

// What parse_pack() agrees to read; it hands them to the JSON layer as a json::Limits
// (json/limits.hpp).
struct PackLimits {
  std::size_t max_bytes = 2 * 1024 * 1024;  // the whole document
  int max_depth = 32;                       // nesting of arrays and objects
  std::size_t max_string_bytes = 16 * 1024; // one string value
  std::size_t max_items = 500;              // one array (blocks, list items, footnotes…)
};

struct Block {
  enum class Kind { paragraph, heading, list, map };  // map: where the "map" section is shown
  Kind kind = Kind::paragraph;
  int level = 2;                   // heading: 2 or 3 (the title is the page's only level 1)
  InlineText text;                 // paragraph, heading
  std::vector<InlineText> items;   // list
  bool ordered = false;            // list
};

struct Footnote {
  std::string id;                  // what [^id] refers to
  InlineText text;
};

// A link listed after the body ("International Solidarities department in English").
// url is empty when the target is not known: the text is then shown without a link.
struct PageLink {
  std::string text;
  std::string url;
  std::string lang;                // BCP 47 tag when the text is not in the pack's language
};

// The same page in another language ("translations": [{"lang": "en", "href": "index.en.html"}]):
// the header's language link, and hreflang alternates of the prerendered HTML.  href is a
// relative address on the same site (letters, digits, '.', '-', '_', '/'; no "..").
struct Translation {
  std::string lang;
  std::string href;
};

struct Page {
  std::string id;
  std::vector<std::string> breadcrumb;
  std::string title;
  InlineText lead;
  std::vector<Block> body;
  std::vector<Footnote> footnotes;  // in the order they are shown and numbered (1, 2, …)
  std::vector<PageLink> links;
  std::vector<Translation> translations;
};

// The "map" section: which countries La Cimade works with, by role, and what the page says
// about each.  The borders themselves are in a separate geometry file (map/geometry.hpp),
// shared by every language's pack.
struct MapRole {
  std::string id;                       // "migration", "peace", "home": also picks the colour
  std::string label;                    // the legend's text
  std::vector<std::string> countries;   // ISO 3166-1 alpha-2, upper case
};

struct MapCountryText {
  std::string id;                       // ISO 3166-1 alpha-2
  std::string name;                     // the name shown in this pack's language
  std::vector<InlineText> details;      // paragraphs of the details panel (no footnotes)
};

// The map's own words, in the pack's language.
struct MapLabels {
  std::string title;          // the figure's heading
  std::string list;           // the heading of the country list
  std::string zoom_in, zoom_out, reset;
  std::string wheel_hint;     // shown when a plain wheel scrolls past the map
  std::string touch_hint;     // shown when one finger scrolls the page over the map
  std::string empty;          // the details panel with nothing selected
  std::string other;          // the legend's entry for every other country
};

struct MapSection {
  std::string geometry;       // a relative URL, resolved against the pack's own URL
  float aspect = 0;           // the geometry's width over its height, when the pack says (0: it
                              // does not); the map's box has it before the geometry arrives
  MapLabels labels;
  std::vector<MapRole> roles;
  std::vector<MapCountryText> countries;
  const MapCountryText* country(std::string_view iso) const;
  int role_of(std::string_view iso) const;  // index into roles, -1 when none
};

struct Site {
  std::string name;                // "La Cimade"
};

struct Pack {
  int format = 1;
  std::string lang;                // BCP 47, e.g. "fr"
  Site site;
  Page page;
  std::optional<ConsentConfig> consent;  // the "consent" section, when the pack has one
  std::optional<MapSection> map;         // the "map" section, when the pack has one
};

struct PackResult {
  std::optional<Pack> pack;        // set only when errors is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return pack.has_value(); }
};

// file_name is only used to label diagnostics.
PackResult parse_pack(std::string_view bytes, std::string_view file_name,
                      const PackLimits& limits = {});

// 1-based number of a footnote id in page.footnotes, 0 if absent.
int footnote_number(const Page& page, std::string_view id);

}  // namespace passerelle
