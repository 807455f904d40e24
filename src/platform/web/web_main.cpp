// web_main.cpp — the browser platform layer: the only C++ that knows it runs in a browser.
//
// Thin by design.  JavaScript (web/passerelle.js) owns the canvas, its DOM listeners, the
// frame loop and the downloads; it calls the pl_* functions below, which forward to ui::App.
// This file owns only the WebGL2 context (made from JS on *this instance's* canvas, see
// web/passerelle-library.js) and ImGui's OpenGL3 renderer.
//
// Why not Emscripten's GLFW: it listens for keys on window (every instance would get every
// key and Tab/Backspace would be swallowed for the host page), allows one window, and stubs
// cursors — wrong for a widget embedded in someone else's page, which may hold several
// instances and keeps its own keyboard.
//
// Depends on: ui/app.hpp, imgui + imgui_impl_opengl3, nlohmann/json (the consent state it
// hands to JavaScript), Emscripten, GLES3.
#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui_impl_opengl3.h"
#include "ui/app.hpp"
#include "platform/web/web_app.hpp"

extern "C" {
// web/passerelle-library.js
int pl_js_create_gl_context(int alpha);
void pl_js_random_id(char* out33);  // 32 hex chars from crypto.getRandomValues + NUL
}

namespace {

passerelle::ui::App* g_app = nullptr;
std::string g_pending_url;
std::vector<std::string> g_error_texts;
int g_fb_w = 1, g_fb_h = 1;
bool g_transparent = false;

}  // namespace

passerelle::ui::App* pl_app() { return g_app; }

int pl_action_code(const passerelle::ui::Action& a) {
  switch (a.kind) {
    case passerelle::ui::Action::Kind::none: return 0;
    case passerelle::ui::Action::Kind::handled: return 1;
    case passerelle::ui::Action::Kind::open_url: g_pending_url = a.url; return 2;
    case passerelle::ui::Action::Kind::open_page: g_pending_url = a.url; return 3;
  }
  return 0;
}

