// record_format.hpp — stored records as an operator reads them: dates in ISO 8601 UTC, one
// record as text (show), as a CSV row or a JSON line (export).  Every field was checked to be
// printable ASCII without '"' or '\\' on the way in (consent/proof.hpp), so nothing needs
// escaping in JSON; CSV quotes the fields that may hold a comma (choices, path).
//
// Depends on: store.hpp, the standard library.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {

std::string iso_time_ms(std::int64_t ms);                  // "2026-11-29T05:20:00.123Z"
std::optional<std::int64_t> parse_iso_date(const std::string& s);  // "2026-11-29" or "…T05:20:00Z" → ms

std::string csv_header();
std::string csv_row(const StoredRecord& r);
std::string json_line(const StoredRecord& r);
std::string text_block(const StoredRecord& r);  // "record 12 …\n  id: …\n" for show

}  // namespace passerelle::consent_log
