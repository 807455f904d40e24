// pack/detail/map_section.hpp — reading the pack's "map" section into a MapSection.
//
// Private to the pack reader (pack/pack.cpp calls it with its PackFieldReader).  The section is
// documented field by field in content/pack.schema.json ("$defs/map").
//
// Depends on: pack/detail/reader.hpp (json::Json), pack/pack.hpp.
#pragma once
#include <optional>

#include "core/pack/pack.hpp"
#include "core/pack/detail/reader.hpp"

namespace passerelle::pack_detail {

// Reads the value at /map.  Every problem is reported through r; the section is returned only
// when it has none.
std::optional<MapSection> read_map(PackFieldReader& r, const Json& v);

// "ML", "PS": two upper-case ASCII letters (ISO 3166-1 alpha-2, as the geometry file uses).
bool is_country_code(std::string_view s);

// "map-geometry.json", "geo/west.json": a relative URL on the pack's own server — no scheme,
// no leading '/', no "..", no query or fragment — so a pack cannot make the page fetch from
// anywhere else.
bool is_relative_resource(std::string_view s);

}  // namespace passerelle::pack_detail
