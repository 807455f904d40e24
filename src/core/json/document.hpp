// json/document.hpp — the ONE place where JSON text and nlohmann/json meet our diagnostics.
//
// Decision: the core never relies on exceptions (a trap for anyone used to nlohmann/json's
// defaults, and the reason this header exists).  The wasm build
// is -fno-exceptions and the core compiles nlohmann/json with JSON_NOEXCEPTION=1, where any
// throw would abort the module.  So this file:
//   1. checks the bytes before the JSON library sees them — size limit, UTF-8 (with the
//      line and column of the bad byte), nesting depth (brackets counted outside strings, so
//      "[[[[…" is refused in one linear pass before anything recurses), and, in the same
//      pass, the memory the parsed document would take (Limits::max_parsed_bytes_per_byte:
//      "[{},{},…]" would take 40 times its text);
//   2. parses with nlohmann's parser through its SAX interface, into our own read-only
//      document (json::Value, json/value.hpp): nlohmann's basic_json document is never built
//      when reading, which keeps it out of the wasm (issue 16: a third of its bytes).  The
//      handler's parse_error() records the position and message and returns false, to say
//      where and why;
//   3. offers type-checked accessors, so that callers never meet a wrong type;
//   4. writes JSON with nlohmann's dump() (json::Builder: the prerendered page's JSON-LD and
//      inline data, built natively by passerelle-pack), which replaces invalid UTF-8 instead
//      of throwing.
//
// Inside src/core, only the files of src/core/json/ include <nlohmann/json.hpp>; the other
// folders that need JSON values (the pack's and the map geometry's readers, the mirror's
// JSON-LD) include this header, and none exposes a Json in its public header.
//
// Depends on: nlohmann/json, json/value.hpp, json/limits.hpp, base/diagnostic.hpp, the
// standard library.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/diagnostic.hpp"
#include "core/json/limits.hpp"
#include "core/json/value.hpp"

namespace passerelle::json {

// What the readers read: a parsed document (json/value.hpp).
using Json = Value;
// What the writers build in code and write with dump(): nlohmann's document.
using Builder = nlohmann::json;

// Bytes → document.  On failure returns false and appends exactly one diagnostic (the first
// problem found: a syntax error after the first one is rarely meaningful).
// Uses limits.max_bytes, limits.max_depth and limits.max_parsed_bytes_per_byte.
bool load(std::string_view bytes, std::string_view file_name, const Limits& limits, Json& out,
          std::vector<Diagnostic>& errors);

// Typed views; each returns nullptr when the value is not of that type.
const Json::object_t* as_object(const Json& v);
const Json::array_t* as_array(const Json& v);
const std::string* as_string(const Json& v);
const bool* as_bool(const Json& v);
// True and sets out when v is an integer (2, or 2.0 as JSON Schema counts it) in int64 range.
bool as_integer(const Json& v, std::int64_t& out);
// True and sets out when v is a finite number (integer or not).
bool as_number(const Json& v, double& out);

// The member named key of an object, or nullptr (absent, or v is not an object).
const Json* member(const Json& v, std::string_view key);

// What a value is, for "found …" in a message: "a string \"ftp://x\"", "a number 42",
// "an object", "an array", "true", "null".  Strings are cut (quote_for_message).
std::string describe(const Json& v);

// Empties v, children first, with no allocation (json::Value's destructor recurses, bounded
// by Limits::max_depth, which json::load checked).  Kept from the nlohmann document, whose own
// destructor doubled the memory of a wide document as it freed it.
void release(Json& v);

// v as compact JSON text.  Never throws: a string that is not valid UTF-8 has its bad bytes
// replaced by U+FFFD.
std::string dump(const Builder& v);

// dump(v) made safe to write between <script> and </script> of an HTML page (JSON-LD, inline
// data): every '<', '>' and '&' becomes \u003c, \u003e, \u0026 and U+2028/U+2029 become
// \u2028/\u2029.  Outside strings, compact JSON has none of them, so the escapes land only
// inside strings, where they parse back to the same characters: JSON.parse of the result
// equals v.  With no '<' left, nothing in it can close the element ("</script"), open a
// comment that hides the close ("<!--"), or be read as markup by a careless consumer.
std::string dump_for_script(const Builder& v);

}  // namespace passerelle::json
