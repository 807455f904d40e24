// consent/config.cpp — looking things up in a pack's consent configuration: texts by
// language with fallbacks, purposes by id (see consent/consent.hpp).
//
// Fallback order for a language: the exact tag, then its primary language ("fr" for
// "fr-CA"), then "fr" (the site's own language), then the first one.  The pack validator
// makes sure the pack's language is always present, so the fallbacks only matter when the
// platform asks for a language the pack does not have.
//
// Depends on: consent/consent.hpp, the standard library.
#include "core/consent/consent.hpp"

namespace passerelle {
namespace {

// The entry of `m` for `lang` with the fallbacks above, or nullptr when m is empty.
template <typename Value>
const Value* find_language(const std::map<std::string, Value>& m, std::string_view lang) {
  if (m.empty()) return nullptr;
  if (auto it = m.find(std::string(lang)); it != m.end()) return &it->second;
  if (const std::size_t dash = lang.find('-'); dash != std::string_view::npos)
    if (auto it = m.find(std::string(lang.substr(0, dash))); it != m.end()) return &it->second;
  if (auto it = m.find("fr"); it != m.end()) return &it->second;
  return &m.begin()->second;
}

}  // namespace

const std::string& LocalizedText::in(std::string_view lang) const {
  static const std::string kEmpty;
  const std::string* s = find_language(by_lang, lang);
  return s ? *s : kEmpty;
}

const std::string& ConsentService::name_in(std::string_view lang) const {
  const std::string& s = names.in(lang);
  return s.empty() ? name : s;
}

const ConsentPurpose* ConsentConfig::purpose(std::string_view id) const {
  for (const ConsentPurpose& p : purposes)
    if (p.id == id) return &p;
  return nullptr;
}

const ConsentTexts& ConsentConfig::texts_in(std::string_view lang) const {
  static const ConsentTexts kEmpty;
  const ConsentTexts* t = find_language(texts, lang);
  return t ? *t : kEmpty;
}

}  // namespace passerelle
