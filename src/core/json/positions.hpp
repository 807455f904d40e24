// json/positions.hpp — where each value of a JSON document starts, by JSON pointer.
//
// nlohmann/json gives us values but not where they were in the file; editors need a line and
// column for every error, not only for syntax errors.  PositionIndex::scan() walks the text
// once more (iteratively: no recursion, whatever the nesting) and records, for each value in
// document order, where it starts, where its key starts (object members) and where its
// subtree ends: 12 bytes per value plus 4 per line, whatever the keys.  No pointer is stored:
// a lookup walks the pointer's tokens down from the root, comparing each object member's key
// in the text (issue 13: one pointer string per value was quadratic in key length × values).
// A lookup costs at most the members of the containers on its path, so json::FieldReader,
// which asks for at most kMaxErrors of them, stays linear in the text.
//
// find_duplicate_keys() walks the text the same way but keeps only the keys of the objects
// still open (decoded once, side by side in one buffer, sorted when the object closes): at
// most a few bytes per member beyond the key's own bytes.  Pointers it returns are cut to
// kMaxPointerBytes.
//
// The text must already be known to be valid JSON (the walk is defensive and never reads out
// of bounds, but on invalid text its answers are meaningless).  The index keeps a view of
// the text: the text must outlive it.  A text of 4 GiB or more gets an empty index (every
// position unknown).
//
// Lines and columns are 1-based; the column counts bytes (UTF-8), like compilers do.
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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

// Pointers longer than this (keys are unbounded) are cut, with "…" at the end, where they
// are kept or reported: a diagnostic names the place; it does not copy a megabyte key.
inline constexpr std::size_t kMaxPointerBytes = 1024;
// pointer, or its first kMaxPointerBytes bytes (at a UTF-8 boundary) followed by "…".
std::string cut_pointer(std::string_view pointer);

// A member whose key was already used in the same object.
struct DuplicateKey {
  std::string pointer;      // of the member, "/page/title" (cut_pointer)
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

  // The bytes the index holds (its arrays' capacity): about 12 per value and 4 per line.
  std::size_t bytes() const;

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Node {
    std::uint32_t value;  // offset of the value's first byte
    std::uint32_t key;    // offset of its key's opening quote; kNone outside objects
    std::uint32_t end;    // one past the last node of its subtree (document order)
  };
  // The node at pointer, or kNone.
  std::uint32_t find(std::string_view pointer) const;
  // The child of the container node at parent named by one raw pointer token (the last
  // member of that name, as in the JSON library), or kNone.
  std::uint32_t child(std::uint32_t parent, std::string_view token, std::string& scratch) const;

  std::string_view text_;
  std::vector<std::uint32_t> line_starts_;  // offset of each line's first byte, for at()
  std::vector<Node> nodes_;                 // every value, in document order
};

}  // namespace passerelle::json
