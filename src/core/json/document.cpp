// json/document.cpp — pre-checks, non-throwing parse into json::Value, syntax-error
// positions, typed access (see json/document.hpp for the decision this file implements).
//
// Depends on: json/document.hpp, json/value.hpp, json/positions.hpp (line/column of an
// offset), base/utf8.hpp, nlohmann/json (its lexer and parser, its float formatting), the
// standard library.
#include "core/json/document.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/json/positions.hpp"
#include "core/base/utf8.hpp"

namespace passerelle::json {
namespace {

Diagnostic at_offset(ErrorCode code, std::string_view bytes, std::string_view file,
                     std::size_t offset, std::string expected, std::string found) {
  const TextPosition p = position_of_offset(bytes, offset);
  Diagnostic d;
  d.code = code;
  d.file = std::string(file);
  d.line = p.line;
  d.column = p.column;
  d.expected = std::move(expected);
  d.found = std::move(found);
  return d;
}

// What one linear pass over the bytes says before the JSON library sees them: where the
// nesting first goes past max_depth, and about how many bytes the parsed document would hold.
// Works on any bytes, valid JSON or not; brackets inside strings do not count.
struct Prescan {
  std::size_t too_deep_at = std::string_view::npos;  // the '[' or '{' of level max_depth + 1
  std::size_t parsed_bytes = 0;                      // estimate_parsed_bytes()
};

// nlohmann/json's document, on a 64-bit libstdc++, with the allocator's rounding (measured by
// bench/native/json_bench): an object 64 bytes and an array 32 (plus its first slot), an
// element slot 24 (16, and the vector's spare capacity), a member's map node 48 more than its
// key string, a string 48 plus its bytes when they do not fit in the string itself.  Counted
// from the bytes: '{', '[', ',', ':' and strings outside strings.  An over-estimate for
// objects (their commas count as slots), never an under-estimate of the common shapes.
// json::Value (issue 16) takes less (a member 48 bytes with its key, no map node), so this
// estimate is now generous; it is kept as it was so that the same documents are refused.
Prescan prescan(std::string_view s, int max_depth) {
  Prescan r;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      const std::size_t start = i;
      for (++i; i < s.size() && s[i] != '"'; ++i)
        if (s[i] == '\\') ++i;  // skip the escaped character, which may be a quote
      const std::size_t length = i - start - 1;
      r.parsed_bytes += 48 + (length > 15 ? length : 0);
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        r.too_deep_at = i;
        return r;
      }
      r.parsed_bytes += c == '{' ? 64 : 32 + 24;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',') {
      r.parsed_bytes += 24;
    } else if (c == ':') {
      r.parsed_bytes += 48;
    }
  }
  return r;
}

// Builds the document from nlohmann's parser events, and records the first syntax error
// instead of throwing it.  nlohmann's own DOM handler does the same job into basic_json; this
// one keeps basic_json's code out of the wasm.  Containers under construction wait on a stack
// (their items in a vector each, moved into the parent when they close), like nlohmann's.
class BuildSax final : public nlohmann::json_sax<Builder> {
 public:
  bool failed = false;
  std::size_t position = 0;  // nlohmann: number of bytes read, the bad one included
  std::string message;
  Value root;

  bool null() override { return put(Value()); }
  bool boolean(bool b) override { return put(Value::boolean(b)); }
  bool number_integer(number_integer_t i) override { return put(Value::integer(i)); }
  bool number_unsigned(number_unsigned_t u) override { return put(Value::unsigned_integer(u)); }
  bool number_float(number_float_t f, const string_t&) override { return put(Value::number(f)); }
  bool string(string_t& s) override { return put(Value::string(std::move(s))); }
  bool binary(binary_t&) override { return false; }  // JSON text has none
  bool start_object(std::size_t) override {
    open_.push_back(Open{true, {}, {}, {}});
    return true;
  }
  bool key(string_t& k) override {
    open_.back().key = std::move(k);
    return true;
  }
  bool end_object() override {
    Open done = std::move(open_.back());
    open_.pop_back();
    return put(Value::object(std::move(done.members)));
  }
  bool start_array(std::size_t) override {
    open_.push_back(Open{false, {}, {}, {}});
    return true;
  }
  bool end_array() override {
    Open done = std::move(open_.back());
    open_.pop_back();
    // No shrink_to_fit(): the copy would hold both buffers at once, raising the peak of a wide
    // array ("[0,0,…]") by a third (bench/native/json_bench).
    return put(Value::array(std::move(done.items)));
  }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    failed = true;
    position = pos;
    message = ex.what();
    return false;  // stop here; nothing is thrown
  }

 private:
  struct Open {
    bool is_object;
    Value::array_t items;
    Value::object_t members;
    std::string key;  // of the member whose value comes next
  };
  bool put(Value v) {
    if (open_.empty()) {
      root = std::move(v);
    } else if (Open& o = open_.back(); o.is_object) {
      o.members.emplace_back(std::move(o.key), std::move(v));
    } else {
      o.items.push_back(std::move(v));
    }
    return true;
  }
  std::vector<Open> open_;
};

