// consent_exports.cpp — the consent rules' side of the JS boundary: started with what the
// browser knows, and their state and decisions handed to web/consent-gate.js as JSON (the
// gate writes the cookie, runs or blocks scripts and frames, signals Google Consent Mode).
//
// Strings returned point to static storage valid until the next call of a function here.
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, json_out.hpp, core/consent, Emscripten.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/consent/proof.hpp"
#include "platform/web/json_out.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace {

using passerelle::web::JsonOut;

std::string g_consent_json;

const char* keep(const JsonOut& j) {
  g_consent_json = j.text();
  return g_consent_json.c_str();
}

// Google Consent Mode v2 state for the current choices, or null when the pack disables it: a
// type several purposes name is granted when one of them is.
void gcm_state(JsonOut& j, const passerelle::ConsentManager& m) {
  if (!m.config().google_consent_mode) return j.null();
  std::vector<std::pair<std::string, bool>> types;
  for (const auto& p : m.config().purposes)
    for (const auto& type : p.google_consent_types) {
      const bool on = m.granted(p.id);
      auto it = types.begin();
      while (it != types.end() && it->first != type) ++it;
      if (it == types.end())
        types.emplace_back(type, on);
      else
        it->second = it->second || on;
    }
  j.begin_object();
  for (const auto& [type, on] : types) {
    j.key(type);
    j.string(on ? "granted" : "denied");
  }
  j.end_object();
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

}  // namespace

extern "C" {

// Starts the consent rules with what the browser knows; gpc and storage are abi::Flag.
// Returns an abi::Flag: on when the pack declares consent (the banner may then show).
EMSCRIPTEN_KEEPALIVE int pl_consent_start(const char* cookie, double now_unix, int gpc, int storage, const char* lang) {
  passerelle::ui::App* app = pl_app();
  if (!app) return abi::flag(false);
  passerelle::ConsentStart s;
  s.cookie_value = cookie ? cookie : "";
  s.now = static_cast<std::int64_t>(now_unix);
  s.gpc = abi::is_on(gpc);
  s.storage_available = abi::is_on(storage);
  s.lang = lang && *lang ? lang : app->lang();
  app->set_wall_clock(s.now);
  return abi::flag(app->start_consent(s));
}

// The time consent records are dated with (Unix seconds), given before each frame.
EMSCRIPTEN_KEEPALIVE void pl_set_wall_clock(double now_unix) {
  if (pl_app()) pl_app()->set_wall_clock(static_cast<std::int64_t>(now_unix));
}

// An abi::ConsentView.
EMSCRIPTEN_KEEPALIVE int pl_consent_view(void) {
  const passerelle::ConsentManager* m = pl_app() ? pl_app()->consent() : nullptr;
  return m ? static_cast<int>(m->view()) : abi::code(abi::ConsentView::hidden);
}

// "Gérer mes cookies" from the page's JS (Passerelle.consent.show()).
EMSCRIPTEN_KEEPALIVE void pl_consent_show(void) {
  if (pl_app()) pl_app()->consent_show();
}

// The current state: {"view": an abi::ConsentView, "record": {…}|null, "gcm": {…}|null}.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_state(void) {
  JsonOut j;
  j.begin_object();
  const passerelle::ConsentManager* m = pl_app() ? pl_app()->consent() : nullptr;
  j.key("view");
  j.integer(m ? static_cast<int>(m->view()) : abi::code(abi::ConsentView::hidden));
  j.key("record");
  if (m && m->record())
    j.raw(m->record()->to_json());
  else
    j.null();
  j.key("gcm");
  if (m)
    gcm_state(j, *m);
  else
    j.null();
  j.end_object();
  return keep(j);
}

// Decisions made since the last call, as a JSON array of {record, cookie, maxAge, delete,
// reload, notice, gcm, action, replaces, choices, texts}: the last four are what a proof of
// consent needs (choices in the pack's order, which the record's JSON object does not keep) (web/consent-gate.js sends it to data-consent-log; texts are the canonical bytes of
// what the banner showed, which the gate hashes).  present_cookies: the document's cookie names, comma-separated, so
// the rules can say which ones the refused services set.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_take(const char* present_cookies) {
  JsonOut j;
  j.begin_array();
  passerelle::ui::App* app = pl_app();
  if (const passerelle::ConsentManager* m = app ? app->consent() : nullptr) {
    const auto present = split_names(present_cookies);
    const auto& texts = m->config().texts_in(app->lang());
    for (const auto& o : app->take_consent_outcomes()) {
      j.begin_object();
      j.key("record");
      j.raw(o.record.to_json());
      j.key("cookie");
      j.string(o.cookie_value);
      j.key("maxAge");
      j.integer(o.max_age_seconds);
      j.key("delete");
      j.strings(m->cookies_to_delete(o.withdrawn, present));
      j.key("reload");
      j.boolean(o.reload_suggested);
      j.key("notice");
      j.string(o.reload_suggested ? texts.withdrawn_notice : texts.saved_notice);
      j.key("gcm");
      gcm_state(j, *m);
      j.key("action");
      j.string(passerelle::consent_action_name(o.action));
      j.key("replaces");
      j.string(o.replaces);
      j.key("choices");
      j.string(passerelle::consent_choices_text(o.record.choices));
      j.key("texts");
      j.string(passerelle::consent_texts_canonical(m->config(), o.record.lang));
      j.end_object();
    }
  }
  j.end_array();
  return keep(j);
}

// "Afficher la vidéo": grants one purpose; the outcome is queued for pl_consent_take().
// Returns an abi::Flag: on when the purpose was granted.
EMSCRIPTEN_KEEPALIVE int pl_consent_grant(const char* purpose) {
  if (!pl_app() || !purpose) return abi::flag(false);
  return abi::flag(pl_app()->consent_grant(purpose).has_value());
}

}  // extern "C"
