// fuzz_pack.cpp — libFuzzer target for the content pack reader: the bytes are a pack
// document for passerelle::parse_pack (src/core/pack/pack.hpp), which must answer with a Pack or
// with diagnostics; on success visible_text() runs over it and check_pack() verifies what
// validation promises (safe links, defined footnotes, a consent config whose cookie reads
// back).  Seeds: fuzz/corpus/fuzz_pack/ (the test fixtures and a trimmed real pack); the
// dictionary fuzz/json.dict helps it write JSON.
//
// Depends on: properties.hpp (the properties, shared with tests/core/unit-fuzz-regressions.cpp),
// the core library; built only with -DPASSERELLE_FUZZ=ON (clang, libFuzzer).  Run it with
// scripts/fuzz.sh fuzz_pack.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failed = passerelle::fuzz::check_pack(input);
  if (!failed.empty()) {
    std::fprintf(stderr, "fuzz_pack: property violated: %s\n", failed.c_str());
    __builtin_trap();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
