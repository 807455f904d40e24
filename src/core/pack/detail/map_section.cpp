// pack/detail/map_section.cpp — reads and checks the pack's "map" section (see pack/detail/map_section.hpp).
//
// Rules, each with its own diagnostic:
//   - geometry: a relative resource on the pack's server (is_relative_resource);
//   - labels: every text of the map's own interface, in the pack's language;
//   - roles: 1 to kMaxRoles, ids from kRoleIds (the theme has a colour for each), each once;
//     their countries are ISO alpha-2 codes, and a country has at most one role;
//   - countries: each names a country that has a role, once; details are paragraphs of inline
//     markup without footnote references (the panel has no footnotes of its own).
//
// Depends on: pack/detail/map_section.hpp, pack/detail/reader.hpp, the standard library.
#include "core/pack/detail/map_section.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace passerelle::pack_detail {
namespace {

constexpr std::size_t kMaxRoles = 6;
constexpr std::size_t kMaxCountries = 60;
constexpr std::size_t kMaxDetails = 20;
constexpr std::string_view kRoleIds[] = {"migration", "peace", "home"};

struct LabelField {
  std::string_view name;
  std::string MapLabels::*member;
};
constexpr LabelField kLabelFields[] = {
    {"title", &MapLabels::title},       {"list", &MapLabels::list},
    {"zoom_in", &MapLabels::zoom_in},   {"zoom_out", &MapLabels::zoom_out},
    {"reset", &MapLabels::reset},       {"wheel_hint", &MapLabels::wheel_hint},
    {"touch_hint", &MapLabels::touch_hint},
    {"empty", &MapLabels::empty},       {"other", &MapLabels::other},
};

class MapReader {
 public:
  MapReader(PackFieldReader& r) : r_(r) {}

  std::optional<MapSection> read(const Json& v) {
    const std::size_t errors_before = r_.error_count();
    const std::string p = "/map";
    if (!r_.expect_object(v, p)) return std::nullopt;
    r_.check_fields(v, p, {"geometry", "aspect", "labels", "roles", "countries"});
    MapSection map;
    if (const Json* g = r_.required(v, p, "geometry", "the geometry file's relative URL")) {
      if (r_.read_plain(*g, "/map/geometry", map.geometry) && !is_relative_resource(map.geometry))
        r_.report_value(ErrorCode::bad_value, "/map/geometry",
                        "a relative URL on the same server, such as \"map-geometry.json\"",
                        quote_for_message(map.geometry));
    }
    if (const Json* a = r_.optional(v, "aspect")) read_aspect(*a, map);
    if (const Json* l = r_.required(v, p, "labels", "an object of the map's texts"))
      read_labels(*l, map.labels);
    if (const Json* roles = r_.required(v, p, "roles", "an array of roles")) read_roles(*roles, map);
    if (const Json* c = r_.optional(v, "countries")) read_countries(*c, map);
    if (r_.error_count() != errors_before) return std::nullopt;
    return map;
  }

 private:
  void read_labels(const Json& v, MapLabels& labels) {
    const std::string p = "/map/labels";
    if (!r_.expect_object(v, p)) return;
    std::vector<std::string_view> names;
    for (const LabelField& f : kLabelFields) names.push_back(f.name);
    r_.check_fields(v, p, names);
    for (const LabelField& f : kLabelFields)
      if (const Json* t = r_.required(v, p, f.name, "a text"))
        r_.read_plain(*t, json::FieldReader::child(p, f.name), labels.*f.member);
  }

  // The map's width over its height, so that its box has its final proportions before the
  // geometry arrives (MapSection::aspect): within the range the layout draws (0.5 to 3).
  void read_aspect(const Json& v, MapSection& map) {
    double d = 0;
    if (!json::as_number(v, d)) {
      r_.report_value(ErrorCode::wrong_type, "/map/aspect", "a number, such as 1.3686", json::describe(v));
    } else if (!(d >= 0.5 && d <= 3.0)) {
      r_.report_value(ErrorCode::bad_value, "/map/aspect", "a number from 0.5 to 3 (the map's width over its height)",
                      json::describe(v));
    } else {
      map.aspect = static_cast<float>(d);
    }
  }

  bool read_code(const Json& v, const std::string& pointer, std::string& out) {
    if (!r_.read_plain(v, pointer, out)) return false;
    if (is_country_code(out)) return true;
    r_.report_value(ErrorCode::bad_value, pointer,
                    "an ISO 3166-1 alpha-2 code in capitals, such as \"ML\"",
                    quote_for_message(out));
    return false;
  }

