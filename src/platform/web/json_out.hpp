// json_out.hpp — JSON text for the JS side of the boundary (consent state and decisions, the
// test probes), written straight into a string.
//
// Why not nlohmann::json: building its document only to dump it pulled basic_json (its
// std::map objects, its serializer) into the wasm, where the core no longer uses it (issue
// 16).  The JS side reads this text with JSON.parse, so only its values matter: numbers are
// written with 17 significant digits (a double read back is the same double; not finite:
// null), strings with the escapes JSON requires, and their UTF-8 passes through.
//
// Usage: JsonOut j; j.begin_object(); j.key("view"); j.number(2); j.end_object(); j.text().
//
// Depends on: the standard library only.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::web {

class JsonOut {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The name of the next member of the open object.
  void key(std::string_view name) {
    separate();
    quote(name);
    out_ += ':';
    after_key_ = true;
  }

  void string(std::string_view s) {
    separate();
    quote(s);
  }
  void boolean(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void null() {
    separate();
    out_ += "null";
  }
  void integer(std::int64_t i) {
    separate();
    out_ += std::to_string(i);
  }
  void number(double d) {
    separate();
    if (!std::isfinite(d)) {
      out_ += "null";
      return;
    }
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%.17g", d);
    out_.append(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  // Text that is already JSON (a value another writer made, e.g. ConsentRecord::to_json()).
  void raw(std::string_view json) {
    separate();
    out_ += json;
  }
  // A list of strings as an array.
  void strings(const std::vector<std::string>& list) {
    begin_array();
    for (const std::string& s : list) string(s);
    end_array();
  }

  const std::string& text() const { return out_; }

 private:
  void open(char c) {
    separate();
    out_ += c;
    first_.push_back(true);
  }
  void close(char c) {
    out_ += c;
    if (!first_.empty()) first_.pop_back();
  }
  // A comma before every value but the first of its container, and none after a key.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
  void quote(std::string_view s) {
    static const char* const kHex = "0123456789abcdef";
    out_ += '"';
    for (const char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += c;
      } else if (u < 0x20) {
        out_ += "\\u00";
        out_ += kHex[u >> 4];
        out_ += kHex[u & 0xF];
      } else {
        out_ += c;
      }
    }
    out_ += '"';
  }

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace passerelle::web
