// text/sfnt.cpp — reading head.unitsPerEm and hhea.ascender/descender (see text/sfnt.hpp).
//
// Depends on: text/sfnt.hpp, the standard library.
#include "core/text/sfnt.hpp"

#include <cstdint>

namespace passerelle {
namespace {

std::uint32_t u32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
std::uint16_t u16(std::string_view b, std::size_t at) {
  return std::uint16_t((std::uint8_t(b[at]) << 8) | std::uint8_t(b[at + 1]));
}

// Offset of a table whose body is at least `need` bytes, or 0.
std::size_t find_table(std::string_view b, const char tag[4], std::size_t need) {
  if (b.size() < 12) return 0;
  const std::size_t count = u16(b, 4);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t rec = 12 + 16 * i;
    if (rec + 16 > b.size()) return 0;
    if (b.compare(rec, 4, std::string_view(tag, 4)) != 0) continue;
    const std::size_t off = u32(b, rec + 8);
    const std::size_t len = u32(b, rec + 12);
    if (len < need || off > b.size() || b.size() - off < need) return 0;
    return off;
  }
  return 0;
}

}  // namespace

std::optional<VerticalMetrics> read_vertical_metrics(std::string_view b) {
  if (b.size() < 12) return std::nullopt;
  const std::uint32_t version = u32(b, 0);
  if (version != 0x00010000u && version != 0x4F54544Fu /* 'OTTO' */ && version != 0x74727565u /* 'true' */)
    return std::nullopt;
  const std::size_t head = find_table(b, "head", 54);
  const std::size_t hhea = find_table(b, "hhea", 36);
  if (!head || !hhea) return std::nullopt;
  VerticalMetrics m;
  m.units_per_em = u16(b, head + 18);
  m.ascender = static_cast<std::int16_t>(u16(b, hhea + 4));
  m.descender = static_cast<std::int16_t>(u16(b, hhea + 6));
  if (m.units_per_em < 16 || m.units_per_em > 16384 || m.ascender <= m.descender) return std::nullopt;
  return m;
}

}  // namespace passerelle
