// json/positions.cpp — the position scanner (see json/positions.hpp).
//
// A small hand-written walk over JSON that is already known to be valid (Walker): it only has
// to tell strings, containers and scalars apart and decode keys (to build pointers).  An
// explicit stack of open containers replaces recursion.  The position index and the
// duplicate-key check are two visitors of the same walk.  Neither keeps a string per value:
// the index keeps three offsets per value, the duplicate check the decoded keys of the
// objects still open (issue 13).
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

// Whether a raw pointer token ("a~1b", RFC 6901) names the decoded key "a/b": the same answer
// as escape_pointer_token(key) == token, without building the escaped key.
bool token_names(std::string_view token, std::string_view key) {
  std::size_t k = 0;
  for (std::size_t i = 0; i < token.size(); ++i, ++k) {
    char c = token[i];
    if (c == '~') {
      if (i + 1 >= token.size()) return false;
      const char e = token[++i];
      if (e != '0' && e != '1') return false;
      c = e == '0' ? '~' : '/';
    }
    if (k >= key.size() || key[k] != c) return false;
  }
  return k == key.size();
}

// An array index token as the walk writes them (std::to_string: no sign, no leading zero).
bool parse_index(std::string_view token, std::size_t& out) {
  if (token.empty() || token.size() > 10 || (token.size() > 1 && token[0] == '0')) return false;
  out = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
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

std::string cut_pointer(std::string_view pointer) {
  if (pointer.size() <= kMaxPointerBytes) return std::string(pointer);
  std::size_t n = kMaxPointerBytes;
  while (n > 0 && (static_cast<unsigned char>(pointer[n]) & 0xC0) == 0x80) --n;
  return std::string(pointer.substr(0, n)) + "\u2026";
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
  // A container starts (right after its value()) and ends (empty ones open and close too);
  // pointer is the container's own.
  virtual void open(bool /*is_object*/) {}
  virtual void close(const std::string& /*pointer*/) {}
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
    visitor_.open(object);
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
    visitor_.close(pointer_);
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
      visitor_.close(pointer_);
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

// Keeps the decoded keys of the objects still open, side by side in one buffer; when an
// object closes, sorts its members by key and reports every use of a key after its first.
// Memory: the keys' bytes plus 12 bytes per member of the open objects; time: n log n per
// object.  Keeps the max_found first duplicates in document order (a heap by offset).
class DuplicateFinder final : public WalkVisitor {
 public:
  DuplicateFinder(std::vector<DuplicateKey>& out, std::size_t max_found)
      : out_(out), max_found_(max_found) {}

  void value(const std::string&, std::size_t, std::size_t key_at, const std::string& key) override {
    if (key_at == std::string_view::npos) return;
    members_.push_back({static_cast<std::uint32_t>(keys_.size()),
                        static_cast<std::uint32_t>(key.size()), static_cast<std::uint32_t>(key_at)});
    keys_ += key;
  }
  void open(bool object) override { open_.push_back({object, members_.size(), keys_.size()}); }
  void close(const std::string& pointer) override {
    const Open o = open_.back();
    open_.pop_back();
    if (o.object) report(o.first_member, pointer);
    members_.resize(o.first_member);
    keys_.resize(o.first_key_byte);
  }
  // The duplicates found, in document order.
  void finish() {
    std::sort_heap(out_.begin(), out_.end(), by_offset);
  }

 private:
  struct Member {
    std::uint32_t key_at;      // in keys_
    std::uint32_t key_size;
    std::uint32_t key_offset;  // in the text
  };
  struct Open {
    bool object;
    std::size_t first_member;    // in members_
    std::size_t first_key_byte;  // in keys_
  };
  static bool by_offset(const DuplicateKey& a, const DuplicateKey& b) {
    return a.key_offset < b.key_offset;
  }
  std::string_view key(const Member& m) const {
    return std::string_view(keys_).substr(m.key_at, m.key_size);
  }

  void report(std::size_t first, const std::string& pointer) {
    const auto begin = members_.begin() + static_cast<std::ptrdiff_t>(first);
    if (members_.end() - begin < 2) return;
    std::sort(begin, members_.end(), [&](const Member& a, const Member& b) {
      const int c = key(a).compare(key(b));
      return c != 0 ? c < 0 : a.key_offset < b.key_offset;
    });
    for (auto it = begin + 1; it != members_.end(); ++it)
      if (key(*it) == key(*(it - 1))) add(it->key_offset, pointer, key(*it));
  }

  void add(std::size_t key_offset, const std::string& parent, std::string_view name) {
    if (max_found_ == 0) return;
    const bool full = out_.size() >= max_found_;
    if (full && key_offset > out_.front().key_offset) return;  // later than all kept
    // The member's pointer, built from at most what cut_pointer keeps.
    std::string p(std::string_view(parent).substr(0, kMaxPointerBytes + 1));
    if (p.size() <= kMaxPointerBytes) {
      p += '/';
      p += escape_pointer_token(name.substr(0, kMaxPointerBytes + 1));
    }
    if (full) {
      std::pop_heap(out_.begin(), out_.end(), by_offset);
      out_.pop_back();
    }
    out_.push_back({cut_pointer(p), key_offset});
    std::push_heap(out_.begin(), out_.end(), by_offset);
  }

  std::vector<DuplicateKey>& out_;  // a max-heap by offset until finish()
  std::size_t max_found_;
  std::vector<Open> open_;
  std::vector<Member> members_;  // of the open objects, innermost last
  std::string keys_;             // their decoded keys, one after the other
};

}  // namespace

std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, std::size_t max_found) {
  std::vector<DuplicateKey> out;
  if (text.size() >= UINT32_MAX) return out;
  DuplicateFinder finder(out, max_found);
  Walker(text, finder).run();
  finder.finish();
  return out;
}

