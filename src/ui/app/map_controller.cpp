// map_controller.cpp — the map's geometry file and the country list's keys (see
// map_controller.hpp).
//
// Depends on: ui/app/map_controller.hpp, core/map/geometry.hpp.
#include "ui/app/map_controller.hpp"

#include <algorithm>
#include <memory>

namespace passerelle::ui {

void MapController::set_section(const MapSection* section, const std::string& lang) {
  chip_focus_ = -1;
  view_.set_section(section, lang);
}

void MapController::begin_geometry(std::string bytes, std::string file_name) {
  load_.reset();  // before the new bytes are allocated: one copy in memory at a time
  load_ = std::make_unique<PendingLoad>(std::move(bytes), std::move(file_name));
}

bool MapController::step_geometry(const std::string& lang) {
  if (!load_) return false;
  if (load_->loader.step()) return true;
  MapGeometryResult r = load_->loader.take_result();
  load_.reset();  // the bytes are no longer needed
  apply(std::move(r), lang);
  return false;
}

const std::vector<Diagnostic>& MapController::load_geometry(std::string_view bytes, std::string_view file_name,
                                                            const std::string& lang) {
  begin_geometry(std::string(bytes), std::string(file_name));
  while (step_geometry(lang)) {
  }
  return errors_;
}

void MapController::apply(MapGeometryResult r, const std::string& lang) {
  errors_ = std::move(r.errors);
  if (r.geometry) {
    std::string names;
    for (const MapCountry& c : r.geometry->countries) names += c.name(lang);
    names_ = std::move(names);
    view_.set_geometry(std::make_shared<const MapGeometry>(std::move(*r.geometry)));
  } else {
    view_.set_error("La carte n’a pas pu être affichée : " +
                    (errors_.empty() ? std::string("fichier invalide") : format(errors_.front())));
  }
}

bool MapController::grab_at(ImVec2 p) const {
  return view_.ready() && view_.contains(p.x, p.y) && view_.button_at(p.x, p.y) == MapButton::none &&
         view_.hovered_country() < 0;
}

ChipKey MapController::focus(int chip) {
  chip_focus_ = chip;
  ChipKey r;
  r.result = ChipKey::Result::used;
  r.reveal_chip = chip;
  return r;
}

ChipKey MapController::key(UiKey k, bool shift, const ChipKeyContext& c) {
  if (!c.chips || c.chips->empty()) return {};
  if (chip_focus_ < 0) return enter_list(k, shift, c);
  const std::vector<MapChip>& chips = *c.chips;
  const int n = static_cast<int>(chips.size());
  ChipKey r;
  switch (k) {
    case UiKey::tab:
      chip_focus_ = -1;
      if (shift && c.has_consent) {  // back to "Gérer mes cookies"
        r.result = ChipKey::Result::used;
        r.imgui_focus = ChipKey::Focus::to_manage;
      } else {
        r.result = ChipKey::Result::leave;  // to the next element of the host page
      }
      return r;
    case UiKey::left:
    case UiKey::up: return focus(std::max(0, chip_focus_ - 1));
    case UiKey::right:
    case UiKey::down: return focus(std::min(n - 1, chip_focus_ + 1));
    case UiKey::activate:
      r.result = ChipKey::Result::used;
      r.change_selection = true;
      r.select_chip = std::min(chip_focus_, n - 1);
      return r;
    case UiKey::escape:
      if (view_.selected().empty()) return r;
      r.result = ChipKey::Result::used;
      r.change_selection = true;
      return r;
  }
  return r;
}

// Keys while the list does not have the focus: Escape over the map deselects; a forward Tab
// from "Gérer mes cookies" (or from outside, when there is no consent widget) enters the
// list.  The first Tab of all still goes to "Gérer mes cookies" when it exists.
ChipKey MapController::enter_list(UiKey k, bool shift, const ChipKeyContext& c) {
  ChipKey r;
  if (k == UiKey::escape && !view_.selected().empty() && c.pointer_over_map) {
    r.result = ChipKey::Result::used;
    r.change_selection = true;
    return r;
  }
  if (k != UiKey::tab || shift) return r;
  if (c.has_consent && !c.on_manage) return r;
  const std::vector<MapChip>& chips = *c.chips;
  int start = 0;
  for (int i = 0; i < static_cast<int>(chips.size()); ++i)
    if (chips[i].id == view_.selected()) start = i;
  r = focus(start);
  if (c.on_manage) r.imgui_focus = ChipKey::Focus::release_manage;
  return r;
}

}  // namespace passerelle::ui
