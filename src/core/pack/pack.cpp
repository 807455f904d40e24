// pack/pack.cpp — reads a content pack: JSON document → typed Pack, or → Diagnostics.
//
// The reading follows the schema top-down (root, site, page, blocks, footnotes, links, then
// the "consent" and "map" sections in pack/detail/) with one PackReader that knows where it
// is (a JSON pointer), so every error carries a pointer and a line and column.  The pieces
// every part shares (reporting, shapes, plain texts) are json::FieldReader's
// (json/field_reader.hpp), with the pack's markup on top (pack/detail/reader.hpp).  Nesting
// in a pack is fixed by the format (a handful of levels), so plain function calls here
// recurse on the format, never on the input.  JSON values are read only through json/'s
// typed accessors.
//
// Rules that span several fields (footnote ids unique, every [^id] defined, every footnote
// used) are checked after the whole page is read.
//
// Depends on: pack/pack.hpp, pack/detail/reader.hpp, pack/detail/consent_section.hpp,
// pack/detail/map_section.hpp, text/markup.hpp, base/url_policy.hpp, json/document.hpp,
// json/limits.hpp, the standard library.
#include "core/pack/pack.hpp"

#include <algorithm>

#include "core/json/document.hpp"
#include "core/json/limits.hpp"
#include "core/pack/detail/consent_section.hpp"
#include "core/pack/detail/map_section.hpp"
#include "core/pack/detail/reader.hpp"
#include "core/base/url_policy.hpp"

namespace passerelle {
namespace {

using pack_detail::Json;
using pack_detail::PackFieldReader;
using pack_detail::is_language_tag;

constexpr int kSupportedFormat = 1;

// What the JSON layer checks of a pack: all of PackLimits, and line and column for every
// diagnostic whatever the size.
json::Limits to_json_limits(const PackLimits& l) {
  json::Limits j;
  j.max_bytes = l.max_bytes;
  j.max_depth = l.max_depth;
  j.max_string_bytes = l.max_string_bytes;
  j.max_items = l.max_items;
  return j;
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

// "international", "nos-actions": what a page id may be (it appears in URLs).
bool is_page_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_lower_alnum(c) || c == '-'; });
}

// What [^id] accepts (text/markup.cpp): letters, digits, '-', '_'.
bool is_footnote_id(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_'; });
}

struct FootnoteUse {
  std::string id;
  std::string pointer;      // of the string that holds the reference
  std::size_t offset = 0;   // of "[^id]" in that string
};

class PackReader : private PackFieldReader {
 public:
  using PackFieldReader::PackFieldReader;

  void read(const Json& root, Pack& pack) {
    check_duplicate_keys();
    if (!expect_object(root, "")) return;
    check_fields(root, "", {"$schema", "format", "lang", "site", "page", "consent", "map"});

    if (const Json* f = optional(root, "$schema")) expect_string(*f, "/$schema");
    if (!read_format(root, pack)) return;  // another format may mean other fields: stop here
    if (const Json* lang = required(root, "", "lang", "a language tag such as \"fr\"")) {
      std::string s;
      if (read_plain(*lang, "/lang", s)) {
        if (is_language_tag(s)) pack.lang = std::move(s);
        else report_value(ErrorCode::bad_value, "/lang", "a language tag such as \"fr\" or \"en\"",
                          quote_for_message(s));
      }
    }
    if (const Json* site = required(root, "", "site", "an object")) read_site(*site, pack.site);
    if (const Json* page = required(root, "", "page", "an object")) read_page(*page, pack.page);
    if (const Json* consent = optional(root, "consent"))
      pack.consent = pack_detail::read_consent(*this, *consent, pack.lang);
    const Json* map = optional(root, "map");
    if (map) pack.map = pack_detail::read_map(*this, *map);
    check_map_block(map != nullptr);
  }

  // A {"type": "map"} block shows the "map" section: it needs one, and shows it once.
  void check_map_block(bool has_section) {
    if (map_blocks_.size() > 1)
      report_value(ErrorCode::duplicate_id, map_blocks_[1], "one map block at most",
                   "a second map block");
    if (!map_blocks_.empty() && !has_section)
      report_value(ErrorCode::missing_field, map_blocks_[0], "a \"map\" section in the pack",
                   "a map block without one");
  }

