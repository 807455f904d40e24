// fuzz_map_geometry.cpp — libFuzzer target for the map geometry reader: the bytes are a
// passerelle-map-geometry/1 document for passerelle::parse_map_geometry
// (src/core/map/geometry.hpp), read under small limits (fuzz_geometry_limits()) so that no
// input takes seconds.  On success the triangles, rings, coordinates and hit tests are checked
// (check_map_geometry()).
//
// Depends on: properties.hpp (the properties, shared with tests/core/unit-fuzz-regressions.cpp),
// the core library; built only with -DPASSERELLE_FUZZ=ON (clang, libFuzzer).  Run it with
// scripts/fuzz.sh fuzz_map_geometry.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failed = passerelle::fuzz::check_map_geometry(input);
  if (!failed.empty()) {
    std::fprintf(stderr, "fuzz_map_geometry: property violated: %s\n", failed.c_str());
    __builtin_trap();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
