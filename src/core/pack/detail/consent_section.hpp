// pack/detail/consent_section.hpp — reading the pack's "consent" section into a ConsentConfig.
//
// Private to the pack reader (pack/pack.cpp calls it with its PackFieldReader).  The section is
// documented field by field in content/pack.schema.json ("$defs/consent").
//
// Depends on: pack/detail/reader.hpp (json::Json), consent/consent.hpp.
#pragma once
#include <optional>
#include <string_view>

#include "core/consent/consent.hpp"
#include "core/pack/detail/reader.hpp"

namespace passerelle::pack_detail {

// Reads the value at /consent.  Every problem is reported through r; the config is returned
// only when the section has none.  pack_lang is the pack's "lang" ("" when it was invalid):
// the texts must include it.
std::optional<ConsentConfig> read_consent(PackFieldReader& r, const Json& v,
                                          std::string_view pack_lang);

}  // namespace passerelle::pack_detail
