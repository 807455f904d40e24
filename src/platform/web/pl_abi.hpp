// pl_abi.hpp — every number that crosses the pl_* boundary, named: one enum per kind of value.
//
// A pl_* function takes and returns plain ints (the wasm ABI); what each int means is set
// here, once.  JavaScript cannot read C++ enums, so web/loader/abi.js holds the same table
// (ABI, a frozen object) and the loader uses it instead of literals.  tests/tools/abi.test.mjs
// parses both files and fails on any difference of names or values; to keep it able to, write
// each enum here as `enum class Name : int { member = value, ... };` (explicit values; names
// are the JS names).  Where ui/ or core/ has the same enum, a static_assert below ties the two,
// so that reordering one cannot silently change what the other side reads.
//
// Booleans (a flag passed in, "used"/"handled"/"known" returned) are Flag.  Counts, indices
// and sizes are plain numbers and have no enum.
//
// No Emscripten and no browser: native tests include it too (tests/ui/unit-web-abi.cpp).
//
// Depends on: ui/app.hpp (UiKey, ViewMode, Action, App's cursor and mirror-part constants),
// core (ScrollKey, ConsentView, Face, design::Scheme, through it), imgui.h (ImGuiMouseCursor).
#pragma once
#include <imgui.h>

#include "ui/app.hpp"

