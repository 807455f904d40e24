// unit-json-memory.cpp — hostile JSON costs memory linear in its size (issue 13, item 2): the
// position index keeps no string per value, the duplicate-key check no pointer per object,
// and diagnostics do not copy megabyte keys.  Shapes: one long key over many values (the
// issue's), long keys nested with repeated keys inside, many short keys, one key repeated.
//
// Two measures: the index's own byte count (PositionIndex::bytes(), any build), and, under
// AddressSanitizer, the peak of live heap bytes during the whole parse_pack() (the
// sanitizer's malloc/free hooks), which must stay under 20× the document.  No timing asserts.
//
// Depends on: core/json/positions.hpp, core/pack/pack.hpp, core/map/geometry.hpp,
// fuzz/heap_peak.hpp (ASan's allocator hooks), GoogleTest.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json/positions.hpp"
#include "core/map/geometry.hpp"
#include "core/pack/pack.hpp"

#include "../../fuzz/heap_peak.hpp"

using namespace passerelle;

namespace {

std::string repeat(std::string_view s, std::size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += s;
  return out;
}

// {"format": 1, "x": {"kkk…": [0,0,…]}}: the unknown field "x" gets a diagnostic, so the
// position index is built; before the fix it held one copy of the long key per value.
std::string long_key_over_many_values(std::size_t key_bytes, std::size_t values) {
  return R"({"format": 1, "x": {")" + std::string(key_bytes, 'k') + "\": [" +
         repeat("0,", values) + "0]}}";
}

// 30 objects nested under long keys, then one key repeated many times.
std::string nested_long_keys_with_duplicates(std::size_t key_bytes, std::size_t repeats) {
  std::string s = R"({"format": 1, "x": )";
  for (int d = 0; d < 30; ++d) s += "{\"" + std::string(key_bytes, 'k') + "\": ";
  s += "{" + repeat("\"a\": 0, ", repeats) + "\"a\": 0}";
  return s + std::string(30, '}') + "}";
}

}  // namespace

TEST(JsonMemory, ThePositionIndexCostsAFewBytesPerValueWhateverTheKeys) {
  // 64 KB of key over 16 K values: before, one 64 KB pointer string per value (1 GB).
  const std::string t = long_key_over_many_values(64 * 1024, 16 * 1024);
  const json::PositionIndex p = json::PositionIndex::scan(t);
  EXPECT_LE(p.bytes(), 8 * t.size()) << p.bytes() << " bytes for a " << t.size() << "-byte text";
  const std::string key = "/x/" + std::string(64 * 1024, 'k');
  EXPECT_EQ(p.value(key).column, 1 + static_cast<int>(t.find('[')));
  EXPECT_EQ(p.value(key + "/16384").column, static_cast<int>(t.size()) - 3);
  EXPECT_EQ(p.key(key).column, 1 + static_cast<int>(t.find("{\"k") + 1));
  EXPECT_FALSE(p.value(key + "/16385").known());
  EXPECT_FALSE(p.value(key + "/01").known());  // not how the walk writes an index
}

TEST(JsonMemory, RepeatedKeysDeepUnderLongKeysKeepShortPointers) {
  const std::string t = nested_long_keys_with_duplicates(4096, 1000);
  const std::vector<json::DuplicateKey> d = json::find_duplicate_keys(t, 100);
  ASSERT_EQ(d.size(), 100u);
  for (const json::DuplicateKey& k : d) {
    EXPECT_LE(k.pointer.size(), json::kMaxPointerBytes + 3);  // "…" is 3 bytes
    EXPECT_TRUE(k.pointer.ends_with("\xE2\x80\xA6"));
  }
  EXPECT_LT(d[0].key_offset, d[99].key_offset);
  EXPECT_EQ(t.substr(d[0].key_offset, 4), "\"a\":");
  // The whole pack path: 100 diagnostics, none of them a copy of 30 long keys.
  const PackResult r = parse_pack(t, "hostile.json");
  ASSERT_FALSE(r.ok());
  std::size_t pointer_bytes = 0;
  for (const Diagnostic& e : r.errors) pointer_bytes += e.pointer.size();
  EXPECT_LE(pointer_bytes, r.errors.size() * (json::kMaxPointerBytes + 3));
}

