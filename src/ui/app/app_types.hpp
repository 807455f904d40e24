// app_types.hpp — the small types App's interface speaks in: the widget keys the platform
// reports, the view mode of an embed, and what a click or an activation asks the platform to
// do.  Apart so that App's parts (ui/app/*.hpp) can use them without including App.
//
// Depends on: the standard library only.
#pragma once
#include <string>

namespace passerelle::ui {

// Keys the ImGui widgets (the consent banner) take, as the platform reports them.
enum class UiKey { tab, left, right, up, down, activate /* Space or Enter */, escape };
inline constexpr int kUiKeyCount = 7;

// What the view shows: the whole page, the map figure alone, or the consent UI alone (the
// last two for partner sites' embeds).
enum class ViewMode { page, map, consent };

struct Action {
  // open_url: in a new tab; open_page: this page in another language, in this tab.
  enum class Kind { none, handled, open_url, open_page };
  Kind kind = Kind::none;
  std::string url;  // open_url / open_page: already checked against the link policy
  std::string lang;  // open_page: the language of that page (an embed switches in place)
};

}  // namespace passerelle::ui