// nlohmann's parser over a range of bytes, driven by a SAX handler: what Json::sax_parse does,
// without its branch to the binary formats (CBOR, MessagePack…), which would be compiled in.
bool sax_parse(std::string_view bytes, BuildSax& sax) {
  using Input = decltype(nlohmann::detail::input_adapter(bytes.begin(), bytes.end()));
  return nlohmann::detail::parser<Builder, Input>(
             nlohmann::detail::input_adapter(bytes.begin(), bytes.end()), nullptr,
             /*allow_exceptions=*/true, /*skip_comments=*/false)
      .sax_parse(&sax, /*strict=*/true);
}

// nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 8:
// syntax error while parsing object key - unexpected '}'; expected string literal", or for
// a lexer error "… - invalid number; expected digit after '-'; last read: '-}'; expected '}'".
// We keep the part after " - ", drop "last read: '…'" (we quote the bytes ourselves, cut to a
// sane length) and prefer the lexer's own "expected" over the parser's.
void split_syntax_message(const std::string& message, std::string& expected, std::string& found) {
  std::string detail = message;
  if (const std::size_t dash = detail.find(" - "); dash != std::string::npos)
    detail = detail.substr(dash + 3);
  else if (detail.starts_with("[json.exception.") && detail.find("] ") != std::string::npos)
    detail = detail.substr(detail.find("] ") + 2);  // "number overflow parsing '1e999'"
  if (detail.starts_with("number overflow")) {
    expected = "a number that fits in a double";
    found = "number overflow";  // the token may be huge: the caller quotes a cut excerpt
    return;
  }
  std::string parser_expected;
  if (const std::size_t l = detail.find("; last read: "); l != std::string::npos) {
    if (const std::size_t e = detail.find("; expected ", l + 13); e != std::string::npos)
      parser_expected = detail.substr(e + 11);
    detail.resize(l);
  }
  expected.clear();
  if (const std::size_t e = detail.find("; expected "); e != std::string::npos) {
    expected = detail.substr(e + 11);
    detail.resize(e);
  }
  if (expected.empty()) expected = parser_expected.empty() ? "valid JSON" : parser_expected;
  if (detail.starts_with("unexpected ")) detail = detail.substr(11);
  found = detail;
}

bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.' || c == '_';
}

// Step 1's last checks (prescan): nesting depth, then the memory of the parsed document.
bool check_nesting_and_memory(std::string_view bytes, std::string_view file, const Limits& limits,
                              std::vector<Diagnostic>& errors) {
  const Prescan pre = prescan(bytes, limits.max_depth);
  if (pre.too_deep_at != std::string_view::npos) {
    errors.push_back(at_offset(ErrorCode::too_deep, bytes, file, pre.too_deep_at,
                               "at most " + std::to_string(limits.max_depth) +
                                   " levels of nested arrays and objects",
                               "a deeper level"));
    return false;
  }
  if (pre.parsed_bytes > limits.max_parsed_bytes_per_byte * bytes.size() + kParsedBytesSlack) {
    // Many tiny values ("[{},{},…]"): the parsed document would take 30 to 40 times the text.
    Diagnostic d;
    d.code = ErrorCode::too_large;
    d.file = std::string(file);
    d.expected = "a document that needs at most " +
                 std::to_string(limits.max_parsed_bytes_per_byte) +
                 " bytes of memory per byte of text once parsed (fewer, larger values)";
    d.found = "about " + std::to_string(pre.parsed_bytes / bytes.size()) +
              " bytes per byte (" + std::to_string(pre.parsed_bytes) + " bytes)";
    errors.push_back(std::move(d));
    return false;
  }
  return true;
}

}  // namespace

