// unit-pack-fuzz.cpp — a small deterministic fuzz: thousands of mutations of the real pack
// and of random bytes never crash parse_pack, which always answers with a pack or with at
// least one diagnostic.  (Run under ASan/UBSan in the native-asan build.)
//
// Depends on: core/pack/pack.hpp, test_support.hpp, GoogleTest.
#include <gtest/gtest.h>

#include <random>

#include "core/pack/pack.hpp"
#include "test_support.hpp"

using namespace passerelle;
using namespace passerelle::test;

namespace {

void expect_pack_or_errors(const std::string& bytes, int iteration) {
  const PackResult r = parse_pack(bytes, "fuzz.json");
  if (r.ok()) {
    EXPECT_TRUE(r.errors.empty()) << "iteration " << iteration;
    return;
  }
  ASSERT_FALSE(r.errors.empty()) << "iteration " << iteration;
  for (const Diagnostic& d : r.errors) {
    EXPECT_FALSE(format(d).empty());
    EXPECT_LT(d.found.size(), 400u) << "iteration " << iteration;  // never a whole value
  }
}

}  // namespace

TEST(PackFuzz, MutationsOfTheRealPackNeverCrash) {
  const std::string original = read_file(source_path("content/international.fr.json"));
  ASSERT_FALSE(original.empty());
  std::mt19937 rng(20240611);  // fixed: failures reproduce
  const std::string specials[] = {"[", "]", "{", "}", "\"", "\\", "*", "**", "[^", ":", ",",
                                  "\xFF", "\xC3", "[x](javascript:1)", "\\u0000", "1e999", "-"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  for (int i = 0; i < 2000; ++i) {
    std::string s = original;
    const int edits = 1 + static_cast<int>(pick(3));
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t at = pick(s.size());
      switch (pick(5)) {
        case 0: s[at] = static_cast<char>(pick(256)); break;
        case 1: s.erase(at, 1 + pick(16)); break;
        case 2: s.insert(at, specials[pick(std::size(specials))]); break;
        case 3: s.insert(at, s.substr(pick(s.size()), pick(64))); break;
        default: s.resize(at); break;
      }
    }
    expect_pack_or_errors(s, i);
  }
}

TEST(PackFuzz, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  const char alphabet[] = "{}[]\":,\\ *^()01truefalsn\x80\xC3\xA9";
  for (int i = 0; i < 500; ++i) {
    std::string s(std::uniform_int_distribution<std::size_t>(0, 200)(rng), ' ');
    for (char& c : s) c = alphabet[std::uniform_int_distribution<std::size_t>(0, sizeof alphabet - 2)(rng)];
    expect_pack_or_errors(s, i);
  }
}
