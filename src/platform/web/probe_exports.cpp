// probe_exports.cpp — what the browser tests and tools read of a view, never the page itself:
// the text runs on screen and where (instance.visibleText()), the scroll offset
// (instance.scrollTop()), and the consent widget's buttons (instance.consentButtons()).
// pl_map_state (map_exports.cpp) is the map's probe.
//
// Strings returned point to static storage valid until the next call of the same function.
//
// Depends on: web_app.hpp (the App), core/page/layout.hpp, json_out.hpp, Emscripten.
#include <emscripten.h>

#include <string>
#include <string_view>

#include "platform/web/json_out.hpp"
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

// Calls f(offset, length) for each word of s: the bytes between spaces, no-break spaces
// (U+00A0) and narrow no-break spaces (U+202F).
template <class F>
void for_each_word(std::string_view s, F f) {
  std::size_t i = 0, start = std::string_view::npos;
  auto space_at = [&](std::size_t k) -> std::size_t {
    if (s[k] == ' ') return 1;
    if (s.substr(k, 2) == "\xC2\xA0") return 2;
    if (s.substr(k, 3) == "\xE2\x80\xAF") return 3;
    return 0;
  };
  while (i < s.size()) {
    const std::size_t sp = space_at(i);
    if (sp) {
      if (start != std::string_view::npos) f(start, i - start);
      start = std::string_view::npos;
      i += sp;
    } else {
      if (start == std::string_view::npos) start = i;
      ++i;
    }
  }
  if (start != std::string_view::npos) f(start, s.size() - start);
}

using passerelle::web::JsonOut;

// {"text": …, "x": …, "y": …, "w": …, "h": …}, the box every probe lists.
void text_box(JsonOut& j, std::string_view label, std::string_view text, float x, float y, float w,
              float h) {
  j.key(label);
  j.string(text);
  j.key("x");
  j.number(x);
  j.key("y");
  j.number(y);
  j.key("w");
  j.number(w);
  j.key("h");
  j.number(h);
}

}  // namespace

extern "C" {

// What is drawn in the viewport now, as JSON [{text, x, y, w, h, size, link, missing}] in CSS
// px: lets the browser tests check that known words are on screen (and where) before looking
// at pixels.  missing: characters drawn with ImGui's fallback glyph (no glyph in the atlas).
EMSCRIPTEN_KEEPALIVE const char* pl_visible_runs(void) {
  static std::string out;
  JsonOut j;
  j.begin_array();
  const passerelle::ui::App* app = pl_app();
  const passerelle::PageLayout* l = app ? app->layout() : nullptr;
  if (l) {
    const float top = app->scroll();
    const float bottom = top + app->scroller().viewport_height();
    for (const auto& r : l->runs) {
      if (r.y + r.line_height < top || r.y > bottom) continue;
      j.begin_object();
      text_box(j, "text", r.text, r.x, r.y - top, r.width, app->fonts().content_height(r.font));
      j.key("size");
      j.number(r.font.size);
      j.key("link");
      j.string(r.target >= 0 ? link_kind(l->targets[r.target].kind) : "");
      j.key("missing");
      j.integer(app->fonts().missing_glyphs(r.font, r.text));
      j.end_object();
    }
  }
  j.end_array();
  out = j.text();
  return out.c_str();
}

// The words drawn in the viewport now, as JSON [{text, x, y, w, h}] in CSS px: each run cut
// at its spaces (ordinary and no-break), each word placed by the canvas's own font metrics.
// The takeover test compares these with where the browser put the same words in the HTML.
EMSCRIPTEN_KEEPALIVE const char* pl_visible_words(void) {
  static std::string out;
  JsonOut j;
  j.begin_array();
  const passerelle::ui::App* app = pl_app();
  const passerelle::PageLayout* l = app ? app->layout() : nullptr;
  if (l) {
    const float top = app->scroll();
    const float bottom = top + app->scroller().viewport_height();
    for (const auto& r : l->runs) {
      if (r.y + r.line_height < top || r.y > bottom) continue;
      const float h = app->fonts().content_height(r.font);
      for_each_word(r.text, [&](std::size_t at, std::size_t n) {
        const std::string_view t(r.text);
        const float x = r.x + app->fonts().measure(r.font, t.substr(0, at));
        const float w = app->fonts().measure(r.font, t.substr(at, n));
        j.begin_object();
        text_box(j, "text", t.substr(at, n), x, r.y - top, w, h);
        j.end_object();
      });
    }
  }
  j.end_array();
  out = j.text();
  return out.c_str();
}

// The page's scroll offset, CSS px.
EMSCRIPTEN_KEEPALIVE float pl_scroll(void) { return pl_app() ? pl_app()->scroll() : 0.0f; }

// The consent widget's buttons last frame, [{label, x, y, w, h}] in CSS px.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_buttons(void) {
  static std::string out;
  JsonOut j;
  j.begin_array();
  const passerelle::ui::App* app = pl_app();
  if (app && app->consent())
    for (const auto& b : app->consent_widget().last_buttons()) {
      j.begin_object();
      text_box(j, "label", b.label, b.min.x, b.min.y, b.max.x - b.min.x, b.max.y - b.min.y);
      j.end_object();
    }
  j.end_array();
  out = j.text();
  return out.c_str();
}

}  // extern "C"