  void read_roles(const Json& v, MapSection& map) {
    const Json::array_t* a = r_.read_array(v, "/map/roles", false, kMaxRoles);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = json::FieldReader::child("/map/roles", i);
      const Json& item = (*a)[i];
      if (!r_.expect_object(item, p)) continue;
      r_.check_fields(item, p, {"id", "label", "countries"});
      MapRole role;
      if (const Json* id = r_.required(item, p, "id", "one of: migration, peace, home")) {
        if (r_.read_plain(*id, p + "/id", role.id)) {
          const bool known = std::find(std::begin(kRoleIds), std::end(kRoleIds), role.id) !=
                             std::end(kRoleIds);
          if (!known)
            r_.report_value(ErrorCode::bad_value, p + "/id", "one of: migration, peace, home",
                            quote_for_message(role.id));
          else if (std::any_of(map.roles.begin(), map.roles.end(),
                               [&](const MapRole& o) { return o.id == role.id; }))
            r_.report_value(ErrorCode::duplicate_id, p + "/id", "each role once",
                            quote_for_message(role.id) + " a second time");
        }
      }
      if (const Json* label = r_.required(item, p, "label", "the legend's text"))
        r_.read_plain(*label, p + "/label", role.label);
      if (const Json* c = r_.required(item, p, "countries", "an array of country codes")) {
        if (const Json::array_t* codes = r_.read_array(*c, p + "/countries", false, kMaxCountries)) {
          for (std::size_t k = 0; k < codes->size(); ++k) {
            const std::string cp = json::FieldReader::child(p + "/countries", k);
            std::string code;
            if (!read_code((*codes)[k], cp, code)) continue;
            if (map.role_of(code) >= 0 ||
                std::find(role.countries.begin(), role.countries.end(), code) != role.countries.end())
              r_.report_value(ErrorCode::duplicate_id, cp, "each country in one role only",
                              quote_for_message(code) + " a second time");
            else role.countries.push_back(std::move(code));
          }
        }
      }
      map.roles.push_back(std::move(role));
    }
  }

  void read_countries(const Json& v, MapSection& map) {
    const Json::array_t* a = r_.read_array(v, "/map/countries", true, kMaxCountries);
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const std::string p = json::FieldReader::child("/map/countries", i);
      const Json& item = (*a)[i];
      if (!r_.expect_object(item, p)) continue;
      r_.check_fields(item, p, {"id", "name", "details"});
      MapCountryText c;
      if (const Json* id = r_.required(item, p, "id", "an ISO 3166-1 alpha-2 code")) {
        if (read_code(*id, p + "/id", c.id)) {
          if (map.role_of(c.id) < 0)
            r_.report_value(ErrorCode::bad_value, p + "/id", "a country listed in one of the roles",
                            quote_for_message(c.id) + ", which has no role");
          else if (map.country(c.id))
            r_.report_value(ErrorCode::duplicate_id, p + "/id", "each country once",
                            quote_for_message(c.id) + " a second time");
        }
      }
      if (const Json* name = r_.required(item, p, "name", "the country's name"))
        r_.read_plain(*name, p + "/name", c.name);
      if (const Json* d = r_.optional(item, "details")) {
        if (const Json::array_t* paras = r_.read_array(*d, p + "/details", true, kMaxDetails)) {
          for (std::size_t k = 0; k < paras->size(); ++k) {
            const std::string dp = json::FieldReader::child(p + "/details", k);
            InlineText text;
            if (!r_.read_inline((*paras)[k], dp, text)) continue;
            const bool has_note = std::any_of(text.spans.begin(), text.spans.end(), [](const Span& s) {
              return s.kind == Span::Kind::footnote_ref;
            });
            if (has_note)
              r_.report_value(ErrorCode::bad_value, dp, "text without footnote references",
                              "a reference [^…] (the details panel has no footnotes)");
            else c.details.push_back(std::move(text));
          }
        }
      }
      map.countries.push_back(std::move(c));
    }
  }

  PackFieldReader& r_;
};

}  // namespace

bool is_country_code(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool is_relative_resource(std::string_view s) {
  if (s.empty() || s.size() > 256 || s.front() == '/' || s.front() == '.') return false;
  if (s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == '/';
  });
}

std::optional<MapSection> read_map(PackFieldReader& r, const Json& v) { return MapReader(r).read(v); }

}  // namespace passerelle::pack_detail

namespace passerelle {

const MapCountryText* MapSection::country(std::string_view iso) const {
  for (const MapCountryText& c : countries)
    if (c.id == iso) return &c;
  return nullptr;
}

int MapSection::role_of(std::string_view iso) const {
  for (std::size_t i = 0; i < roles.size(); ++i)
    if (std::find(roles[i].countries.begin(), roles[i].countries.end(), iso) != roles[i].countries.end())
      return static_cast<int>(i);
  return -1;
}

}  // namespace passerelle
