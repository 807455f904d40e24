// json/positions.cpp — the position scanner (see json/positions.hpp).
//
// A small hand-written walk over JSON that is already known to be valid: it only has to tell
// strings, containers and scalars apart, decode keys (to build pointers) and count lines.
// An explicit stack of open containers replaces recursion.
//
// Depends on: json/positions.hpp, base/utf8.hpp, the standard library.
#include "core/json/positions.hpp"

#include <algorithm>

#include "core/base/utf8.hpp"

namespace passerelle {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads 4 hex digits at s[i]; -1 when they are not there.
long hex4(std::string_view s, std::size_t i) {
  if (s.size() < 4 || i > s.size() - 4) return -1;
  long v = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const int h = hex_value(s[i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// Decodes one character of a JSON string body at s[i] (i is past the opening quote).
// Appends it to out when out is given; returns the offset after it.  Never reads past the end.
std::size_t decode_string_char(std::string_view s, std::size_t i, std::string* out) {
  if (s[i] != '\\') {
    if (out) *out += s[i];
    return i + 1;
  }
  if (i + 1 >= s.size()) return i + 1;
  const char e = s[i + 1];
  if (e != 'u') {
    if (out) {
      switch (e) {
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        default: *out += e; break;  // \" \\ \/
      }
    }
    return i + 2;
  }
  long cp = hex4(s, i + 2);
  std::size_t next = i + 6;
  if (cp >= 0xD800 && cp <= 0xDBFF && next + 1 < s.size() && s[next] == '\\' &&
      s[next + 1] == 'u') {
    const long lo = hex4(s, next + 2);
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      next += 6;
    }
  }
  if (out) append_utf8(*out, cp < 0 ? U'\uFFFD' : static_cast<char32_t>(cp));
  return std::min(next, s.size());
}

// From the opening quote at s[i]: the offset after the closing quote; decoded into out.
std::size_t read_string(std::string_view s, std::size_t i, std::string* out) {
  ++i;
  while (i < s.size() && s[i] != '"') i = decode_string_char(s, i, out);
  return std::min(i + 1, s.size());
}

}  // namespace

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition p;
  p.offset = offset;
  p.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = static_cast<int>(offset - line_start) + 1;
  return p;
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

JsonPositions JsonPositions::scan(std::string_view text) {
  JsonPositions jp;
  jp.text_ = text;
  jp.line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') jp.line_starts_.push_back(i + 1);

  struct Frame {
    bool object;
    std::size_t pointer_length;  // the container's own pointer, to cut back to
    std::size_t index;           // arrays: index of the current element
  };
  std::vector<Frame> stack;
  std::string pointer;  // pointer of the value about to be read
  std::string key;
  const std::size_t n = text.size();
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a BOM, as the JSON parser allows
  std::size_t key_at = std::string_view::npos;

  auto skip_ws = [&] {
    while (i < n && is_ws(text[i])) ++i;
  };
  // Reads "key" : and leaves pointer and key_at set for the member's value.
  auto read_key = [&](const Frame& f) {
    skip_ws();
    key.clear();
    key_at = i;
    if (i < n && text[i] == '"') i = read_string(text, i, &key);
    skip_ws();
    if (i < n && text[i] == ':') ++i;
    pointer.resize(f.pointer_length);
    pointer += '/';
    pointer += escape_pointer_token(key);
  };

  while (true) {
    // --- one value starts here ---
    skip_ws();
    if (i >= n) break;
    const Entry entry{i, key_at};
    const auto [it, inserted] = jp.entries_.emplace(pointer, entry);
    if (!inserted) {
      jp.duplicates_.push_back({pointer, jp.at(key_at)});
      it->second = entry;  // the JSON library keeps the last one; so do we
    }
    key_at = std::string_view::npos;
    const char c = text[i];
    bool descended = false;
    if (c == '{' || c == '[') {
      stack.push_back({c == '{', pointer.size(), 0});
      ++i;
      skip_ws();
      if (i < n && text[i] != '}' && text[i] != ']') {
        if (stack.back().object) {
          read_key(stack.back());
        } else {
          pointer += "/0";
        }
        descended = true;
      } else {
        ++i;  // empty container
        stack.pop_back();
      }
    } else if (c == '"') {
      i = read_string(text, i, nullptr);
    } else {
      while (i < n && !is_ws(text[i]) && text[i] != ',' && text[i] != ']' && text[i] != '}') ++i;
    }
    if (descended) continue;

    // --- after a value: next sibling, or close containers ---
    bool next_value = false;
    while (!stack.empty() && !next_value) {
      skip_ws();
      if (i >= n) return jp;
      Frame& f = stack.back();
      if (text[i] == ',') {
        ++i;
        if (f.object) {
          read_key(f);
        } else {
          ++f.index;
          pointer.resize(f.pointer_length);
          pointer += '/';
          pointer += std::to_string(f.index);
        }
        next_value = true;
      } else {
        ++i;  // '}' or ']'
        pointer.resize(f.pointer_length);
        stack.pop_back();
      }
    }
    if (!next_value) break;  // the root value is complete
  }
  return jp;
}

TextPosition JsonPositions::at(std::size_t offset) const {
  if (offset == std::string_view::npos) return {};
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  TextPosition p;
  p.offset = offset;
  p.line = static_cast<int>(line_index) + 1;
  p.column = static_cast<int>(offset - line_starts_[line_index]) + 1;
  return p;
}

TextPosition JsonPositions::value(std::string_view pointer) const {
  const auto it = entries_.find(std::string(pointer));
  return it == entries_.end() ? TextPosition{} : at(it->second.value);
}

TextPosition JsonPositions::key(std::string_view pointer) const {
  const auto it = entries_.find(std::string(pointer));
  return it == entries_.end() ? TextPosition{} : at(it->second.key);
}

TextPosition JsonPositions::inside_string(std::string_view pointer,
                                          std::size_t decoded_offset) const {
  const auto it = entries_.find(std::string(pointer));
  if (it == entries_.end()) return {};
  const std::size_t start = it->second.value;
  if (start >= text_.size() || text_[start] != '"') return at(start);
  // Walk the raw string, decoding, until decoded_offset bytes have been produced.  JSON
  // strings hold no raw line breaks, so the line stays the string's line.
  std::size_t raw = start + 1, decoded = 0;
  std::string one;
  while (raw < text_.size() && text_[raw] != '"' && decoded < decoded_offset) {
    one.clear();
    raw = decode_string_char(text_, raw, &one);
    decoded += one.size();
  }
  return at(raw);
}

}  // namespace passerelle
