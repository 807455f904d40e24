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
  // position index costs 12 bytes per JSON value (json/positions.hpp).
  std::size_t max_located_bytes = SIZE_MAX;
  // What the parsed document may take in memory, per byte of text (json::load estimates it
  // from the bytes before parsing: json/document.cpp, prescan()).  12 leaves room for the
  // position index (12 bytes per value) under 20× the text whatever its shape; real packs
  // need 2 to 4, the map geometry about 9.
  std::size_t max_parsed_bytes_per_byte = 12;
};

// Added to that budget, so that tiny documents ("[]", "[{}]") are never refused.
inline constexpr std::size_t kParsedBytesSlack = 64 * 1024;

}  // namespace passerelle::json
