// json/limits.hpp — how much of a JSON document the core agrees to read.
//
// The JSON layer's own bounds, whatever the format: json::load() checks the bytes and the
// nesting before anything is parsed; json::FieldReader checks texts and arrays as they are
// read.  Each format sets its own: the content pack converts its PackLimits (pack/pack.hpp),
// the map geometry builds one from its MapGeometryLimits (map/geometry.cpp).
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <cstdint>

namespace passerelle::json {

struct Limits {
  std::size_t max_bytes = 2 * 1024 * 1024;   // the whole document
  int max_depth = 32;                        // nesting of arrays and objects
  std::size_t max_string_bytes = 16 * 1024;  // one text read with FieldReader::read_plain
  std::size_t max_items = SIZE_MAX;          // one array, unless the reader asks for fewer
  // Diagnostics of a larger document carry the JSON pointer only (line and column 0): the
  // position index costs about 100 bytes per JSON value (json/positions.hpp).
  std::size_t max_located_bytes = SIZE_MAX;
};

}  // namespace passerelle::json