 private:
  // A string in the inline markup (text/markup.hpp); footnote references are remembered.
  bool read_markup(const Json& v, const std::string& pointer, InlineText& out) {
    if (!read_inline(v, pointer, out)) {
      if (const std::string* s = json::as_string(v)) remember_loose_references(*s);
      return false;
    }
    const std::string& s = *json::as_string(v);
    std::size_t search_from = 0;
    for (const Span& span : out.spans) {
      if (span.kind != Span::Kind::footnote_ref) continue;
      // The span does not keep its offset: find "[^id]" again, in order (good enough for a
      // column; an escaped look-alike before it would only shift the column).
      const std::string ref = "[^" + span.text + "]";
      std::size_t at = s.find(ref, search_from);
      if (at == std::string::npos) at = 0;
      else search_from = at + ref.size();
      uses_.push_back({span.text, pointer, at});
    }
    return true;
  }

  // A text with a markup error still counts as using the footnotes it names, so that one
  // typo does not also make its footnote "unused".
  void remember_loose_references(std::string_view s) {
    for (std::size_t at = s.find("[^"); at != std::string_view::npos; at = s.find("[^", at + 2)) {
      const std::size_t end = s.find(']', at + 2);
      if (end == std::string_view::npos) break;
      loose_uses_.emplace_back(s.substr(at + 2, end - at - 2));
    }
  }

  // --- the format -----------------------------------------------------------------------
  bool read_format(const Json& root, Pack& pack) {
    const Json* f = required(root, "", "format", "the number 1");
    if (!f) return true;  // keep checking the rest as format 1
    std::int64_t n = 0;
    if (!json::as_integer(*f, n)) {
      report_value(ErrorCode::wrong_type, "/format", "the number 1", json::describe(*f));
      return true;
    }
    if (n != kSupportedFormat) {
      report_value(ErrorCode::unsupported_format, "/format",
                   "format 1 (the only one this version of Passerelle reads)",
                   json::describe(*f));
      return false;
    }
    pack.format = static_cast<int>(n);
    return true;
  }

  void read_site(const Json& v, Site& site) {
    if (!expect_object(v, "/site")) return;
    check_fields(v, "/site", {"name"});
    if (const Json* name = required(v, "/site", "name", "the site's name, e.g. \"La Cimade\""))
      read_plain(*name, "/site/name", site.name);
  }

