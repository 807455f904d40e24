// json/positions.cpp — the position scanner (see json/positions.hpp).
//
// A small hand-written walk over JSON that is already known to be valid (Walker): it only has
// to tell strings, containers and scalars apart and decode keys (to build pointers).  An
// explicit stack of open containers replaces recursion.  The position index and the
// duplicate-key check are two visitors of the same walk.
//
// Depends on: json/positions.hpp, base/utf8.hpp, the standard library.
#include "core/json/positions.hpp"

#include <algorithm>

#include "core/base/utf8.hpp"

namespace passerelle::json {
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

namespace {

// What a Walker tells, in document order.
class WalkVisitor {
 public:
  virtual ~WalkVisitor() = default;
  // Each value; key_offset is npos outside objects, key the decoded key otherwise.
  virtual void value(const std::string& pointer, std::size_t offset, std::size_t key_offset,
                     const std::string& key) = 0;
  // A container starts (right after its value()) and ends (empty ones open and close too).
  virtual void open(bool /*is_object*/, const std::string& /*pointer*/) {}
  virtual void close() {}
};

// Walks JSON text already known to be valid, one value at a time in document order, with an
// explicit stack of open containers instead of recursion.  (A virtual visitor rather than a
// template: one walk in the wasm, whatever the visitors.)
class Walker {
 public:
  Walker(std::string_view text, WalkVisitor& visitor)
      : text_(text), visitor_(visitor), i_(text.starts_with("\xEF\xBB\xBF") ? 3 : 0) {}

  void run() {
    while (true) {
      skip_ws();
      if (i_ >= text_.size()) return;
      visitor_.value(pointer_, i_, key_at_, key_);
      key_at_ = std::string_view::npos;
      const char c = text_[i_];
      if (c == '{' || c == '[') {
        if (enter(c == '{')) continue;  // its first member is the next value
      } else if (c == '"') {
        i_ = read_string(text_, i_, nullptr);
      } else {
        skip_scalar();
      }
      if (!next_sibling()) return;  // the root value is complete
    }
  }

 private:
  struct Frame {
    bool object;
    std::size_t pointer_length;  // the container's own pointer, to cut back to
    std::size_t index;           // arrays: index of the current element
  };

  void skip_ws() {
    while (i_ < text_.size() && is_ws(text_[i_])) ++i_;
  }
  void skip_scalar() {
    while (i_ < text_.size() && !is_ws(text_[i_]) && text_[i_] != ',' && text_[i_] != ']' &&
           text_[i_] != '}')
      ++i_;
  }

  // At '{' or '[': true when the container has a first value (pointer_ now names it).
  bool enter(bool object) {
    visitor_.open(object, pointer_);
    stack_.push_back({object, pointer_.size(), 0});
    ++i_;
    skip_ws();
    if (i_ < text_.size() && text_[i_] != '}' && text_[i_] != ']') {
      if (object) read_key();
      else pointer_ += "/0";
      return true;
    }
    ++i_;  // empty container
    stack_.pop_back();
    visitor_.close();
    return false;
  }

  // Reads "key" : and leaves pointer_, key_ and key_at_ set for the member's value.
  void read_key() {
    skip_ws();
    key_.clear();
    key_at_ = i_;
    if (i_ < text_.size() && text_[i_] == '"') i_ = read_string(text_, i_, &key_);
    skip_ws();
    if (i_ < text_.size() && text_[i_] == ':') ++i_;
    pointer_.resize(stack_.back().pointer_length);
    pointer_ += '/';
    pointer_ += escape_pointer_token(key_);
  }

  // After a value: moves to the next sibling, closing containers on the way; false when
  // there is none (the root is complete, or the text ended).
  bool next_sibling() {
    while (!stack_.empty()) {
      skip_ws();
      if (i_ >= text_.size()) return false;
      Frame& f = stack_.back();
      if (text_[i_] == ',') {
        ++i_;
        if (f.object) {
          read_key();
        } else {
          pointer_.resize(f.pointer_length);
          pointer_ += '/';
          pointer_ += std::to_string(++f.index);
        }
        return true;
      }
      ++i_;  // '}' or ']'
      pointer_.resize(f.pointer_length);
      stack_.pop_back();
      visitor_.close();
    }
    return false;
  }

  std::string_view text_;
  WalkVisitor& visitor_;
  std::size_t i_;
  std::vector<Frame> stack_;
  std::string pointer_;  // pointer of the value about to be read
  std::string key_;      // decoded key of that value, when it is an object member
  std::size_t key_at_ = std::string_view::npos;
};

// Keeps the keys of the objects still open, and reports a key at its second use in its object.
class DuplicateFinder final : public WalkVisitor {
 public:
  DuplicateFinder(std::vector<DuplicateKey>& out, std::size_t max_found)
      : out_(out), max_found_(max_found) {}

  void value(const std::string&, std::size_t, std::size_t key_at, const std::string& key) override {
    if (key_at == std::string_view::npos) return;
    Container& c = open_.back();
    const bool first_use = c.keys.emplace(key, PositionIndex::Entry{}).second;
    if (!first_use && out_.size() < max_found_)
      out_.push_back({c.pointer + '/' + escape_pointer_token(key), key_at});
  }
  void open(bool object, const std::string& pointer) override {
    open_.push_back({object ? pointer : std::string(), {}});
  }
  void close() override { open_.pop_back(); }

 private:
  struct Container {
    std::string pointer;  // objects only
    // The keys seen (the index's own map type: no second hash table in the wasm).
    std::unordered_map<std::string, PositionIndex::Entry> keys;
  };
  std::vector<DuplicateKey>& out_;
  std::size_t max_found_;
  std::vector<Container> open_;
};

}  // namespace

std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, std::size_t max_found) {
  std::vector<DuplicateKey> out;
  DuplicateFinder finder(out, max_found);
  Walker(text, finder).run();
  return out;
}

PositionIndex PositionIndex::scan(std::string_view text) {
  PositionIndex index;
  index.text_ = text;
  index.line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') index.line_starts_.push_back(i + 1);
  struct Recorder final : WalkVisitor {  // a local class: it may fill the index's entries
    explicit Recorder(PositionIndex& i) : index(i) {}
    void value(const std::string& pointer, std::size_t at, std::size_t key_at,
               const std::string&) override {
      index.entries_.insert_or_assign(pointer, Entry{at, key_at});  // the last one wins
    }
    PositionIndex& index;
  } recorder(index);
  Walker(text, recorder).run();
  return index;
}

TextPosition PositionIndex::at(std::size_t offset) const {
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

TextPosition PositionIndex::value(std::string_view pointer) const {
  const auto it = entries_.find(std::string(pointer));
  return it == entries_.end() ? TextPosition{} : at(it->second.value);
}

TextPosition PositionIndex::key(std::string_view pointer) const {
  const auto it = entries_.find(std::string(pointer));
  return it == entries_.end() ? TextPosition{} : at(it->second.key);
}

TextPosition PositionIndex::inside_string(std::string_view pointer,
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

}  // namespace passerelle::json
