// fuzz_map_route.cpp — libFuzzer target for the map's URL fragment router: the bytes are
// three lines, "iso\nlang\nhash", for passerelle::parse_country_hash and with_country
// (src/core/map/route.hpp).  What with_country writes is bounded, reads back as the country
// it was given (or as none) and is stable when rewritten (check_map_route()).
//
// Depends on: properties.hpp (the properties, shared with tests/core/unit-fuzz-regressions.cpp),
// the core library; built only with -DPASSERELLE_FUZZ=ON (clang, libFuzzer).  Run it with
// scripts/fuzz.sh fuzz_map_route.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failed = passerelle::fuzz::check_map_route(input);
  if (!failed.empty()) {
    std::fprintf(stderr, "fuzz_map_route: property violated: %s\n", failed.c_str());
    __builtin_trap();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
