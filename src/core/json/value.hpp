// json/value.hpp — a parsed JSON document, read-only: what json::load() gives the readers.
//
// Why our own and not nlohmann::json's document: the readers only look values up, and
// nlohmann's basic_json (its std::map objects, its DOM parser, copies, comparisons) was about
// a third of the wasm (issue 16).  json::load() still parses with nlohmann's lexer and parser,
// through its SAX interface (json/document.cpp), so every syntax error reads as before; only
// the document it builds is this one.
//
// It behaves as nlohmann's did where a diagnostic can see it:
//   - numbers keep nlohmann's three kinds: a non-negative integer is unsigned, a negative one
//     signed, anything else (a fraction, an exponent, an integer past 64 bits) a double;
//   - an object's members are in key order (std::string's <), as in nlohmann's std::map, and
//     a repeated key keeps its last value (json::FieldReader reports the repetition).
// Sixteen bytes per value (a tag and a pointer or a scalar), strings, arrays and objects on the
// heap (json/document.cpp builds them).
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passerelle::json {

class Value {
 public:
  enum class Type : std::uint8_t {
    null, boolean, number_integer, number_unsigned, number_float, string, array, object
  };
  using array_t = std::vector<Value>;
  // Sorted by key, keys unique.
  using object_t = std::vector<std::pair<std::string, Value>>;

  Value() noexcept : type_(Type::null) { u_.integer = 0; }
  Value(std::nullptr_t) noexcept : Value() {}
  ~Value() { clear(); }
  Value(Value&& other) noexcept : type_(other.type_), u_(other.u_) { other.type_ = Type::null; }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      clear();
      type_ = other.type_;
      u_ = other.u_;
      other.type_ = Type::null;
    }
    return *this;
  }
  // A document is never copied (a copy of a 2 MB pack would be an accident).
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  static Value boolean(bool b);
  static Value integer(std::int64_t i);
  static Value unsigned_integer(std::uint64_t u);
  static Value number(double d);
  static Value string(std::string s);
  static Value array(array_t items);
  // members in any order; sorted here, the last of a repeated key kept.
  static Value object(object_t members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_number() const {
    return type_ == Type::number_integer || type_ == Type::number_unsigned ||
           type_ == Type::number_float;
  }

  // nullptr when the value is not of that type.
  const bool* if_bool() const { return type_ == Type::boolean ? &u_.boolean : nullptr; }
  const std::int64_t* if_integer() const {
    return type_ == Type::number_integer ? &u_.integer : nullptr;
  }
  const std::uint64_t* if_unsigned() const {
    return type_ == Type::number_unsigned ? &u_.unsigned_integer : nullptr;
  }
  const double* if_float() const { return type_ == Type::number_float ? &u_.floating : nullptr; }
  const std::string* if_string() const { return type_ == Type::string ? u_.string : nullptr; }
  const array_t* if_array() const { return type_ == Type::array ? u_.array : nullptr; }
  const object_t* if_object() const { return type_ == Type::object ? u_.object : nullptr; }

  // The member named key (binary search), or nullptr (absent, or not an object).
  const Value* find(std::string_view key) const;

 private:
  void clear() noexcept;

  Type type_;
  union {
    bool boolean;
    std::int64_t integer;
    std::uint64_t unsigned_integer;
    double floating;
    std::string* string;
    array_t* array;
    object_t* object;
  } u_;
};

}  // namespace passerelle::json
