// mirror/consent_kit.cpp — the consent embed's kit (see mirror/consent_kit.hpp).
//
// Depends on: mirror/consent_kit.hpp, mirror/mirror.hpp, mirror/html.hpp, consent/proof.hpp,
// design/stylesheet.hpp, json/document.hpp.
#include "core/mirror/consent_kit.hpp"

#include "core/consent/proof.hpp"
#include "core/design/stylesheet.hpp"
#include "core/json/document.hpp"
#include "core/mirror/html.hpp"
#include "core/mirror/mirror.hpp"

namespace passerelle {
namespace {

json::Builder purposes_of(const ConsentConfig& c) {
  json::Builder list = json::Builder::array();
  for (const ConsentPurpose& p : c.purposes) {
    json::Builder gcm = json::Builder::array();
    for (const std::string& t : p.google_consent_types) gcm.push_back(t);
    list.push_back({{"id", p.id}, {"required", p.required}, {"gcm", std::move(gcm)}});
  }
  return list;
}

// What a first choice needs (the record, its cookie, the proof, the notice): the embed's kit and
// the page's data block share it, so the two cannot drift.
json::Builder choice_fields(const ConsentConfig& c, const std::string& lang) {
  return {{"lang", lang},
          {"version", c.policy_version},
          {"maxAge", consent_max_age_seconds(c)},
          {"purposes", purposes_of(c)},
          {"gcm", c.google_consent_mode},
          {"texts", consent_texts_canonical(c, lang)},
          {"notice", c.texts_in(lang).saved_notice}};
}

}  // namespace

ConsentKitResult consent_kit(const Pack& pack, std::string_view rules) {
  ConsentKitResult r;
  if (!pack.consent) {
    r.error = "the pack has no consent section: there is no banner to prerender";
    return r;
  }
  const ConsentConfig& c = *pack.consent;
  ConsentMirrorState hidden;
  hidden.view = ConsentView::hidden;
  json::Builder kit = choice_fields(c, pack.lang);
  kit["banner"] = render_html(mirror_consent(c, pack.lang, ConsentMirrorState{}));
  kit["manage"] = render_html(mirror_consent(c, pack.lang, hidden));
  kit["css"] = design::shadow_stylesheet(rules);
  r.json = json::dump(kit);
  return r;
}

std::string consent_choice_data(const Pack& pack) {
  if (!pack.consent) return "";
  json::Builder data = choice_fields(*pack.consent, pack.lang);
  std::string out = "<script type=\"application/json\" id=\"passerelle-consent-kit\">" +
                    json::dump_for_script(data) + "</script>\n";
  return out;
}

}  // namespace passerelle
