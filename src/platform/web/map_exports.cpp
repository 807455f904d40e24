// map_exports.cpp — the map's pl_* functions for the loader's instance.map (web/loader/map.js).
//
// Strings returned point to static storage valid until the next call of the same function.
//
// Depends on: platform/web/web_app.hpp, pl_abi.hpp, core/map/route.hpp, Emscripten.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/map/route.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace {
std::string g_text;
float g_point_x = 0, g_point_y = 0;
}  // namespace

extern "C" {

// The geometry file's address relative to the pack ("" when the page has no map).
EMSCRIPTEN_KEEPALIVE const char* pl_map_geometry_url(void) {
  g_text = pl_app() ? pl_app()->map_geometry_url() : std::string();
  return g_text.c_str();
}

// Starts the geometry's load (pl_map_geometry_step does it, one step per call): the bytes
// are copied and kept in the App until the last step, so the caller may free them at once,
// and a view shut down in the middle of a load (pl_shutdown) frees them with the App.
// Returns an abi::Flag: off when there is no App.
EMSCRIPTEN_KEEPALIVE int pl_map_geometry_begin(const char* data, int len, const char* name) {
  if (!pl_app()) return abi::flag(false);
  g_text.clear();
  pl_app()->begin_map_geometry(std::string_view(data, len > 0 ? len : 0),
                               name ? name : "map-geometry.json");
  return abi::flag(true);
}

// One bounded step of the load begun (up to ~25 ms at CPU 4x, but the first, the JSON
// parse: 64-80 ms): an abi::MapStep.  failed: pl_map_error()
// has the first error, which the map box shows.
EMSCRIPTEN_KEEPALIVE int pl_map_geometry_step(void) {
  passerelle::ui::App* app = pl_app();
  if (!app || !app->map_loading()) return abi::code(abi::MapStep::idle);
  if (app->step_map_geometry()) return abi::code(abi::MapStep::more);
  const auto& errors = app->map_errors();
  if (errors.empty()) return abi::code(abi::MapStep::ready);
  g_text = passerelle::format(errors.front());
  return abi::code(abi::MapStep::failed);
}
EMSCRIPTEN_KEEPALIVE const char* pl_map_error(void) { return g_text.c_str(); }

// The download failed: the map box says so (the page stays usable).
EMSCRIPTEN_KEEPALIVE void pl_map_unavailable(const char* message) {
  if (pl_app()) pl_app()->map_unavailable(message ? message : "");
}

// Selects by ISO code ("" deselects), shows the country and scrolls the page to the map.
// Returns an abi::Flag: on when the code is known.
EMSCRIPTEN_KEEPALIVE int pl_map_select(const char* iso, double t) {
  return abi::flag(pl_app() && pl_app()->map_select(iso ? iso : "", t, true));
}

// {"ready":…, "zoom":1.0, "focus":-1, "box":[x, y, w, h], "selected":"ML"} — the box in
// canvas CSS px as drawn now, focus the keyboard's chip in the country list.  For tests.
EMSCRIPTEN_KEEPALIVE const char* pl_map_state(void) {
  const passerelle::ui::App* app = pl_app();
  if (!app) return "{}";
  const passerelle::ui::MapView& m = app->map();
  const passerelle::Rect& b = m.box();
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "{\"ready\":%s,\"zoom\":%.4f,\"focus\":%d,\"box\":[%.2f,%.2f,%.2f,%.2f],\"selected\":\"",
                m.ready() ? "true" : "false", m.camera().zoom(), app->focused_chip(), b.x, b.y, b.w, b.h);
  g_text = buf;
  g_text += m.selected();  // two capitals: nothing to escape
  g_text += "\"}";
  return g_text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pl_map_selected(void) {
  g_text = pl_app() ? pl_app()->map().selected() : std::string();
  return g_text.c_str();
}

// An abi::Flag: on when the selection changed since the last call (the page updates its URL
// and announces).
EMSCRIPTEN_KEEPALIVE int pl_map_take_change(void) {
  return abi::flag(pl_app() && pl_app()->map().take_selection_change());
}

// The country's name in the page's language.
EMSCRIPTEN_KEEPALIVE const char* pl_map_name(const char* iso) {
  g_text = pl_app() && iso ? pl_app()->map().name_of(iso) : std::string();
  return g_text.c_str();
}

// Canvas CSS px of a longitude/latitude: abi::Flag on and pl_map_point_x/y() when it is
// inside the map box as drawn now, off otherwise.
EMSCRIPTEN_KEEPALIVE int pl_map_screen_point(double lon, double lat) {
  if (!pl_app()) return abi::flag(false);
  const auto p = pl_app()->map().screen_point(lon, lat);
  if (!p) return abi::flag(false);
  g_point_x = p->x;
  g_point_y = p->y;
  return abi::flag(true);
}
EMSCRIPTEN_KEEPALIVE float pl_map_point_x(void) { return g_point_x; }
EMSCRIPTEN_KEEPALIVE float pl_map_point_y(void) { return g_point_y; }

// The ISO code a location hash selects ("#pays=ML", "#country=ml"), or "".
EMSCRIPTEN_KEEPALIVE const char* pl_map_parse_hash(const char* hash) {
  g_text = passerelle::parse_country_hash(hash ? hash : "").value_or(std::string());
  return g_text.c_str();
}

// The hash with the country set (or removed when iso is ""), other parameters kept.
EMSCRIPTEN_KEEPALIVE const char* pl_map_hash(const char* hash, const char* iso) {
  const std::string lang = pl_app() ? pl_app()->lang() : std::string("fr");
  g_text = passerelle::with_country(hash ? hash : "", iso ? iso : "", lang);
  return g_text.c_str();
}

}  // extern "C"
