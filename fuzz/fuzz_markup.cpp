// fuzz_markup.cpp — libFuzzer target for the inline markup: the bytes are one pack text for
// passerelle::parse_inline (src/core/text/markup.hpp).  check_markup() verifies the error offsets,
// that accepted links are safe, and that any text escaped with backslashes reads back as itself.
//
// Depends on: properties.hpp (the properties, shared with tests/core/unit-fuzz-regressions.cpp),
// the core library; built only with -DPASSERELLE_FUZZ=ON (clang, libFuzzer).  Run it with
// scripts/fuzz.sh fuzz_markup.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failed = passerelle::fuzz::check_markup(input);
  if (!failed.empty()) {
    std::fprintf(stderr, "fuzz_markup: property violated: %s\n", failed.c_str());
    __builtin_trap();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
