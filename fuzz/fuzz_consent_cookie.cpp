// fuzz_consent_cookie.cpp — libFuzzer target for the passerelle_consent cookie: the bytes are
// a cookie value for passerelle::decode_consent_cookie (src/core/consent/consent.hpp, format in
// src/core/consent/record.cpp), tried as is and with its checksum recomputed.  An accepted
// value re-encodes to itself, a record encode accepts decodes back to the same record, and
// ConsentManager::start agrees with the decoder (check_consent_cookie()).
//
// Depends on: properties.hpp (the properties, shared with tests/core/unit-fuzz-regressions.cpp),
// the core library; built only with -DPASSERELLE_FUZZ=ON (clang, libFuzzer).  Run it with
// scripts/fuzz.sh fuzz_consent_cookie.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string failed = passerelle::fuzz::check_consent_cookie(input);
  if (!failed.empty()) {
    std::fprintf(stderr, "fuzz_consent_cookie: property violated: %s\n", failed.c_str());
    __builtin_trap();  // libFuzzer saves the input as crash-<sha1>
  }
  return 0;
}
