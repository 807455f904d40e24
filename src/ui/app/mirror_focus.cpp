// mirror_focus.cpp — mirror keys, the focus ring and the mirror's versions (see
// mirror_focus.hpp).
//
// Depends on: ui/app/mirror_focus.hpp, imgui.h.
#include "ui/app/mirror_focus.hpp"

namespace passerelle::ui {
namespace {

constexpr std::string_view kConsentPrefix = "consent:";

// "t12" → 12; -1 for anything else (at most 5 digits).
int target_of_key(std::string_view key) {
  if (key.size() < 2 || key[0] != 't' || key.size() > 6) return -1;
  int n = 0;
  for (char c : key.substr(1)) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

int map_button_of_key(std::string_view key) {
  if (key == "map:zoom_in") return 0;
  if (key == "map:zoom_out") return 1;
  if (key == "map:reset") return 2;
  return -1;
}

}  // namespace

MirrorKey parse_mirror_key(std::string_view key) {
  MirrorKey k;
  if (key.substr(0, kConsentPrefix.size()) == kConsentPrefix) {
    k.kind = MirrorKey::Kind::consent;
    k.widget = key.substr(kConsentPrefix.size());
  } else if (key == "map:deselect") {
    k.kind = MirrorKey::Kind::map_deselect;
  } else if ((k.index = map_button_of_key(key)) >= 0) {
    k.kind = MirrorKey::Kind::map_button;
  } else if ((k.index = target_of_key(key)) >= 0) {
    k.kind = MirrorKey::Kind::target;
  }
  return k;
}

bool MirrorFocus::set_focus(std::string key) {
  if (key == focus_) return false;
  focus_ = std::move(key);
  return true;
}

void MirrorFocus::draw_ring(ImDrawList& dl, const std::vector<Rect>& rects, const Theme& theme) {
  const ImU32 ring = to_imgui(theme.heading), halo = to_imgui(theme.background);
  for (const Rect& r : rects) {
    const ImVec2 a(r.x - 3, r.y - 2), b(r.x + r.w + 3, r.y + r.h + 2);
    dl.AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), halo, 5.0f, 0, 5.0f);
    dl.AddRect(a, b, ring, 4.0f, 0, 2.5f);
  }
}

bool MirrorFocus::begin_rebuild(std::string signature) {
  if (signature == signature_) return false;
  signature_ = std::move(signature);
  html_[0].clear();
  html_[1].clear();
  ++version_;
  return true;
}

}  // namespace passerelle::ui
