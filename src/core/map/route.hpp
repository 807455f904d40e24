// map/route.hpp — the selected country in the page's URL fragment.
//
// The map's selection lives in the hash so it survives a reload, can be shared and works
// with the back button: "#pays=ML" on the French page, "#country=ML" otherwise.  Both keys
// are read whatever the language (a link shared across languages still works) and the value
// is an ISO 3166-1 alpha-2 code, any case, percent-encoding allowed.  Whether the code names a
// country on the map is for the caller to check; this only checks its shape.  Other
// parameters in the fragment belong to someone else and are kept as they were.
//
// Both functions are total and do bounded work on any input (they are fuzzed): a fragment
// longer than kMaxHashBytes is treated as carrying no parameters at all, rather than being
// cut, because a cut could fall inside a parameter and change its meaning.
//
// Depends on: the standard library only.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

inline constexpr std::size_t kMaxHashBytes = 2048;

// "#pays=ML", "country=ml", "#foo=bar&country=ne" → "ML", "ML", "NE".  The first "pays" or
// "country" parameter decides: if its value is not two ASCII letters, there is no selection.
std::optional<std::string> parse_country_hash(std::string_view hash);

// The fragment with the selection set to `iso` (two ASCII letters, any case) or removed when
// `iso` is empty or malformed.  The key is "pays" when `lang` is French ("fr", "fr-FR", ...)
// and "country" otherwise; it takes the place of the first existing pays/country parameter
// (all of which are removed) or goes last.  Returns "#..." or "" when nothing is left.
std::string with_country(std::string_view existing_hash, std::string_view iso, std::string_view lang);

}  // namespace passerelle
