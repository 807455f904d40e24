// pack/detail/reader.hpp — what every part of the pack reader shares: reporting a Diagnostic at a
// JSON pointer (with its line and column), checking shapes (objects, strings, arrays, known
// fields, required fields) and reading plain texts within the limits.
//
// pack/pack.cpp reads the root, the site and the page with it; pack/detail/consent_section.cpp reads the
// "consent" section.  Private to the pack reader: it exposes nlohmann/json types, so only the
// core's pack_*.cpp files include it.
//
// Depends on: json/document.hpp (nlohmann/json), json/positions.hpp, base/diagnostic.hpp, pack/pack.hpp
// (PackLimits), base/utf8.hpp, the standard library.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/json/document.hpp"
#include "core/json/positions.hpp"
#include "core/text/markup.hpp"
#include "core/pack/pack.hpp"

namespace passerelle::pack_detail {

using json_access::Json;

// At most this many diagnostics per document: enough to fix a file; bounds the output of
// garbage.
inline constexpr std::size_t kMaxErrors = 100;

// "fr", "en", "fr-CA", "zh-Hant": a simplified BCP 47 check (language, then subtags).
bool is_language_tag(std::string_view s);

// Blank: nothing but spaces, including the no-break and other Unicode spaces (the same set
// as JSON Schema's "\\S" pattern, so pack.schema.json agrees with this parser).
bool is_blank(std::string_view s);

// "a, b, c"
std::string join(std::initializer_list<std::string_view> words);
std::string join(const std::vector<std::string_view>& words);

class FieldReader {
 public:
  FieldReader(std::string_view file, const PackLimits& limits, const JsonPositions& positions,
              std::vector<Diagnostic>& errors)
      : file_(file), limits_(limits), pos_(positions), errors_(errors) {}

  // --- reporting ------------------------------------------------------------------------
  void report(ErrorCode code, const std::string& pointer, TextPosition at, std::string expected,
              std::string found);
  // At the position of the value at pointer.
  void report_value(ErrorCode code, const std::string& pointer, std::string expected,
                    std::string found);
  // At the position of the key of the member at pointer (the value's when unknown).
  void report_key(ErrorCode code, const std::string& pointer, std::string expected,
                  std::string found);

  static std::string child(const std::string& pointer, std::string_view key) {
    return pointer + "/" + escape_pointer_token(key);
  }
  static std::string child(const std::string& pointer, std::size_t index) {
    return pointer + "/" + std::to_string(index);
  }

  // --- shapes ---------------------------------------------------------------------------
  bool expect_object(const Json& v, const std::string& pointer);
  const std::string* expect_string(const Json& v, const std::string& pointer);
  // true or false; reports and returns false otherwise.
  bool read_bool(const Json& v, const std::string& pointer, bool& out);

  // Reports every member whose name is not in allowed, at the member's key.
  void check_fields(const Json& object, const std::string& pointer,
                    std::initializer_list<std::string_view> allowed);
  void check_fields(const Json& object, const std::string& pointer,
                    const std::vector<std::string_view>& allowed);

  const Json* optional(const Json& object, std::string_view key) {
    return json_access::member(object, key);
  }
  // A missing field is reported at its would-be pointer and at the position of its object.
  const Json* required(const Json& object, const std::string& pointer, std::string_view key,
                       const std::string& what);

  // A string within the size limit, without control characters, and not blank.
  bool read_plain(const Json& v, const std::string& pointer, std::string& out);

  // A string in the inline markup (text/markup.hpp): *em*, **strong**, [text](url), [^id].
  // Markup errors are reported inside the string, at their column.
  bool read_inline(const Json& v, const std::string& pointer, InlineText& out);

  // An array within the item limit (or max_items, when smaller); nullptr (and a diagnostic)
  // otherwise.
  const Json::array_t* read_array(const Json& v, const std::string& pointer, bool allow_empty,
                                  std::size_t max_items = SIZE_MAX);

  const PackLimits& limits() const { return limits_; }
  std::size_t error_count() const { return errors_.size(); }
  const JsonPositions& positions() const { return pos_; }

 protected:
  std::string_view file_;
  const PackLimits& limits_;
  const JsonPositions& pos_;
  std::vector<Diagnostic>& errors_;

 private:
  void check_fields(const Json& object, const std::string& pointer,
                    const std::string_view* begin, const std::string_view* end);
};

}  // namespace passerelle::pack_detail
