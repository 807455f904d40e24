// pack/detail/reader.hpp — the pack's layer over json::FieldReader: what only a content pack
// reads, inline markup (text/markup.hpp) and language tags.
//
// pack/pack.cpp reads the root, the site and the page with a PackFieldReader;
// pack/detail/consent_section.cpp and pack/detail/map_section.cpp read the "consent" and
// "map" sections with it.  Private to the pack reader: it exposes json::Json values, so only
// the files of src/core/pack/ include it.
//
// Depends on: json/field_reader.hpp (json::Json), text/markup.hpp, the standard library.
#pragma once
#include <string>
#include <string_view>

#include "core/json/field_reader.hpp"
#include "core/text/markup.hpp"

namespace passerelle::pack_detail {

using json::Json;

// "fr", "en", "fr-CA", "zh-Hant": a simplified BCP 47 check (language, then subtags).
bool is_language_tag(std::string_view s);

class PackFieldReader : public json::FieldReader {
 public:
  using json::FieldReader::FieldReader;

  // A plain text (read_plain) in the inline markup (text/markup.hpp): *em*, **strong**,
  // [text](url), [^id].  Markup errors are reported inside the string, at their column.
  bool read_inline(const Json& v, const std::string& pointer, InlineText& out);
};

}  // namespace passerelle::pack_detail
