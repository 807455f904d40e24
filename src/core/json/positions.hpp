// json/positions.hpp — where each value of a JSON document starts, by JSON pointer.
//
// nlohmann/json gives us values but not where they were in the file; editors need a line and
// column for every error, not only for syntax errors.  JsonPositions::scan() walks the text
// once more (iteratively: no recursion, whatever the nesting) and records, for each value,
// the position of its first byte and, for object members, the position of the key.
//
// The text must already be known to be valid JSON (the scanner is defensive and never reads
// out of bounds, but on invalid text its answers are meaningless).  The scanner keeps a view
// of the text: the text must outlive it.  Each recorded pointer is as long as its value is
// deep, so bound the nesting first (json_access does, with PackLimits::max_depth).
//
// Lines and columns are 1-based; the column counts bytes (UTF-8), like compilers do.
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace passerelle {

struct TextPosition {
  int line = 0;             // 0: unknown
  int column = 0;
  std::size_t offset = 0;   // byte offset in the text
  bool known() const { return line > 0; }
};

// Line and column of a byte offset (an offset at or past the end gives the end position).
TextPosition position_of_offset(std::string_view text, std::size_t offset);

// "a/b~c" → "a~1b~0c" (RFC 6901), to build pointers from object keys.
std::string escape_pointer_token(std::string_view key);

class JsonPositions {
 public:
  static JsonPositions scan(std::string_view text);

  // Start of the value at pointer ("" is the root); unknown position if there is none.
  TextPosition value(std::string_view pointer) const;
  // Start of the key (its opening quote) of the object member at pointer; unknown for the
  // root and for array elements.
  TextPosition key(std::string_view pointer) const;
  // Position of a byte of a string value: decoded_offset counts bytes of the decoded string
  // (after "\n", "\u00e9"… are replaced by what they stand for).  Falls back to the string's
  // start when the value is not a string.
  TextPosition inside_string(std::string_view pointer, std::size_t decoded_offset) const;

  // Pointers of members whose key was already used in the same object (the JSON library
  // keeps only the last one, so an editor would silently lose the first).
  struct Duplicate {
    std::string pointer;
    TextPosition key;
  };
  const std::vector<Duplicate>& duplicate_keys() const { return duplicates_; }

 private:
  struct Entry {
    std::size_t value = 0;
    std::size_t key = std::string_view::npos;
  };
  TextPosition at(std::size_t offset) const;

  std::string_view text_;
  std::vector<std::size_t> line_starts_;  // offset of each line's first byte, for at()
  std::unordered_map<std::string, Entry> entries_;
  std::vector<Duplicate> duplicates_;
};

}  // namespace passerelle
