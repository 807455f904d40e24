// probe_exports.cpp — what the browser tests and tools read of a view, never the page itself:
// the text runs on screen and where (instance.visibleText()), the scroll offset
// (instance.scrollTop()), and the consent widget's buttons (instance.consentButtons()).
// pl_map_state (map_exports.cpp) is the map's probe.
//
// Strings returned point to static storage valid until the next call of the same function.
//
// Depends on: web_app.hpp (the App), core/page/layout.hpp, nlohmann/json, Emscripten.
#include <emscripten.h>

#include <string>

#include <nlohmann/json.hpp>

#include "platform/web/web_app.hpp"

namespace {

const char* link_kind(passerelle::Target::Kind k) {
  switch (k) {
    case passerelle::Target::Kind::url: return "url";
    case passerelle::Target::Kind::footnote: return "footnote";
    case passerelle::Target::Kind::footnote_back: return "footnote_back";
    case passerelle::Target::Kind::country: return "country";
    case passerelle::Target::Kind::page: return "page";
  }
  return "";
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

extern "C" {

// What is drawn in the viewport now, as JSON [{text, x, y, w, h, size, link}] in CSS px: lets
// the browser tests check that known words are on screen (and where) before looking at pixels.
EMSCRIPTEN_KEEPALIVE const char* pl_visible_runs(void) {
  static std::string out;
  nlohmann::json arr = nlohmann::json::array();
  const passerelle::ui::App* app = pl_app();
  const passerelle::PageLayout* l = app ? app->layout() : nullptr;
  if (l) {
    const float top = app->scroll();
    const float bottom = top + app->scroller().viewport_height();
    for (const auto& r : l->runs) {
      if (r.y + r.line_height < top || r.y > bottom) continue;
      const char* link = r.target >= 0 ? link_kind(l->targets[r.target].kind) : "";
      arr.push_back({{"text", r.text}, {"x", r.x}, {"y", r.y - top}, {"w", r.width},
                     {"h", app->fonts().content_height(r.font)}, {"size", r.font.size}, {"link", link}});
    }
  }
  out = dump(arr);
  return out.c_str();
}

// The page's scroll offset, CSS px.
EMSCRIPTEN_KEEPALIVE float pl_scroll(void) { return pl_app() ? pl_app()->scroll() : 0.0f; }

// The consent widget's buttons last frame, [{label, x, y, w, h}] in CSS px.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_buttons(void) {
  static std::string out;
  nlohmann::json arr = nlohmann::json::array();
  const passerelle::ui::App* app = pl_app();
  if (app && app->consent())
    for (const auto& b : app->consent_widget().last_buttons())
      arr.push_back({{"label", b.label}, {"x", b.min.x}, {"y", b.min.y}, {"w", b.max.x - b.min.x}, {"h", b.max.y - b.min.y}});
  out = dump(arr);
  return out.c_str();
}

}  // extern "C"