namespace passerelle::web::abi {

// Any boolean argument or result: pl_init(transparent), pl_wheel(ctrl), pl_ui_key(down, shift),
// pl_consent_start(gpc, storage), pl_set_embedded, pl_set_reduced_motion; pl_frame (another
// frame wanted), pl_key / pl_ui_key / pl_wheel (used: prevent the default), …
enum class Flag : int { off = 0, on = 1 };

// pl_prepare_fonts' result: where the font build stands after the task it did.
// none: nothing was due; planned: a build began (metrics, layout, plan: no atlas yet; the
// atlases follow, first screen's first); first_screen: an atlas was built, and those the
// current screen draws are not all built (call again before the first frame); later: they
// are, others are left (call again after it, one per task); done: that atlas was the last.
enum class FontSlices : int { none = 0, first_screen = 1, later = 2, done = 3, planned = 4 };

// pl_init's result.
enum class InitResult : int { ok = 0, no_webgl = 1 };

// pl_pointer's kind (mouse and pen; touch goes to pl_touch).
enum class Pointer : int { move = 0, down = 1, up = 2, leave = 3 };

// pl_touch's kind.
enum class Touch : int { begin = 0, move = 1, end = 2 };

// pl_key: keys that scroll the page (passerelle::ScrollKey).
enum class ScrollKey : int { line_up = 0, line_down = 1, page_up = 2, page_down = 3, home = 4, end = 5 };

// pl_ui_key: keys for the ImGui widgets (ui::UiKey); activate is Space or Enter.
enum class UiKey : int { tab = 0, left = 1, right = 2, up = 3, down = 4, activate = 5, escape = 6 };

// What pl_click and pl_activate return: nothing; handled in the page; open pl_pending_url() in
// a new tab (at once, within the gesture); go to pl_pending_url() in this tab (the page in
// another language).
enum class ActionCode : int { none = 0, handled = 1, open_url = 2, open_page = 3 };

// pl_set_view (ui::ViewMode): the whole page, the map figure alone, the consent UI alone.
enum class View : int { page = 0, map = 1, consent = 2 };

// pl_consent_view and the "view" of pl_consent_state (passerelle::ConsentView).
enum class ConsentView : int { hidden = 0, banner = 1, panel = 2 };

// pl_cursor: an ImGuiMouseCursor, or App::kCursorGrab / kCursorGrabbing over the map.
enum class Cursor : int {
  arrow = 0, text_input = 1, resize_all = 2, resize_ns = 3, resize_ew = 4, resize_nesw = 5,
  resize_nwse = 6, hand = 7, not_allowed = 8, grab = 9, grabbing = 10
};

// pl_mirror_html's part (App::MirrorPart).
enum class MirrorPart : int { consent = 0, page = 1 };

// pl_set_scheme (passerelle::design::Scheme): the colours the canvas draws in.
enum class Scheme : int { light = 0, dark = 1 };

// pl_set_face's face (passerelle::Face); the loader's FACES lists the font files in this order.
enum class Face : int { serif_regular = 0, serif_italic = 1, serif_bold = 2, sans_regular = 3, sans_bold = 4 };

// pl_map_geometry_step: steps remain; the map is ready; the geometry has errors
// (pl_map_error); no load under way (none begun, already finished, or no App).
enum class MapStep : int { more = 0, ready = 1, failed = 2, idle = 3 };

template <class E>
constexpr int code(E e) { return static_cast<int>(e); }
constexpr int flag(bool b) { return code(b ? Flag::on : Flag::off); }
constexpr bool is_on(int f) { return f != code(Flag::off); }  // any other value counts as on

// What a click or an activation asks the loader to do.
constexpr ActionCode action_code(ui::Action::Kind k) {
  switch (k) {
    case ui::Action::Kind::none: return ActionCode::none;
    case ui::Action::Kind::handled: return ActionCode::handled;
    case ui::Action::Kind::open_url: return ActionCode::open_url;
    case ui::Action::Kind::open_page: return ActionCode::open_page;
  }
  return ActionCode::none;
}

// --- ties to the enums of ui/ and core/ --------------------------------------------------
// The exports convert with static_cast, which these make exact.

static_assert(code(ScrollKey::line_up) == static_cast<int>(passerelle::ScrollKey::line_up));
static_assert(code(ScrollKey::line_down) == static_cast<int>(passerelle::ScrollKey::line_down));
static_assert(code(ScrollKey::page_up) == static_cast<int>(passerelle::ScrollKey::page_up));
static_assert(code(ScrollKey::page_down) == static_cast<int>(passerelle::ScrollKey::page_down));
static_assert(code(ScrollKey::home) == static_cast<int>(passerelle::ScrollKey::home));
static_assert(code(ScrollKey::end) == static_cast<int>(passerelle::ScrollKey::end));

static_assert(code(UiKey::tab) == static_cast<int>(ui::UiKey::tab));
static_assert(code(UiKey::left) == static_cast<int>(ui::UiKey::left));
static_assert(code(UiKey::right) == static_cast<int>(ui::UiKey::right));
static_assert(code(UiKey::up) == static_cast<int>(ui::UiKey::up));
static_assert(code(UiKey::down) == static_cast<int>(ui::UiKey::down));
static_assert(code(UiKey::activate) == static_cast<int>(ui::UiKey::activate));
static_assert(code(UiKey::escape) == static_cast<int>(ui::UiKey::escape));
static_assert(code(UiKey::escape) + 1 == ui::kUiKeyCount);

static_assert(code(View::page) == static_cast<int>(ui::ViewMode::page));
static_assert(code(View::map) == static_cast<int>(ui::ViewMode::map));
static_assert(code(View::consent) == static_cast<int>(ui::ViewMode::consent));

static_assert(code(ConsentView::hidden) == static_cast<int>(passerelle::ConsentView::hidden));
static_assert(code(ConsentView::banner) == static_cast<int>(passerelle::ConsentView::banner));
static_assert(code(ConsentView::panel) == static_cast<int>(passerelle::ConsentView::panel));

static_assert(code(Cursor::arrow) == ImGuiMouseCursor_Arrow);
static_assert(code(Cursor::text_input) == ImGuiMouseCursor_TextInput);
static_assert(code(Cursor::resize_all) == ImGuiMouseCursor_ResizeAll);
static_assert(code(Cursor::resize_ns) == ImGuiMouseCursor_ResizeNS);
static_assert(code(Cursor::resize_ew) == ImGuiMouseCursor_ResizeEW);
static_assert(code(Cursor::resize_nesw) == ImGuiMouseCursor_ResizeNESW);
static_assert(code(Cursor::resize_nwse) == ImGuiMouseCursor_ResizeNWSE);
static_assert(code(Cursor::hand) == ImGuiMouseCursor_Hand);
static_assert(code(Cursor::not_allowed) == ImGuiMouseCursor_NotAllowed);
static_assert(code(Cursor::grab) == ui::App::kCursorGrab);
static_assert(code(Cursor::grabbing) == ui::App::kCursorGrabbing);

static_assert(code(MirrorPart::consent) == ui::App::mirror_consent_part);
static_assert(code(MirrorPart::page) == ui::App::mirror_page_part);

static_assert(code(Scheme::light) == static_cast<int>(passerelle::design::Scheme::light));
static_assert(code(Scheme::dark) == static_cast<int>(passerelle::design::Scheme::dark));
static_assert(code(Face::serif_regular) == static_cast<int>(passerelle::Face::serif_regular));
static_assert(code(Face::serif_italic) == static_cast<int>(passerelle::Face::serif_italic));
static_assert(code(Face::serif_bold) == static_cast<int>(passerelle::Face::serif_bold));
static_assert(code(Face::sans_regular) == static_cast<int>(passerelle::Face::sans_regular));
static_assert(code(Face::sans_bold) == static_cast<int>(passerelle::Face::sans_bold));
static_assert(code(Face::sans_bold) + 1 == passerelle::kFaceCount);

}  // namespace passerelle::web::abi
