// pack/visible_text.cpp — collecting a pack's visible text (see pack/visible_text.hpp).
//
// Depends on: pack/visible_text.hpp (pack/pack.hpp, consent/consent.hpp).
#include "core/pack/visible_text.hpp"

namespace passerelle {

std::string visible_text(const Pack& pack) {
  const Page& p = pack.page;
  std::string s = pack.site.name;
  for (const std::string& c : p.breadcrumb) s += c;
  s += p.title;
  s += p.lead.plain();
  for (const Block& b : p.body) {
    s += b.text.plain();
    for (const InlineText& item : b.items) s += item.plain();
  }
  for (const Footnote& f : p.footnotes) s += f.text.plain();
  for (const PageLink& l : p.links) s += l.text;
  for (const Translation& t : p.translations) s += language_autonym(t.lang);
  if (pack.consent) {
    const ConsentConfig& c = *pack.consent;
    for (const auto& [lang, t] : c.texts)
      for (const std::string* field :
           {&t.title, &t.body, &t.accept_all, &t.refuse_all, &t.customise, &t.continue_without,
            &t.save, &t.manage, &t.panel_title, &t.always_on, &t.services_label, &t.cookies_label,
            &t.policy_link, &t.gpc_notice, &t.no_storage_notice, &t.withdrawn_notice,
            &t.saved_notice})
        s += *field;
    for (const ConsentPurpose& purpose : c.purposes) {
      for (const auto& [lang, text] : purpose.name.by_lang) s += text;
      for (const auto& [lang, text] : purpose.description.by_lang) s += text;
      for (const ConsentService& service : purpose.services) {
        s += service.name;
        for (const auto& [lang, text] : service.names.by_lang) s += text;
        for (const std::string& cookie : service.cookies) s += cookie;
      }
    }
  }
  if (pack.map) {
    const MapSection& m = *pack.map;
    const MapLabels& l = m.labels;
    for (const std::string* t : {&l.title, &l.list, &l.zoom_in, &l.zoom_out, &l.reset, &l.wheel_hint,
                                 &l.touch_hint, &l.empty, &l.other})
      s += *t;
    for (const MapRole& r : m.roles) s += r.label;
    for (const MapCountryText& c : m.countries) {
      s += c.name;
      for (const InlineText& d : c.details) s += d.plain();
    }
  }
  return s;
}

std::string language_autonym(std::string_view tag) {
  const std::string_view primary = tag.substr(0, tag.find('-'));
  if (primary == "fr") return "Français";
  if (primary == "en") return "English";
  if (primary == "es") return "Español";
  if (primary == "de") return "Deutsch";
  return std::string(tag);
}

}  // namespace passerelle
