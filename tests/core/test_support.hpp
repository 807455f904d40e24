// test_support.hpp — small helpers shared by the core test files: reading repository files
// and building tiny packs from raw JSON text.
//
// The tests build JSON as text on purpose: they test the parser's view of bytes.  The few
// that need JSON values (unit-json-field-reader.cpp) get them from json::load, through
// core/json/ headers, never by including nlohmann/json themselves; CMake compiles the tests
// with JSON_NOEXCEPTION=1 like the core, so that the program holds one build of the header.
//
// Depends on: core/pack/pack.hpp, GoogleTest, the standard library; PASSERELLE_SOURCE_DIR from CMake.
#pragma once
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "core/pack/pack.hpp"

namespace passerelle::test {

inline std::string source_path(std::string_view relative) {
  return std::string(PASSERELLE_SOURCE_DIR) + "/" + std::string(relative);
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The page fields of a small valid pack; tests replace or add fields.
inline constexpr std::string_view kMinimalPage =
    R"("id": "t", "title": "T", "body": [{"type": "paragraph", "text": "x"}])";

// A whole pack on one line around the given page fields.
inline std::string pack_with_page(std::string_view page_fields) {
  return R"({"format": 1, "lang": "fr", "site": {"name": "S"}, "page": {)" +
         std::string(page_fields) + "}}";
}

// A pack whose body is the given blocks (JSON array contents).
inline std::string pack_with_body(std::string_view blocks) {
  return pack_with_page(R"("id": "t", "title": "T", "body": [)" + std::string(blocks) + "]");
}

// A pack the repository ships (content/), parsed; a failure to parse it fails the test.
inline Pack shipped_pack(const char* file = "content/international.fr.json") {
  PackResult r = parse_pack(read_file(source_path(file)), file);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : format(r.errors.front()));
  return r.ok() ? *r.pack : Pack{};
}

inline const Diagnostic* find_error(const PackResult& r, ErrorCode code) {
  const auto it = std::find_if(r.errors.begin(), r.errors.end(),
                               [&](const Diagnostic& d) { return d.code == code; });
  return it == r.errors.end() ? nullptr : &*it;
}

}  // namespace passerelle::test
