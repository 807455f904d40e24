// pack/detail/reader.cpp — the shared pieces of the pack reader (see pack/detail/reader.hpp).
//
// Depends on: pack/detail/reader.hpp, base/utf8.hpp, the standard library.
#include "core/pack/detail/reader.hpp"

#include <algorithm>
#include <cstdint>

#include "core/base/utf8.hpp"

namespace passerelle::pack_detail {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool is_language_tag(std::string_view s) {
  if (s.size() > 35) return false;
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < s.size() && is_alnum(s[i])) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = decode_utf8(s, i);
    const bool space = cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
                       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
                       cp == 0x3000 || cp == 0xFEFF || (cp >= 0x09 && cp <= 0x0D);
    if (!space) return false;
  }
  return true;
}

std::string join(std::initializer_list<std::string_view> words) {
  return join(std::vector<std::string_view>(words));
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

// --- reporting --------------------------------------------------------------------------
void FieldReader::report(ErrorCode code, const std::string& pointer, TextPosition at,
                         std::string expected, std::string found) {
  if (errors_.size() >= kMaxErrors) return;
  errors_.push_back(Diagnostic{code, std::string(file_), at.line, at.column, pointer, std::move(expected),
                               std::move(found)});
}

void FieldReader::report_value(ErrorCode code, const std::string& pointer, std::string expected,
                               std::string found) {
  report(code, pointer, pos_.value(pointer), std::move(expected), std::move(found));
}

void FieldReader::report_key(ErrorCode code, const std::string& pointer, std::string expected,
                             std::string found) {
  TextPosition at = pos_.key(pointer);
  if (!at.known()) at = pos_.value(pointer);
  report(code, pointer, at, std::move(expected), std::move(found));
}

// --- shapes -----------------------------------------------------------------------------
bool FieldReader::expect_object(const Json& v, const std::string& pointer) {
  if (json_access::as_object(v)) return true;
  report_value(ErrorCode::wrong_type, pointer, "an object", json_access::describe(v));
  return false;
}

const std::string* FieldReader::expect_string(const Json& v, const std::string& pointer) {
  const std::string* s = json_access::as_string(v);
  if (!s) report_value(ErrorCode::wrong_type, pointer, "a string", json_access::describe(v));
  return s;
}

bool FieldReader::read_bool(const Json& v, const std::string& pointer, bool& out) {
  if (const bool* b = json_access::as_bool(v)) {
    out = *b;
    return true;
  }
  report_value(ErrorCode::wrong_type, pointer, "true or false", json_access::describe(v));
  return false;
}

void FieldReader::check_fields(const Json& object, const std::string& pointer,
                               std::initializer_list<std::string_view> allowed) {
  check_fields(object, pointer, allowed.begin(), allowed.end());
}

void FieldReader::check_fields(const Json& object, const std::string& pointer,
                               const std::vector<std::string_view>& allowed) {
  check_fields(object, pointer, allowed.data(), allowed.data() + allowed.size());
}

void FieldReader::check_fields(const Json& object, const std::string& pointer,
                               const std::string_view* begin, const std::string_view* end) {
  const Json::object_t* o = json_access::as_object(object);
  if (!o) return;
  for (const auto& [name, value] : *o) {
    if (std::find(begin, end, name) != end) continue;
    report_key(ErrorCode::unknown_field, child(pointer, name),
               "one of the fields: " + join(std::vector<std::string_view>(begin, end)),
               quote_for_message(name));
  }
}

const Json* FieldReader::required(const Json& object, const std::string& pointer,
                                  std::string_view key, const std::string& what) {
  const Json* v = json_access::member(object, key);
  if (!v)
    report(ErrorCode::missing_field, child(pointer, key), pos_.value(pointer),
           "a field \"" + std::string(key) + "\" (" + what + ")",
           pointer.empty() ? "no such field in the document" : "no such field in " + pointer);
  return v;
}

// --- strings ----------------------------------------------------------------------------
bool FieldReader::read_plain(const Json& v, const std::string& pointer, std::string& out) {
  const std::string* s = expect_string(v, pointer);
  if (!s) return false;
  if (s->size() > limits_.max_string_bytes) {
    report_value(ErrorCode::string_too_long, pointer,
                 "at most " + std::to_string(limits_.max_string_bytes) + " bytes of text",
                 "a text of " + std::to_string(s->size()) + " bytes");
    return false;
  }
  for (std::size_t i = 0; i < s->size(); ++i) {
    const auto c = static_cast<unsigned char>((*s)[i]);
    if (c < 0x20 || c == 0x7F) {
      static const char* const kHex = "0123456789ABCDEF";
      std::string found = "the control character U+00";
      found += kHex[c >> 4];
      found += kHex[c & 0xF];
      report(ErrorCode::bad_value, pointer, pos_.inside_string(pointer, i),
             "text without control characters (no tabs or line breaks)", found);
      return false;
    }
  }
  if (is_blank(*s)) {
    report_value(ErrorCode::empty_value, pointer, "a non-empty text", json_access::describe(v));
    return false;
  }
  out = *s;
  return true;
}

bool FieldReader::read_inline(const Json& v, const std::string& pointer, InlineText& out) {
  std::string s;
  if (!read_plain(v, pointer, s)) return false;
  std::vector<MarkupError> problems;
  if (parse_inline(s, out, problems)) return true;
  for (MarkupError& e : problems)
    report(e.code, pointer, pos_.inside_string(pointer, e.offset), std::move(e.expected),
           std::move(e.found));
  return false;
}

const Json::array_t* FieldReader::read_array(const Json& v, const std::string& pointer,
                                             bool allow_empty, std::size_t max_items) {
  const Json::array_t* a = json_access::as_array(v);
  if (!a) {
    report_value(ErrorCode::wrong_type, pointer, "an array", json_access::describe(v));
    return nullptr;
  }
  const std::size_t limit = std::min(max_items, limits_.max_items);
  if (a->size() > limit) {
    report_value(ErrorCode::too_many_items, pointer, "at most " + std::to_string(limit) + " items",
                 std::to_string(a->size()) + " items");
    return nullptr;
  }
  if (a->empty() && !allow_empty) {
    report_value(ErrorCode::empty_value, pointer, "at least one item", "an empty array");
    return nullptr;
  }
  return a;
}

}  // namespace passerelle::pack_detail
