// map_controller.hpp — App's map: the interactive MapView (ui/map_view.hpp) plus what the
// page adds around it: loading its geometry file (errors shown in the map box, the country
// names handed to the font atlas) and the keyboard in the figure's country list.
//
// The country list is one composite widget (like a toolbar): Tab enters it on the selected
// country (or the first), arrows move, Enter or Space selects, Escape deselects, Tab leaves.
// key() only decides: it returns what to do (select, scroll a chip into view, move ImGui's
// focus) and App, which owns the layout, the scroll and ImGui's focus, does it.
//
// Depends on: ui/map_view.hpp, core/map/geometry.hpp, core/page/layout.hpp (MapChip),
// ui/app/app_types.hpp (UiKey).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/map/geometry.hpp"
#include "core/page/layout.hpp"
#include "ui/app/app_types.hpp"
#include "ui/map_view.hpp"

namespace passerelle::ui {

// What a key pressed while the country list could take it does.
struct ChipKey {
  enum class Result {
    not_mine,  // the key goes on (to the consent widget, to the page)
    used,      // the list used it
    leave,     // Tab out of the list, and out of the canvas: the browser moves the focus on
  };
  Result result = Result::not_mine;
  bool change_selection = false;  // select the country of select_chip, none when it is -1
  int select_chip = -1;
  int reveal_chip = -1;           // the focus moved to this chip: scroll it into view
  enum class Focus { keep, release_manage, to_manage };
  Focus imgui_focus = Focus::keep;    // "Gérer mes cookies" comes before the list in Tab order
};

// What key() needs to know of the rest of the page.
struct ChipKeyContext {
  const std::vector<MapChip>* chips = nullptr;  // the list; null or empty: no list
  bool pointer_over_map = false;
  bool has_consent = false;  // a consent widget, so "Gérer mes cookies" is in the Tab order
  bool on_manage = false;    // "Gérer mes cookies" has the keyboard focus
};

class MapController {
 public:
  MapView& view() { return view_; }
  const MapView& view() const { return view_; }

  // The pack's map section (null: none) in the page's language.  A new pack: the list loses
  // the keyboard focus.
  void set_section(const MapSection* section, const std::string& lang);
  // Starts reading the geometry file in steps (MapGeometryLoader): the bytes are kept here
  // until the last step.  A load already under way is dropped.  Until the last step the map
  // box shows what it showed (loading, or the previous geometry).
  void begin_geometry(std::string bytes, std::string file_name);
  // One step of the load begun; true while steps remain.  The last one applies the result:
  // the map, or on errors (errors()) the first one in the map box (the page stays usable).
  bool step_geometry(const std::string& lang);
  bool loading() const { return load_ != nullptr; }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  // Every step at once (tests, tools).
  const std::vector<Diagnostic>& load_geometry(std::string_view bytes, std::string_view file_name,
                                               const std::string& lang);
  void unavailable(std::string message) {
    load_.reset();
    view_.set_error(std::move(message));
  }
  // Every country's name in the page's language, for the font atlas ("" before the geometry).
  const std::string& names() const { return names_; }

  // The mouse cursor at p should be a grab hand: over the map, where a press would pan.
  bool grab_at(ImVec2 p) const;

  // --- the country list's keyboard focus -------------------------------------------------
  int focused_chip() const { return chip_focus_; }
  void drop_focus() { chip_focus_ = -1; }  // a click, a blur: the focus goes back to the page
  ChipKey key(UiKey k, bool shift, const ChipKeyContext& c);

 private:
  ChipKey enter_list(UiKey k, bool shift, const ChipKeyContext& c);
  ChipKey focus(int chip);

  // A load under way: the bytes, and the loader that reads them (it keeps no copy).
  struct PendingLoad {
    PendingLoad(std::string b, std::string name) : bytes(std::move(b)), loader(bytes, name) {}
    std::string bytes;  // declared before the loader, which refers to it: destroyed after it
    MapGeometryLoader loader;
  };
  void apply(MapGeometryResult r, const std::string& lang);

  MapView view_;
  std::unique_ptr<PendingLoad> load_;
  std::vector<Diagnostic> errors_;
  std::string names_;
  int chip_focus_ = -1;  // keyboard focus in the country list, -1 for none
};

}  // namespace passerelle::ui