  // --- the page -------------------------------------------------------------------------
  void read_page(const Json& v, Page& page) {
    const std::string p = "/page";
    if (!expect_object(v, p)) return;
    check_fields(v, p, {"id", "breadcrumb", "title", "lead", "body", "footnotes", "links", "translations"});

    if (const Json* id = required(v, p, "id", "a page id such as \"international\"")) {
      std::string s;
      if (read_plain(*id, "/page/id", s)) {
        if (is_page_id(s)) page.id = std::move(s);
        else report_value(ErrorCode::bad_value, "/page/id",
                          "lowercase letters, digits and '-', such as \"international\"",
                          quote_for_message(s));
      }
    }
    if (const Json* b = optional(v, "breadcrumb")) {
      if (const Json::array_t* items = read_array(*b, "/page/breadcrumb", true)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
          std::string s;
          if (read_plain((*items)[i], child("/page/breadcrumb", i), s))
            page.breadcrumb.push_back(std::move(s));
        }
      }
    }
    if (const Json* t = required(v, p, "title", "a string, the page's title"))
      read_plain(*t, "/page/title", page.title);
    if (const Json* lead = optional(v, "lead")) read_markup(*lead, "/page/lead", page.lead);
    if (const Json* body = required(v, p, "body", "an array of blocks"))
      read_body(*body, page.body);
    if (const Json* f = optional(v, "footnotes")) read_footnotes(*f, page.footnotes);
    if (const Json* l = optional(v, "links")) read_links(*l, page.links);
    if (const Json* t = optional(v, "translations")) read_translations(*t, page.translations);
    check_footnotes();
  }

  void read_body(const Json& v, std::vector<Block>& body) {
    const Json::array_t* blocks = read_array(v, "/page/body", false);
    if (!blocks) return;
    for (std::size_t i = 0; i < blocks->size(); ++i) {
      Block b;
      if (read_block((*blocks)[i], child("/page/body", i), b)) body.push_back(std::move(b));
    }
  }

  bool read_block(const Json& v, const std::string& p, Block& b) {
    if (!expect_object(v, p)) return false;
    const Json* type = required(v, p, "type", "one of: paragraph, heading, list, map");
    if (!type) return false;
    const std::string* t = expect_string(*type, p + "/type");
    if (!t) return false;
    bool ok = true;
    if (*t == "paragraph") {
      b.kind = Block::Kind::paragraph;
      check_fields(v, p, {"type", "text"});
      const Json* text = required(v, p, "text", "the paragraph's text");
      ok = text && read_markup(*text, p + "/text", b.text);
    } else if (*t == "heading") {
      b.kind = Block::Kind::heading;
      check_fields(v, p, {"type", "level", "text"});
      if (const Json* level = optional(v, "level")) ok = read_level(*level, p + "/level", b.level);
      const Json* text = required(v, p, "text", "the heading's text");
      ok = text && read_markup(*text, p + "/text", b.text) && ok;
    } else if (*t == "list") {
      b.kind = Block::Kind::list;
      check_fields(v, p, {"type", "ordered", "items"});
      if (const Json* ordered = optional(v, "ordered")) {
        if (const bool* o = json::as_bool(*ordered)) {
          b.ordered = *o;
        } else {
          report_value(ErrorCode::wrong_type, p + "/ordered", "true or false",
                       json::describe(*ordered));
          ok = false;
        }
      }
      const Json* items = required(v, p, "items", "an array of texts");
      const Json::array_t* a = items ? read_array(*items, p + "/items", false) : nullptr;
      if (!a) return false;
      for (std::size_t i = 0; i < a->size(); ++i) {
        InlineText item;
        if (read_markup((*a)[i], child(p + "/items", i), item)) b.items.push_back(std::move(item));
        else ok = false;
      }
    } else if (*t == "map") {
      b.kind = Block::Kind::map;
      check_fields(v, p, {"type"});
      map_blocks_.push_back(p);
    } else {
      report_value(ErrorCode::bad_value, p + "/type", "one of: paragraph, heading, list, map",
                   quote_for_message(*t));
      return false;
    }
    return ok;
  }

  bool read_level(const Json& v, const std::string& p, int& level) {
    std::int64_t n = 0;
    if (json::as_integer(v, n)) {
      if (n == 2 || n == 3) {
        level = static_cast<int>(n);
        return true;
      }
      report_value(ErrorCode::bad_value, p, "one of: 2, 3 (the title is the only level 1)",
                   json::describe(v));
      return false;
    }
    report_value(v.is_number() ? ErrorCode::bad_value : ErrorCode::wrong_type, p,
                 "the number 2 or 3", json::describe(v));
    return false;
  }

  void read_footnotes(const Json& v, std::vector<Footnote>& footnotes) {
    const Json::array_t* a = read_array(v, "/page/footnotes", true);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = child("/page/footnotes", i);
      const Json& item = (*a)[i];
      if (!expect_object(item, p)) continue;
      check_fields(item, p, {"id", "text"});
      Footnote f;
      bool ok = true;
      if (const Json* id = required(item, p, "id", "the id that [^id] refers to, e.g. \"1\"")) {
        ok = read_plain(*id, p + "/id", f.id);
        if (ok && !is_footnote_id(f.id)) {
          report_value(ErrorCode::bad_value, p + "/id",
                       "letters, digits, '-' or '_' (at most 32), such as \"1\"",
                       quote_for_message(f.id));
          ok = false;
        }
        if (ok) {
          for (std::size_t k = 0; k < footnote_pointers_.size(); ++k) {
            if (footnote_ids_[k] != f.id) continue;
            report_value(ErrorCode::duplicate_id, p + "/id", "an id used by no other footnote",
                         quote_for_message(f.id) + ", already the id of " + footnote_pointers_[k]);
            ok = false;
            break;
          }
        }
        if (ok) {
          footnote_ids_.push_back(f.id);
          footnote_pointers_.push_back(p);
        }
      } else {
        ok = false;
      }
      const Json* text = required(item, p, "text", "the footnote's text");
      ok = text && read_markup(*text, p + "/text", f.text) && ok;
      if (ok) footnotes.push_back(std::move(f));
    }
  }

  void read_links(const Json& v, std::vector<PageLink>& links) {
    const Json::array_t* a = read_array(v, "/page/links", true);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = child("/page/links", i);
      const Json& item = (*a)[i];
      if (!expect_object(item, p)) continue;
      check_fields(item, p, {"text", "url", "lang"});
      PageLink link;
      bool ok = true;
      if (const Json* text = required(item, p, "text", "the text shown for the link"))
        ok = read_plain(*text, p + "/text", link.text);
      else
        ok = false;
      if (const Json* url = optional(item, "url")) {
        std::string s;
        if (!read_plain(*url, p + "/url", s)) {
          ok = false;
        } else if (!is_safe_link_url(s)) {
          report_value(ErrorCode::unsafe_url, p + "/url",
                       "an absolute http:, https: or mailto: address", quote_for_message(s));
          ok = false;
        } else {
          link.url = std::move(s);
        }
      }
      if (const Json* lang = optional(item, "lang")) {
        std::string s;
        if (!read_plain(*lang, p + "/lang", s)) {
          ok = false;
        } else if (!is_language_tag(s)) {
          report_value(ErrorCode::bad_value, p + "/lang", "a language tag such as \"en\"",
                       quote_for_message(s));
          ok = false;
        } else {
          link.lang = std::move(s);
        }
      }
      if (ok) links.push_back(std::move(link));
    }
  }

  void read_translations(const Json& v, std::vector<Translation>& out) {
    const Json::array_t* a = read_array(v, "/page/translations", true);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = child("/page/translations", i);
      const Json& item = (*a)[i];
      if (!expect_object(item, p)) continue;
      check_fields(item, p, {"lang", "href"});
      Translation t;
      bool ok = true;
      if (const Json* lang = required(item, p, "lang", "a language tag such as \"en\"")) {
        if (!read_plain(*lang, p + "/lang", t.lang)) ok = false;
        else if (!is_language_tag(t.lang)) {
          report_value(ErrorCode::bad_value, p + "/lang", "a language tag such as \"en\"", quote_for_message(t.lang));
          ok = false;
        }
      } else {
        ok = false;
      }
      if (const Json* href = required(item, p, "href", "the page's relative address, such as \"index.en.html\"")) {
        if (!read_plain(*href, p + "/href", t.href)) ok = false;
        else if (!is_relative_page_href(t.href)) {
          report_value(ErrorCode::unsafe_url, p + "/href",
                       "a relative address on this site (letters, digits, '.', '-', '_', '/'; no \"..\")",
                       quote_for_message(t.href));
          ok = false;
        }
      } else {
        ok = false;
      }
      if (ok) out.push_back(std::move(t));
    }
  }

  // Every [^id] names a footnote; every footnote is referenced.
  void check_footnotes() {
    std::vector<bool> used(footnote_ids_.size(), false);
    for (const FootnoteUse& use : uses_) {
      const auto it = std::find(footnote_ids_.begin(), footnote_ids_.end(), use.id);
      if (it != footnote_ids_.end()) {
        used[static_cast<std::size_t>(it - footnote_ids_.begin())] = true;
        continue;
      }
      std::string known;
      for (std::size_t k = 0; k < footnote_ids_.size() && k < 10; ++k)
        known += (k ? ", " : "") + footnote_ids_[k];
      report(ErrorCode::unknown_footnote, use.pointer, string_position(use.pointer, use.offset),
             known.empty() ? std::string("a footnote in /page/footnotes with this id (there is none)")
                           : "the id of a footnote in /page/footnotes (" + known + ")",
             quote_for_message("[^" + use.id + "]"));
    }
    for (const std::string& id : loose_uses_) {
      const auto it = std::find(footnote_ids_.begin(), footnote_ids_.end(), id);
      if (it != footnote_ids_.end()) used[static_cast<std::size_t>(it - footnote_ids_.begin())] = true;
    }
    for (std::size_t k = 0; k < used.size(); ++k) {
      if (used[k]) continue;
      report_value(ErrorCode::unused_footnote, footnote_pointers_[k],
                   "a reference [^" + footnote_ids_[k] + "] in the lead, the body or a footnote",
                   "no reference to this footnote");
    }
  }

  std::vector<FootnoteUse> uses_;
  std::vector<std::string> loose_uses_;         // ids named in texts that failed to parse
  std::vector<std::string> map_blocks_;         // pointers of {"type": "map"} blocks
  std::vector<std::string> footnote_ids_;       // ids read so far, in order
  std::vector<std::string> footnote_pointers_;  // where each was defined
};

}  // namespace

PackResult parse_pack(std::string_view bytes, std::string_view file_name,
                      const PackLimits& limits) {
  PackResult result;
  const json::Limits json_limits = to_json_limits(limits);
  Json doc;
  if (!json::load(bytes, file_name, json_limits, doc, result.errors)) return result;

  Pack pack;
  PackReader(bytes, file_name, json_limits, result.errors).read(doc, pack);
  json::release(doc);  // without nlohmann's temporary copy of wide containers

  // Document order reads best; errors without a position (none today) go last.
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     const auto key = [](const Diagnostic& d) {
                       return std::make_pair(d.line > 0 ? d.line : INT32_MAX, d.column);
                     };
                     return key(a) < key(b);
                   });
  if (result.errors.empty()) result.pack = std::move(pack);
  return result;
}

int footnote_number(const Page& page, std::string_view id) {
  for (std::size_t i = 0; i < page.footnotes.size(); ++i)
    if (page.footnotes[i].id == id) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace passerelle