extern "C" {

// Creates the GL context and ImGui.  Returns 0 on success, 1 when WebGL2 is unavailable.
// transparent: 1 for a canvas that shows the host page where nothing is drawn (the
// embedded consent view).
EMSCRIPTEN_KEEPALIVE int pl_init(int transparent) {
  if (g_app) return 0;
  g_transparent = transparent != 0;
  if (!pl_js_create_gl_context(g_transparent ? 1 : 0)) return 1;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini: nothing is written anywhere
  io.LogFilename = nullptr;
  io.BackendPlatformName = "passerelle_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  ImGui::StyleColorsLight();
  if (!ImGui_ImplOpenGL3_Init("#version 300 es")) return 1;
  g_app = new passerelle::ui::App();
  g_app->set_id_source([] {
    char buf[33] = {};
    pl_js_random_id(buf);
    return std::string(buf, 32);
  });
  return 0;
}

// Takes ownership of nothing: the bytes are copied.
EMSCRIPTEN_KEEPALIVE int pl_set_face(int face, const unsigned char* data, int len) {
  if (!g_app || face < 0 || face >= passerelle::kFaceCount || len <= 0) return 0;
  return g_app->set_face(static_cast<passerelle::Face>(face), std::vector<unsigned char>(data, data + len)) ? 1 : 0;
}

// Returns the number of errors (0: the page is shown).
EMSCRIPTEN_KEEPALIVE int pl_load_pack(const char* data, int len, const char* name) {
  if (!g_app) return -1;
  const auto& errors = g_app->load_pack(std::string_view(data, len > 0 ? len : 0), name ? name : "pack.json");
  g_error_texts.clear();
  for (const auto& d : errors) g_error_texts.push_back(passerelle::format(d));
  return static_cast<int>(errors.size());
}

EMSCRIPTEN_KEEPALIVE int pl_error_count(void) { return static_cast<int>(g_error_texts.size()); }
EMSCRIPTEN_KEEPALIVE const char* pl_error_text(int i) {
  return i >= 0 && i < static_cast<int>(g_error_texts.size()) ? g_error_texts[i].c_str() : "";
}

// A message instead of the page; paragraphs are separated by '\n'.
EMSCRIPTEN_KEEPALIVE void pl_show_notice(const char* title, const char* text) {
  if (!g_app) return;
  std::vector<std::string> paragraphs;
  std::string cur;
  for (const char* p = text; p && *p; ++p) {
    if (*p == '\n') {
      paragraphs.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) paragraphs.push_back(cur);
  g_app->show_notice(title ? title : "", std::move(paragraphs));
}

EMSCRIPTEN_KEEPALIVE void pl_set_viewport(float css_w, float css_h, float dpr, int fb_w, int fb_h) {
  g_fb_w = fb_w > 0 ? fb_w : 1;
  g_fb_h = fb_h > 0 ? fb_h : 1;
  if (g_app) g_app->set_viewport(css_w, css_h, dpr);
}

EMSCRIPTEN_KEEPALIVE void pl_set_reduced_motion(int on) {
  if (g_app) g_app->set_reduced_motion(on != 0);
}

// kind: 0 move, 1 down, 2 up, 3 leave (mouse and pen; touch goes to pl_touch).
EMSCRIPTEN_KEEPALIVE void pl_pointer(int kind, float x, float y) {
  if (!g_app) return;
  switch (kind) {
    case 0: g_app->pointer_move(x, y); break;
    case 1: g_app->pointer_down(x, y); break;
    case 2: g_app->pointer_up(x, y); break;
    default: g_app->pointer_leave(); break;
  }
}

// kind: 0 begin, 1 move, 2 end; id: the PointerEvent's pointerId.  t in seconds
// (performance.now() / 1000).
EMSCRIPTEN_KEEPALIVE void pl_touch(int kind, int id, float x, float y, double t) {
  if (!g_app) return;
  if (kind == 0) g_app->touch_begin(id, x, y, t);
  else if (kind == 1) g_app->touch_move(id, x, y, t);
  else g_app->touch_end(id, t);
}

// Returns 1 when Passerelle used the wheel (the caller prevents the default), 0 when the
// browser should have it (Ctrl + wheel outside the map: page zoom).
EMSCRIPTEN_KEEPALIVE int pl_wheel(float dx, float dy, int ctrl, float x, float y, double t) {
  return g_app && g_app->wheel(dx, dy, ctrl != 0, x, y, t) ? 1 : 0;
}

// 0 page, 1 map figure alone, 2 consent UI alone (ui::ViewMode).  After pl_load_pack.
EMSCRIPTEN_KEEPALIVE void pl_set_view(int view) {
  if (g_app && view >= 0 && view <= 2) g_app->set_view(static_cast<passerelle::ui::ViewMode>(view));
}

EMSCRIPTEN_KEEPALIVE void pl_set_embedded(int on) {
  if (g_app) g_app->set_embedded(on != 0);
}

// CSS px the content needs at the current width (an embed's box follows it); width 0 = any.
EMSCRIPTEN_KEEPALIVE float pl_content_height(void) { return g_app ? g_app->content_height() : 0.0f; }
EMSCRIPTEN_KEEPALIVE float pl_content_width(void) { return g_app ? g_app->content_width() : 0.0f; }

// Frees ImGui and the GL objects of this instance (the widget was removed from the page);
// the JS side then loses the WebGL context.
EMSCRIPTEN_KEEPALIVE void pl_shutdown(void) {
  if (!g_app) return;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
  delete g_app;
  g_app = nullptr;
}

EMSCRIPTEN_KEEPALIVE void pl_blur(void) {
  if (g_app) g_app->blur();
}

// k: a passerelle::ScrollKey.  Returns 1 when handled (the caller prevents the default).
EMSCRIPTEN_KEEPALIVE int pl_key(int k, double t) {
  if (!g_app || k < 0 || k > static_cast<int>(passerelle::ScrollKey::end)) return 0;
  return g_app->key(static_cast<passerelle::ScrollKey>(k), t) ? 1 : 0;
}

// Called from inside the DOM click event; returns pl_action_code() (web_app.hpp).
EMSCRIPTEN_KEEPALIVE int pl_click(float x, float y, double t) {
  return g_app ? pl_action_code(g_app->click(x, y, t)) : 0;
}

EMSCRIPTEN_KEEPALIVE const char* pl_pending_url(void) { return g_pending_url.c_str(); }

// Draws one frame.  Returns 1 if another frame is wanted soon, 0 when the view is at rest.
EMSCRIPTEN_KEEPALIVE int pl_frame(double t) {
  if (!g_app) return 0;
  if (g_app->update_fonts()) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (!ImGui::GetIO().Fonts->IsBuilt()) return 0;  // fonts not given yet: nothing to draw with
  ImGui_ImplOpenGL3_NewFrame();
  const bool more = g_app->frame(t);
  glViewport(0, 0, g_fb_w, g_fb_h);
  const passerelle::Rgb bg = passerelle::ui::default_theme().background;
  if (g_transparent) glClearColor(0, 0, 0, 0);  // premultiplied: fully transparent
  else glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return more ? 1 : 0;
}

// What is drawn in the viewport now, as JSON [{text, x, y, w, h, link}] in CSS px: lets the
// browser tests check that known words are on screen (and where) before looking at pixels.
EMSCRIPTEN_KEEPALIVE const char* pl_visible_runs(void) {
  static std::string out;
  nlohmann::json arr = nlohmann::json::array();
  const passerelle::PageLayout* l = g_app ? g_app->layout() : nullptr;
  if (l) {
    const float top = g_app->scroll();
    const float bottom = top + g_app->scroller().viewport_height();
    for (const auto& r : l->runs) {
      if (r.y + r.line_height < top || r.y > bottom) continue;
      const char* link = "";
      if (r.target >= 0) {
        switch (l->targets[r.target].kind) {
          case passerelle::Target::Kind::url: link = "url"; break;
          case passerelle::Target::Kind::footnote: link = "footnote"; break;
          case passerelle::Target::Kind::footnote_back: link = "footnote_back"; break;
          case passerelle::Target::Kind::country: link = "country"; break;
          case passerelle::Target::Kind::page: link = "page"; break;
        }
      }
      arr.push_back({{"text", r.text}, {"x", r.x}, {"y", r.y - top}, {"w", r.width},
                     {"h", g_app->fonts().content_height(r.font)}, {"size", r.font.size}, {"link", link}});
    }
  }
  out = arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE float pl_scroll(void) { return g_app ? g_app->scroll() : 0.0f; }

// --- consent ------------------------------------------------------------------------------

// Starts the consent rules with what the browser knows.  Returns 1 when the pack declares
// consent (the banner may then show), 0 otherwise.
EMSCRIPTEN_KEEPALIVE int pl_consent_start(const char* cookie, double now_unix, int gpc, int storage, const char* lang) {
  if (!g_app) return 0;
  passerelle::ConsentStart s;
  s.cookie_value = cookie ? cookie : "";
  s.now = static_cast<std::int64_t>(now_unix);
  s.gpc = gpc != 0;
  s.storage_available = storage != 0;
  s.lang = lang && *lang ? lang : g_app->lang();
  g_app->set_wall_clock(s.now);
  return g_app->start_consent(s) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void pl_set_wall_clock(double now_unix) {
  if (g_app) g_app->set_wall_clock(static_cast<std::int64_t>(now_unix));
}

// 0 hidden, 1 banner, 2 panel.
EMSCRIPTEN_KEEPALIVE int pl_consent_view(void) {
  const passerelle::ConsentManager* m = g_app ? g_app->consent() : nullptr;
  return m ? static_cast<int>(m->view()) : 0;
}

EMSCRIPTEN_KEEPALIVE void pl_consent_show(void) {
  if (g_app) g_app->consent_show();
}

}  // extern "C"

namespace {

// Google Consent Mode v2 state for the current choices, or null when the pack disables it.
nlohmann::json gcm_state(const passerelle::ConsentManager& m) {
  if (!m.config().google_consent_mode) return nullptr;
  nlohmann::json g = nlohmann::json::object();
  for (const auto& p : m.config().purposes)
    for (const auto& type : p.google_consent_types) {
      const bool on = m.granted(p.id);
      if (!g.contains(type) || on) g[type] = on ? "granted" : "denied";
    }
  return g;
}

nlohmann::json record_json(const passerelle::ConsentRecord& r) {
  return nlohmann::json::parse(r.to_json(), nullptr, false);
}

std::vector<std::string> split_names(const char* csv) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = csv; p && *p; ++p) {
    if (*p == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string g_consent_json;

}  // namespace

extern "C" {

// The current state: {"view":0|1|2, "record": {…}|null, "gcm": {…}|null}.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_state(void) {
  nlohmann::json j = {{"view", 0}, {"record", nullptr}, {"gcm", nullptr}};
  if (const passerelle::ConsentManager* m = g_app ? g_app->consent() : nullptr) {
    j["view"] = static_cast<int>(m->view());
    if (m->record()) j["record"] = record_json(*m->record());
    j["gcm"] = gcm_state(*m);
  }
  g_consent_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_consent_json.c_str();
}

// Decisions made since the last call, as a JSON array of {record, cookie, maxAge, delete,
// reload, notice, gcm}.  present_cookies: the document's cookie names, comma-separated, so
// the rules can say which ones the refused services set.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_take(const char* present_cookies) {
  nlohmann::json arr = nlohmann::json::array();
  const passerelle::ConsentManager* m = g_app ? g_app->consent() : nullptr;
  if (m) {
    const auto present = split_names(present_cookies);
    const auto& texts = m->config().texts_in(g_app->lang());
    for (const auto& o : g_app->take_consent_outcomes()) {
      arr.push_back({{"record", record_json(o.record)},
                     {"cookie", o.cookie_value},
                     {"maxAge", o.max_age_seconds},
                     {"delete", m->cookies_to_delete(o.withdrawn, present)},
                     {"reload", o.reload_suggested},
                     {"notice", o.reload_suggested ? texts.withdrawn_notice : texts.saved_notice},
                     {"gcm", gcm_state(*m)}});
    }
  }
  g_consent_json = arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_consent_json.c_str();
}

// "Afficher la vidéo": grants one purpose; the outcome is queued for pl_consent_take().
EMSCRIPTEN_KEEPALIVE int pl_consent_grant(const char* purpose) {
  if (!g_app || !purpose) return 0;
  auto o = g_app->consent_grant(purpose);
  return o ? 1 : 0;
}

// The consent widget's buttons last frame, [{label, x, y, w, h}] in CSS px (for tests).
EMSCRIPTEN_KEEPALIVE const char* pl_consent_buttons(void) {
  nlohmann::json arr = nlohmann::json::array();
  if (g_app && g_app->consent())
    for (const auto& b : g_app->consent_widget().last_buttons())
      arr.push_back({{"label", b.label}, {"x", b.min.x}, {"y", b.min.y}, {"w", b.max.x - b.min.x}, {"h", b.max.y - b.min.y}});
  g_consent_json = arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_consent_json.c_str();
}

// Keys for ImGui widgets (passerelle::ui::UiKey); returns 1 when used.
EMSCRIPTEN_KEEPALIVE int pl_ui_key(int k, int down, int shift) {
  if (!g_app || k < 0 || k >= passerelle::ui::kUiKeyCount) return 0;
  return g_app->ui_key(static_cast<passerelle::ui::UiKey>(k), down != 0, shift != 0) ? 1 : 0;
}

// ImGuiMouseCursor of the last frame (the JS side maps it to a CSS cursor).
// An ImGuiMouseCursor, or App::kCursorGrab / kCursorGrabbing over the map.
EMSCRIPTEN_KEEPALIVE int pl_cursor(void) { return g_app ? g_app->cursor() : 0; }

}  // extern "C"