bool load(std::string_view bytes, std::string_view file, const Limits& limits, Json& out,
          std::vector<Diagnostic>& errors) {
  if (bytes.size() > limits.max_bytes) {
    Diagnostic d;
    d.code = ErrorCode::too_large;
    d.file = std::string(file);
    d.expected = "at most " + std::to_string(limits.max_bytes) + " bytes";
    d.found = std::to_string(bytes.size()) + " bytes";
    errors.push_back(std::move(d));
    return false;
  }
  if (const std::size_t bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    static const char* const kHex = "0123456789ABCDEF";
    const auto b = static_cast<unsigned char>(bytes[bad]);
    std::string found = "the byte 0x";
    found += kHex[b >> 4];
    found += kHex[b & 0xF];
    errors.push_back(at_offset(ErrorCode::invalid_utf8, bytes, file, bad,
                               "UTF-8 text (save the file as UTF-8)", found));
    return false;
  }
  if (!check_nesting_and_memory(bytes, file, limits, errors)) return false;

  BuildSax sax;
  if (sax_parse(bytes, sax) && !sax.failed) {
    out = std::move(sax.root);
    return true;
  }
  std::size_t offset = sax.position > 0 ? std::min(sax.position - 1, bytes.size()) : 0;
  std::string expected, found;
  if (sax.failed) {
    split_syntax_message(sax.message, expected, found);
  } else {  // cannot happen: both passes use the same parser; still say something true
    expected = "valid JSON";
    found = "a document the JSON parser refused";
  }
  if (found.starts_with("invalid literal") || found.starts_with("invalid number") ||
      found == "number overflow") {
    // The parser stops after the bad word ("tru" + newline); point at the word's start and
    // quote it, which is what an editor needs to see.
    std::size_t end = offset;
    if (end < bytes.size() && is_word_byte(bytes[end])) ++end;  // the byte that broke the word
    while (offset > 0 && is_word_byte(bytes[offset - 1])) --offset;
    if (offset < end) found += " " + quote_for_message(bytes.substr(offset, end - offset), 20);
  }
  errors.push_back(at_offset(ErrorCode::syntax, bytes, file, offset, expected, found));
  out = nullptr;
  return false;
}

const Json::object_t* as_object(const Json& v) { return v.if_object(); }
const Json::array_t* as_array(const Json& v) { return v.if_array(); }
const std::string* as_string(const Json& v) { return v.if_string(); }
const bool* as_bool(const Json& v) { return v.if_bool(); }

bool as_integer(const Json& v, std::int64_t& out) {
  if (const auto* i = v.if_integer()) {
    out = *i;
    return true;
  }
  if (const auto* u = v.if_unsigned()) {
    if (*u > static_cast<std::uint64_t>(INT64_MAX)) return false;
    out = static_cast<std::int64_t>(*u);
    return true;
  }
  // 2.0 is the integer 2, as JSON Schema says (pack.schema.json and this parser agree).
  if (const auto* f = v.if_float()) {
    if (!(*f >= -9.0e15 && *f <= 9.0e15) || *f != static_cast<double>(static_cast<std::int64_t>(*f)))
      return false;
    out = static_cast<std::int64_t>(*f);
    return true;
  }
  return false;
}

bool as_number(const Json& v, double& out) {
  if (const auto* f = v.if_float())
    out = *f;
  else if (const auto* i = v.if_integer())
    out = static_cast<double>(*i);
  else if (const auto* u = v.if_unsigned())
    out = static_cast<double>(*u);
  else
    return false;
  return std::isfinite(out);
}

const Json* member(const Json& v, std::string_view key) { return v.find(key); }

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::Type::null: return "null";
    case Json::Type::boolean: return *v.if_bool() ? "true" : "false";
    case Json::Type::string: {
      const std::string& s = *v.if_string();
      return s.empty() ? std::string("an empty string") : "a string " + quote_for_message(s);
    }
    case Json::Type::number_integer: return "a number " + std::to_string(*v.if_integer());
    case Json::Type::number_unsigned: return "a number " + std::to_string(*v.if_unsigned());
    case Json::Type::number_float: {
      // As nlohmann's dump() writes a double (its shortest round-trip digits, "2.0", "1e+100"):
      // the words of every diagnostic stay what they were.  The parser yields no NaN or
      // infinity (an overflow is a syntax error).
      std::array<char, 64> buffer{};
      char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                             *v.if_float());
      return "a number " + std::string(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    }
    case Json::Type::object: return "an object";
    case Json::Type::array: return "an array";
  }
  return "a value of an unexpected kind";
}

void release(Json& v) { v = Json(); }

std::string dump(const Builder& v) {
  return v.dump(-1, ' ', false, Builder::error_handler_t::replace);
}

std::string dump_for_script(const Builder& v) {
  const std::string text = dump(v);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";  // U+2028, U+2029 (E2 80 A8/A9)
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace passerelle::json
