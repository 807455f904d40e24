// json/field_reader.hpp — reading a parsed JSON document field by field: every problem a
// Diagnostic at a JSON pointer, with its line and column.
//
// The one field reader of the core.  The content pack reads its document with it (through
// pack/detail/reader.hpp, which adds the pack's inline markup and language tags on top), and
// so does the map geometry (map/geometry.cpp).  It offers:
//   - reporting at a pointer: at the value, at a member's key, or at a byte inside a string;
//   - shapes: objects, strings, booleans, arrays (item limit, empty or not), required and
//     optional fields, unknown fields, repeated keys;
//   - plain texts: within Limits::max_string_bytes, no control characters, not blank.
//
// Positions are lazy.  A valid document is never scanned for them: the index of where each
// value starts (json/positions.hpp, 12 bytes per value) is built when the first
// diagnostic is reported, and only for a document of at most Limits::max_located_bytes
// (beyond, diagnostics carry the pointer alone).  At most kMaxErrors diagnostics are kept.
//
// Depends on: json/document.hpp (nlohmann/json), json/limits.hpp, json/positions.hpp,
// base/diagnostic.hpp, the standard library.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/json/document.hpp"
#include "core/json/limits.hpp"
#include "core/json/positions.hpp"

namespace passerelle::json {

// At most this many diagnostics per document: enough to fix a file; bounds the output of
// garbage.
inline constexpr std::size_t kMaxErrors = 100;

// "a, b, c"
std::string join(std::initializer_list<std::string_view> words);
std::string join(const std::vector<std::string_view>& words);

class FieldReader {
 public:
  // text: the bytes the values come from (json::load), which must outlive the reader; file
  // only labels the diagnostics, appended to errors.
  FieldReader(std::string_view text, std::string_view file, const Limits& limits,
              std::vector<Diagnostic>& errors)
      : text_(text), file_(file), limits_(limits), errors_(errors) {}

  // --- reporting ------------------------------------------------------------------------
  void report(ErrorCode code, const std::string& pointer, TextPosition at, std::string expected,
              std::string found);
  // At the position of the value at pointer.
  void report_value(ErrorCode code, const std::string& pointer, std::string expected,
                    std::string found);
  // At the position of the key of the member at pointer (the value's when unknown).
  void report_key(ErrorCode code, const std::string& pointer, std::string expected,
                  std::string found);

  // Where things are (unknown positions past Limits::max_located_bytes); the first call
  // builds the position index.
  TextPosition value_position(std::string_view pointer) const;
  TextPosition key_position(std::string_view pointer) const;
  // A byte of a string value, counted in the decoded string (json/positions.hpp).
  TextPosition string_position(std::string_view pointer, std::size_t decoded_offset) const;

  static std::string child(const std::string& pointer, std::string_view key) {
    return json::child(pointer, key);
  }
  static std::string child(const std::string& pointer, std::size_t index) {
    return json::child(pointer, index);
  }

  // --- shapes ---------------------------------------------------------------------------
  // Each reports (wrong_type, at the value) and returns nullptr or false on the wrong type.
  const Json::object_t* expect_object(const Json& v, const std::string& pointer);
  const std::string* expect_string(const Json& v, const std::string& pointer);
  bool read_bool(const Json& v, const std::string& pointer, bool& out);

  // Reports every member whose name is not in allowed, at the member's key.
  void check_fields(const Json& object, const std::string& pointer,
                    std::initializer_list<std::string_view> allowed);
  void check_fields(const Json& object, const std::string& pointer,
                    const std::vector<std::string_view>& allowed);
  // Reports every member whose key its object already used (duplicate_id, at the key): the
  // JSON library keeps only the last one, so an editor would silently lose the first.  Walks
  // the whole text once.
  void check_duplicate_keys();

  const Json* optional(const Json& object, std::string_view key) {
    return member(object, key);
  }
  // A missing field is reported at its would-be pointer and at the position of its object.
  const Json* required(const Json& object, const std::string& pointer, std::string_view key,
                       const std::string& what);

  // An array of at most min(max_items, Limits::max_items) items, and at least one unless
  // allow_empty; nullptr (and a diagnostic) otherwise.
  const Json::array_t* read_array(const Json& v, const std::string& pointer, bool allow_empty,
                                  std::size_t max_items = SIZE_MAX);

  // A string within Limits::max_string_bytes, without control characters, and not blank:
  // not only spaces, the no-break and other Unicode spaces included (is_blank_text).
  bool read_plain(const Json& v, const std::string& pointer, std::string& out);

  const Limits& limits() const { return limits_; }
  std::size_t error_count() const { return errors_.size(); }
  // kMaxErrors reached: further reports are dropped, so callers may stop reading.
  bool saturated() const { return errors_.size() >= kMaxErrors; }
  // Whether the position index was built (something was reported); for the tests.
  bool has_positions() const { return positions_.has_value(); }

 private:
  void check_fields(const Json& object, const std::string& pointer,
                    const std::string_view* begin, const std::string_view* end);
  const PositionIndex* positions() const;

  std::string_view text_;
  std::string_view file_;
  Limits limits_;
  std::vector<Diagnostic>& errors_;
  mutable std::optional<PositionIndex> positions_;  // built by the first positions()
};

}  // namespace passerelle::json
