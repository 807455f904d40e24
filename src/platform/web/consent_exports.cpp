// consent_exports.cpp — the consent rules' side of the JS boundary: started with what the
// browser knows, and their state and decisions handed to web/consent-gate.js as JSON (the
// gate writes the cookie, runs or blocks scripts and frames, signals Google Consent Mode).
//
// Strings returned point to static storage valid until the next call of a function here.
//
// Depends on: web_app.hpp (the App), pl_abi.hpp, core/consent, nlohmann/json, Emscripten.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/consent/proof.hpp"
#include "platform/web/pl_abi.hpp"
#include "platform/web/web_app.hpp"

namespace abi = passerelle::web::abi;

namespace {

std::string g_consent_json;

const char* keep(const nlohmann::json& j) {
  g_consent_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_consent_json.c_str();
}

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
  nlohmann::json j = {{"view", abi::code(abi::ConsentView::hidden)}, {"record", nullptr}, {"gcm", nullptr}};
  if (const passerelle::ConsentManager* m = pl_app() ? pl_app()->consent() : nullptr) {
    j["view"] = static_cast<int>(m->view());
    if (m->record()) j["record"] = record_json(*m->record());
    j["gcm"] = gcm_state(*m);
  }
  return keep(j);
}

// Decisions made since the last call, as a JSON array of {record, cookie, maxAge, delete,
// reload, notice, gcm, action, replaces, choices, texts}: the last four are what a proof of
// consent needs (choices in the pack's order, which the record's JSON object does not keep) (web/consent-gate.js sends it to data-consent-log; texts are the canonical bytes of
// what the banner showed, which the gate hashes).  present_cookies: the document's cookie names, comma-separated, so
// the rules can say which ones the refused services set.
EMSCRIPTEN_KEEPALIVE const char* pl_consent_take(const char* present_cookies) {
  nlohmann::json arr = nlohmann::json::array();
  passerelle::ui::App* app = pl_app();
  if (const passerelle::ConsentManager* m = app ? app->consent() : nullptr) {
    const auto present = split_names(present_cookies);
    const auto& texts = m->config().texts_in(app->lang());
    for (const auto& o : app->take_consent_outcomes()) {
      arr.push_back({{"record", record_json(o.record)},
                     {"cookie", o.cookie_value},
                     {"maxAge", o.max_age_seconds},
                     {"delete", m->cookies_to_delete(o.withdrawn, present)},
                     {"reload", o.reload_suggested},
                     {"notice", o.reload_suggested ? texts.withdrawn_notice : texts.saved_notice},
                     {"gcm", gcm_state(*m)},
                     {"action", passerelle::consent_action_name(o.action)},
                     {"replaces", o.replaces},
                     {"choices", passerelle::consent_choices_text(o.record.choices)},
                     {"texts", passerelle::consent_texts_canonical(m->config(), o.record.lang)}});
    }
  }
  return keep(arr);
}

// "Afficher la vidéo": grants one purpose; the outcome is queued for pl_consent_take().
// Returns an abi::Flag: on when the purpose was granted.
EMSCRIPTEN_KEEPALIVE int pl_consent_grant(const char* purpose) {
  if (!pl_app() || !purpose) return abi::flag(false);
  return abi::flag(pl_app()->consent_grant(purpose).has_value());
}

}  // extern "C"