PositionIndex PositionIndex::scan(std::string_view text) {
  PositionIndex index;
  index.text_ = text;
  if (text.size() >= kNone) return index;
  // Sized exactly once, by a first walk that only counts: an estimate from a simpler lexer
  // disagrees with the walk on broken text ("\u" without hex digits, a quote inside a bare
  // word), and a vector that outgrows its reserve doubles (the fuzzer found 24 B per byte).
  struct Counter final : WalkVisitor {
    void value(const std::string&, std::size_t, std::size_t, const std::string&) override { ++n; }
    std::size_t n = 0;
  } counter;
  Walker(text, counter).run();
  index.nodes_.reserve(counter.n);
  index.line_starts_.reserve(1 + static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  index.line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') index.line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  struct Recorder final : WalkVisitor {  // a local class: it may fill the index's nodes
    explicit Recorder(std::vector<Node>& n) : nodes(n) {}
    void value(const std::string&, std::size_t at, std::size_t key_at,
               const std::string&) override {
      nodes.push_back({static_cast<std::uint32_t>(at),
                       key_at == std::string_view::npos ? kNone : static_cast<std::uint32_t>(key_at),
                       static_cast<std::uint32_t>(nodes.size() + 1)});
    }
    void open(bool) override { open_nodes.push_back(nodes.size() - 1); }
    void close(const std::string&) override {
      nodes[open_nodes.back()].end = static_cast<std::uint32_t>(nodes.size());
      open_nodes.pop_back();
    }
    std::vector<Node>& nodes;
    std::vector<std::size_t> open_nodes;
  } recorder(index.nodes_);
  Walker(text, recorder).run();
  return index;
}

std::size_t PositionIndex::bytes() const {
  return nodes_.capacity() * sizeof(Node) + line_starts_.capacity() * sizeof(std::uint32_t);
}

TextPosition PositionIndex::at(std::size_t offset) const {
  if (offset == std::string_view::npos || line_starts_.empty()) return {};
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  TextPosition p;
  p.offset = offset;
  p.line = static_cast<int>(line_index) + 1;
  p.column = static_cast<int>(offset - line_starts_[line_index]) + 1;
  return p;
}

std::uint32_t PositionIndex::find(std::string_view pointer) const {
  if (nodes_.empty()) return kNone;
  std::uint32_t node = 0;
  std::string scratch;
  while (!pointer.empty() && node != kNone) {
    if (pointer[0] != '/') return kNone;
    pointer.remove_prefix(1);
    const std::size_t slash = std::min(pointer.find('/'), pointer.size());
    node = child(node, pointer.substr(0, slash), scratch);
    pointer.remove_prefix(slash);
  }
  return node;
}

std::uint32_t PositionIndex::child(std::uint32_t parent, std::string_view token,
                                   std::string& scratch) const {
  const Node& p = nodes_[parent];
  const char open = p.value < text_.size() ? text_[p.value] : '\0';
  std::size_t index = 0;
  if (open == '[' && !parse_index(token, index)) return kNone;
  if (open != '[' && open != '{') return kNone;
  // A key's first byte, when it is no escape, must be the token's first character.
  const char first = token.empty()              ? '"'
                     : token.starts_with("~0") ? '~'
                     : token.starts_with("~1") ? '/'
                                               : token[0];
  std::uint32_t found = kNone;
  std::size_t i = 0;
  for (std::uint32_t c = parent + 1; c < p.end; c = nodes_[c].end, ++i) {
    if (open == '[') {
      if (i == index) return c;
      continue;
    }
    const std::size_t k = nodes_[c].key;
    if (k + 1 >= text_.size() || (text_[k + 1] != '\\' && text_[k + 1] != first)) continue;
    scratch.clear();
    read_string(text_, k, &scratch);
    if (token_names(token, scratch)) found = c;  // the last one wins
  }
  return found;
}

TextPosition PositionIndex::value(std::string_view pointer) const {
  const std::uint32_t n = find(pointer);
  return n == kNone ? TextPosition{} : at(nodes_[n].value);
}

TextPosition PositionIndex::key(std::string_view pointer) const {
  const std::uint32_t n = find(pointer);
  if (n == kNone || nodes_[n].key == kNone) return {};
  return at(nodes_[n].key);
}

TextPosition PositionIndex::inside_string(std::string_view pointer,
                                          std::size_t decoded_offset) const {
  const std::uint32_t n = find(pointer);
  if (n == kNone) return {};
  const std::size_t start = nodes_[n].value;
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
