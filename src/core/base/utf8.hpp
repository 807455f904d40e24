// base/utf8.hpp — decoding and validating UTF-8 (the only encoding the core accepts).
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace passerelle {

// Byte offset of the first invalid sequence (overlong forms, surrogates, code points above
// U+10FFFF and truncated sequences are invalid), or npos when the whole input is valid.
std::size_t find_invalid_utf8(std::string_view s);

// Decodes the code point starting at s[i] and advances i past it.  On an invalid sequence
// returns U+FFFD and advances one byte, so a loop over any input always terminates.
char32_t decode_utf8(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of cp to out.
void append_utf8(std::string& out, char32_t cp);

// True when s holds nothing but white space, the no-break and other Unicode spaces included
// (the same set as JSON Schema's "\\s", so content/pack.schema.json agrees with the readers);
// true for "".
bool is_blank_text(std::string_view s);

}  // namespace passerelle
