// json/field_reader.cpp — the field reader (see json/field_reader.hpp).
//
// Depends on: json/field_reader.hpp, json/positions.hpp, base/utf8.hpp (is_blank_text), the
// standard library.
#include "core/json/field_reader.hpp"

#include <algorithm>

#include "core/base/utf8.hpp"

namespace passerelle::json {

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
  if (saturated()) return;
  // A pointer holds keys, which may be as long as the file: name the place, do not copy it.
  errors_.push_back(Diagnostic{code, std::string(file_), at.line, at.column, cut_pointer(pointer),
                               std::move(expected), std::move(found)});
}

void FieldReader::report_value(ErrorCode code, const std::string& pointer, std::string expected,
                               std::string found) {
  if (saturated()) return;  // before the position: it may cost a scan
  report(code, pointer, value_position(pointer), std::move(expected), std::move(found));
}

void FieldReader::report_key(ErrorCode code, const std::string& pointer, std::string expected,
                             std::string found) {
  if (saturated()) return;
  TextPosition at = key_position(pointer);
  if (!at.known()) at = value_position(pointer);
  report(code, pointer, at, std::move(expected), std::move(found));
}

const PositionIndex* FieldReader::positions() const {
  if (!positions_ && text_.size() <= limits_.max_located_bytes)
    positions_ = PositionIndex::scan(text_);
  return positions_ ? &*positions_ : nullptr;
}

TextPosition FieldReader::value_position(std::string_view pointer) const {
  const PositionIndex* p = positions();
  return p ? p->value(pointer) : TextPosition{};
}

TextPosition FieldReader::key_position(std::string_view pointer) const {
  const PositionIndex* p = positions();
  return p ? p->key(pointer) : TextPosition{};
}

TextPosition FieldReader::string_position(std::string_view pointer,
                                          std::size_t decoded_offset) const {
  const PositionIndex* p = positions();
  return p ? p->inside_string(pointer, decoded_offset) : TextPosition{};
}

// --- shapes -----------------------------------------------------------------------------
const Json::object_t* FieldReader::expect_object(const Json& v, const std::string& pointer) {
  const Json::object_t* o = as_object(v);
  if (!o) report_value(ErrorCode::wrong_type, pointer, "an object", describe(v));
  return o;
}

const std::string* FieldReader::expect_string(const Json& v, const std::string& pointer) {
  const std::string* s = as_string(v);
  if (!s) report_value(ErrorCode::wrong_type, pointer, "a string", describe(v));
  return s;
}

bool FieldReader::read_bool(const Json& v, const std::string& pointer, bool& out) {
  if (const bool* b = as_bool(v)) {
    out = *b;
    return true;
  }
  report_value(ErrorCode::wrong_type, pointer, "true or false", describe(v));
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
  const Json::object_t* o = as_object(object);
  if (!o) return;
  for (const auto& [name, value] : *o) {
    if (std::find(begin, end, name) != end) continue;
    report_key(ErrorCode::unknown_field, child(pointer, name),
               "one of the fields: " + join(std::vector<std::string_view>(begin, end)),
               quote_for_message(name));
  }
}

void FieldReader::check_duplicate_keys() {
  for (const DuplicateKey& d : find_duplicate_keys(text_, kMaxErrors)) {
    const PositionIndex* p = positions();
    report(ErrorCode::duplicate_id, d.pointer, p ? p->at(d.key_offset) : TextPosition{},
           "each field once in an object",
           "this field a second time (only the last one would count)");
  }
}

const Json* FieldReader::required(const Json& object, const std::string& pointer,
                                  std::string_view key, const std::string& what) {
  const Json* v = member(object, key);
  if (!v && !saturated())
    report(ErrorCode::missing_field, child(pointer, key), value_position(pointer),
           "a field \"" + std::string(key) + "\" (" + what + ")",
           pointer.empty() ? "no such field in the document" : "no such field in " + pointer);
  return v;
}

const Json::array_t* FieldReader::read_array(const Json& v, const std::string& pointer,
                                             bool allow_empty, std::size_t max_items) {
  const Json::array_t* a = as_array(v);
  if (!a) {
    report_value(ErrorCode::wrong_type, pointer, "an array", describe(v));
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

// --- texts ------------------------------------------------------------------------------
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
      if (!saturated())
        report(ErrorCode::bad_value, pointer, string_position(pointer, i),
               "text without control characters (no tabs or line breaks)", found);
      return false;
    }
  }
  if (is_blank_text(*s)) {
    report_value(ErrorCode::empty_value, pointer, "a non-empty text", describe(v));
    return false;
  }
  out = *s;
  return true;
}

}  // namespace passerelle::json
