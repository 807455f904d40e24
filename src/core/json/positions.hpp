// json/positions.hpp — where each value of a JSON document starts, by JSON pointer.
//
// nlohmann/json gives us values but not where they were in the file; editors need a line and
// column for every error, not only for syntax errors.  PositionIndex::scan() walks the text
// once more (iteratively: no recursion, whatever the nesting) and records, for each value,
// the position of its first byte and, for object members, the position of the key.  The
// index costs about 100 bytes per value, so json::FieldReader builds it only once it has
// something to report.
//
// find_duplicate_keys() walks the text the same way but keeps only the keys of the objects
// still open: what a valid document costs to check that no object names a field twice (the
// JSON library silently keeps the last one).
//
// The text must already be known to be valid JSON (the walk is defensive and never reads out
// of bounds, but on invalid text its answers are meaningless).  The index keeps a view of
// the text: the text must outlive it.  Each recorded pointer is as long as its value is
// deep, so bound the nesting first (json::load does, with Limits::max_depth).
//
// Lines and columns are 1-based; the column counts bytes (UTF-8), like compilers do.
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace passerelle::json {

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

// The pointer of a member or of an element: child("/page", "title") is "/page/title",
// child("/page/body", 2) is "/page/body/2".
inline std::string child(const std::string& pointer, std::string_view key) {
  return pointer + "/" + escape_pointer_token(key);
}
inline std::string child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

// A member whose key was already used in the same object.
struct DuplicateKey {
  std::string pointer;      // of the member, "/page/title"
  std::size_t key_offset;   // of its key's opening quote
};

// Every repeated member of every object (each use of a key after its first in its object), in
// document order; at most max_found of them.
std::vector<DuplicateKey> find_duplicate_keys(std::string_view text,
                                              std::size_t max_found = SIZE_MAX);

class PositionIndex {
 public:
  static PositionIndex scan(std::string_view text);

  // Start of the value at pointer ("" is the root); unknown position if there is none.  When
  // a key is repeated, the last member wins, as in the JSON library.
  TextPosition value(std::string_view pointer) const;
  // Start of the key (its opening quote) of the object member at pointer; unknown for the
  // root and for array elements.
  TextPosition key(std::string_view pointer) const;
  // Position of a byte of a string value: decoded_offset counts bytes of the decoded string
  // (after "\n", "\u00e9"… are replaced by what they stand for).  Falls back to the string's
  // start when the value is not a string.
  TextPosition inside_string(std::string_view pointer, std::size_t decoded_offset) const;
  // Line and column of a byte offset of the text (unknown for npos).
  TextPosition at(std::size_t offset) const;

  // Where a value and its key start (byte offsets).
  struct Entry {
    std::size_t value = 0;
    std::size_t key = std::string_view::npos;
  };

 private:

  std::string_view text_;
  std::vector<std::size_t> line_starts_;  // offset of each line's first byte, for at()
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace passerelle::json
