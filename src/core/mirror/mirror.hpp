// mirror/mirror.hpp — the semantic mirror: what the canvas shows, as a tree of roles, names and
// states, for screen readers, keyboards, search engines and browsers without WebAssembly.
//
// The canvas is a picture; the mirror is the same page as a document.  Both come from the
// same Pack and the same state (the selected country, the consent manager), so they say the
// same thing: mirror_page() walks the pack in the order layout_page() typesets it, and every
// focusable node carries the key of the canvas item it stands for:
//
//   "t<i>"                 layout_page()'s target i (links, footnote marks, countries,
//                          language links); tests check that the two walks agree
//   "map:zoom_in" …        the map's buttons (zoom_in, zoom_out, reset); "map:deselect" is
//                          Escape on them or on a country
//   "consent:<action>"     the consent widget (refuse_all, accept_all, customise,
//                          continue_without, save, manage, switch:<purpose id>)
//
// so that focusing or activating a mirror element can focus or activate the canvas item
// (App::focus_key / App::activate).  mirror/html.hpp renders a tree as HTML: at build time
// into dist/index.html (the prerendered page), at run time into the live document.
//
// Nothing here knows HTML syntax, ImGui or the browser.
//
// Depends on: pack/pack.hpp, consent/consent.hpp, the standard library.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"
#include "core/pack/pack.hpp"

namespace passerelle {

struct SemNode {
  enum class Role {
    group,        // no semantics of its own (a container of parts)
    text,         // characters (text)
    emphasis,     // *…*
    strong,       // **…**
    superscript,  // a footnote mark's box
    banner,       // the site header
    navigation,   // label: what it lists
    main,
    article,
    heading,      // level 1–3
    paragraph,
    link,         // href; key when the canvas draws it
    list,         // ordered or not
    list_item,
    figure,       // labelled by its first heading
    button,       // pressed: -1 a plain button, 0/1 a toggle (aria-pressed)
    switch_,      // pressed: 0/1 (aria-checked)
    dialog,       // labelled by its first heading; modal or not
    note,         // the footnotes: a labelled section
  };
  Role role = Role::group;
  std::string text;         // text: the characters; navigation/note/list/link/group: the label
  std::string href;         // link
  std::string key;          // focusable: the canvas item (see above)
  std::string id;           // an anchor ("fn-1", "fnref-1")
  std::string lang;         // BCP 47, when it differs from the document's
  int level = 0;            // heading
  int pressed = -1;         // button / switch state
  bool ordered = false;     // list
  bool modal = false;       // dialog
  bool external = false;    // link: opens in a new tab
  bool current = false;     // link / list item: the current page (breadcrumb)
  std::vector<SemNode> children;

  SemNode& add(SemNode child) {
    children.push_back(std::move(child));
    return children.back();
  }
};

// The page's state that the mirror shows.
struct MirrorState {
  std::string map_selected;  // ISO code, "" for none
  bool map_only = false;     // the map figure alone (an embedded map view)
};

// The whole article: header (site name, language links), breadcrumb, title, lead, body with
// the map figure, footnotes, links.  Keys match layout_page(pack, …, {state.map_selected}).
SemNode mirror_page(const Pack& pack, const MirrorState& state = {});

// The consent UI in its current state: the banner (a non-modal dialog), the settings panel (a
// modal dialog with one switch per optional purpose), or, once decided, the "Gérer mes
// cookies" button (and the withdrawal notice when asked).
struct ConsentMirrorState {
  ConsentView view = ConsentView::banner;
  std::vector<std::pair<std::string, bool>> switches;  // purpose id → on (the panel's pending state)
  bool gpc = false;
  bool storage_available = true;
  bool withdrawn_notice = false;
};
SemNode mirror_consent(const ConsentConfig& config, std::string_view lang, const ConsentMirrorState& s);
// The state as the manager holds it.
ConsentMirrorState consent_mirror_state(const ConsentManager& m, bool withdrawn_notice);

// The characters a visitor reads, in order, with runs of white space collapsed to one space
// (for checking the mirror against the canvas, and find-in-page).
std::string mirror_text(const SemNode& n);

// The keys of the focusable nodes, in document (Tab) order.
std::vector<std::string> mirror_keys(const SemNode& n);

}  // namespace passerelle
