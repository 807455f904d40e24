// libc_trims.cpp — a smaller stand-in for a libc function the web build links, so that the
// real one stays out of the wasm (size budget: README.md, "Budgets and benchmarks").  Web
// build only (src/platform/web); native builds use the real libc.
//
// sscanf: libc's (with the scanf engine behind it) costs 2.7 KB of brotli-compressed wasm.
// Its callers here are Dear ImGui's .ini readers (window and table settings: never run, the
// page loads no ImGui settings, io.IniFilename is null; ImGui's OpenGL3 backend, which read
// its GLSL version with it, is replaced by gl_renderer).  This sscanf handles what those formats need
// for integers: literal characters, whitespace (matches any run of it), %d and %i (decimal
// only), %n and %%.  At any other conversion it stops and returns what it assigned so far, as
// sscanf does on a mismatch.  If a future caller needs more, delete this file.
//
// Depends on: <cstdarg> only.
#include <cstdarg>

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

extern "C" int sscanf(const char* str, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  const char* s = str;
  int assigned = 0;
  for (const char* f = fmt; *f; ++f) {
    if (is_space(*f)) {
      while (is_space(*s)) ++s;
      continue;
    }
    if (*f != '%') {
      if (*s != *f) break;
      ++s;
      continue;
    }
    ++f;
    if (*f == '%') {
      if (*s != '%') break;
      ++s;
      continue;
    }
    if (*f == 'n') {
      *va_arg(ap, int*) = static_cast<int>(s - str);
      continue;
    }
    if (*f != 'd' && *f != 'i') break;  // anything else: not supported, stop here
    while (is_space(*s)) ++s;
    const char* p = s;
    bool negative = false;
    if (*p == '-' || *p == '+') negative = *p++ == '-';
    if (*p < '0' || *p > '9') break;
    long long v = 0;
    while (*p >= '0' && *p <= '9') {
      if (v < 100000000000LL) v = v * 10 + (*p - '0');  // saturate rather than overflow
      ++p;
    }
    *va_arg(ap, int*) = static_cast<int>(negative ? -v : v);
    ++assigned;
    s = p;
  }
  va_end(ap);
  return assigned;
}
