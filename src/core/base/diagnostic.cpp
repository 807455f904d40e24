// base/diagnostic.cpp — error ids, summaries and the one-line message format (see base/diagnostic.hpp).
//
// Depends on: base/diagnostic.hpp, base/utf8.hpp, the standard library.
#include "core/base/diagnostic.hpp"

#include "core/base/utf8.hpp"

namespace passerelle {

std::string error_id(ErrorCode code) {
  return "P" + std::to_string(static_cast<int>(code));
}

const char* error_summary(ErrorCode code) {
  switch (code) {
#define PASSERELLE_ERROR_SUMMARY(num, name, summary) \
  case ErrorCode::name:                              \
    return summary;
    PASSERELLE_ERRORS(PASSERELLE_ERROR_SUMMARY)
#undef PASSERELLE_ERROR_SUMMARY
  }
  return "unknown error";
}

std::string format(const Diagnostic& d) {
  // file:line:col: is the shape compilers use, so editors and terminals make it clickable.
  std::string out = d.file.empty() ? std::string("<input>") : d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  out += ": error " + error_id(d.code);
  if (!d.pointer.empty()) out += " at " + d.pointer;
  out += ": ";
  if (d.expected.empty() && d.found.empty()) {
    out += error_summary(d.code);
  } else {
    if (!d.expected.empty()) out += "expected " + d.expected;
    if (!d.expected.empty() && !d.found.empty()) out += ", ";
    if (!d.found.empty()) out += "found " + d.found;
  }
  return out;
}

std::string quote_for_message(std::string_view text, std::size_t max_chars) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "\"";
  std::size_t i = 0, count = 0;
  while (i < text.size()) {
    if (count == max_chars) {
      out += "\xE2\x80\xA6";  // U+2026 …
      break;
    }
    const char32_t cp = decode_utf8(text, i);  // invalid bytes come back as U+FFFD
    ++count;
    if (cp == U'"' || cp == U'\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == U'\n') {
      out += "\\n";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += "\\u00";
      out += kHex[(cp >> 4) & 0xF];
      out += kHex[cp & 0xF];
    } else {
      append_utf8(out, cp);
    }
  }
  out += '"';
  return out;
}

std::string format_all(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const Diagnostic& d : ds) {
    out += format(d);
    out += '\n';
  }
  return out;
}

}  // namespace passerelle