TEST(JsonMemory, CutPointersKeepWholeCharacters) {
  EXPECT_EQ(json::cut_pointer("/a/b"), "/a/b");
  const std::string e = "\xC3\xA9";  // é
  const std::string cut = json::cut_pointer("/" + repeat(e, json::kMaxPointerBytes));
  EXPECT_EQ(cut.size(), json::kMaxPointerBytes - 1 + 3);  // "/" + 511 × "é" + "…"
}

TEST(JsonMemory, HostilePacksParseWithPeakHeapUnderTwentyTimesTheirSize) {
  if (!fuzz::heap_peak_available()) GTEST_SKIP() << "needs AddressSanitizer's allocator hooks";
  const std::vector<std::string> docs = {
      long_key_over_many_values(32 * 1024, 16 * 1024),
      nested_long_keys_with_duplicates(1024, 4000),
      R"({"format": 1, "x": {)" + repeat(R"("a": 0, )", 8000) + R"("a": 0}})",
  };
  for (const std::string& t : docs) {
    std::size_t errors = 0;
    const std::size_t peak = fuzz::peak_heap_of([&] { errors = parse_pack(t, "hostile.json").errors.size(); });
    EXPECT_GT(errors, 0u);
    EXPECT_LE(peak, 20 * t.size()) << "peak heap " << peak << " B for a " << t.size() << "-byte pack";
    const std::size_t map_peak = fuzz::peak_heap_of([&] { parse_map_geometry(t, "hostile.json"); });
    EXPECT_LE(map_peak, 20 * t.size()) << "geometry: " << map_peak << " B for " << t.size() << " B";
  }
}

TEST(JsonMemory, ManyTinyContainersAreRefusedBeforeTheyAreParsed) {
  // "[{},{},…]" would take about 40 bytes of memory per byte of text once parsed.
  const std::string t = "[" + repeat("{},", 100 * 1024) + "{}]";
  const PackResult r = parse_pack(t, "tiny.json");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code, ErrorCode::too_large) << format(r.errors[0]);
  EXPECT_NE(r.errors[0].expected.find("bytes of memory per byte of text"), std::string::npos);
  // The same values, fewer: accepted by the JSON layer (and refused by the pack's reader).
  const PackResult few = parse_pack("[" + repeat("{},", 100) + "{}]", "few.json");
  ASSERT_FALSE(few.errors.empty());
  EXPECT_NE(few.errors[0].code, ErrorCode::too_large);
}

// The scan is defensive: on any bytes, even text the JSON parser would refuse, the index is
// sized once and holds at most 16 bytes per byte (12 per value, at most one value per byte,
// and 4 per line).  Broken text once made the sizing estimate disagree with the walk, and
// the outgrown vector doubled (the fuzzer's find: "\u" without hex digits hides a closing
// quote from the walk, and a quote inside a bare word opens no string for it).
TEST(JsonMemory, ThePositionIndexHoldsAtMostSixteenBytesPerByteOfAnyText) {
  // 4,100 values: just past a power of two, where an outgrown vector doubles to 8,192.
  const std::vector<std::string> shapes = {
      "[\"\\u\"," + repeat("\",", 4100) + "]",
      "{a\"" + repeat(",", 4100),
      repeat("[", 4100),
      repeat("[\n", 4100),
      "{" + repeat(",", 4100),
      "[" + repeat(",\n", 4100),
  };
  for (const std::string& t : shapes) {
    const json::PositionIndex p = json::PositionIndex::scan(t);
    EXPECT_LE(p.bytes(), 16 * (t.size() + 1)) << p.bytes() << " bytes for " << t.substr(0, 12);
  }
  // Every short text over the characters that steer the walk (a deterministic sweep).
  const std::string alphabet = "[]{},:\"\\u0 \n";
  std::uint32_t seed = 12345;
  for (int round = 0; round < 20000; ++round) {
    std::string t;
    const std::size_t length = 1 + round % 40;
    for (std::size_t i = 0; i < length; ++i) {
      seed = seed * 1664525u + 1013904223u;
      t += alphabet[(seed >> 16) % alphabet.size()];
    }
    const json::PositionIndex p = json::PositionIndex::scan(t);
    ASSERT_LE(p.bytes(), 16 * (t.size() + 1)) << "text: " << t;
  }
}
