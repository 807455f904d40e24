// base/diagnostic.hpp — what went wrong with an input, said so that an editor can fix it.
//
// Every error the core reports is a Diagnostic: a stable code (grouped by hundreds, listed once
// in PASSERELLE_ERRORS below so tests assert on ids, not on wording), the file, the line and
// column where known (1-based; 0 = unknown), the JSON pointer of the value, what was expected
// and what was found.  format() gives the one-line form the CLI and the browser both show:
//
//   international.fr.json:12:15: error P203 at /page/title: expected a string, found a number
//
// Depends on: the standard library only (base/diagnostic.cpp also uses base/utf8.hpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// X(number, name, summary)
#define PASSERELLE_ERRORS(X)                                                                 \
  /* 1xx: the bytes themselves */                                                            \
  X(101, too_large, "the input is larger than the limit")                                    \
  X(102, invalid_utf8, "the input is not valid UTF-8")                                       \
  X(103, syntax, "the input is not valid JSON")                                              \
  X(104, too_deep, "values are nested deeper than the limit")                                \
  /* 2xx: the shape of the document */                                                       \
  X(201, missing_field, "a required field is missing")                                       \
  X(202, unknown_field, "a field is not part of the format")                                 \
  X(203, wrong_type, "a value has the wrong type")                                           \
  X(204, bad_value, "a value is not one of the allowed ones")                                \
  X(205, unsupported_format, "the pack's format version is not supported")                   \
  X(206, empty_value, "a value must not be empty")                                           \
  /* 3xx: the content */                                                                     \
  X(301, string_too_long, "a text is longer than the limit")                                 \
  X(302, too_many_items, "a list has more items than the limit")                             \
  X(303, markup, "inline markup is malformed")                                               \
  X(304, unknown_footnote, "a footnote reference names no footnote")                         \
  X(305, unsafe_url, "a link uses a scheme other than http, https or mailto")                \
  X(306, duplicate_id, "an id is used twice")                                                \
  X(307, unused_footnote, "a footnote is never referenced")                                  \
  /* 4xx: the map geometry (passerelle-map-geometry/2) */                                    \
  X(401, map_unsupported_format, "the map geometry's format is not supported")               \
  X(402, map_bad_projection, "the map projection is not a valid conic conformal one")        \
  X(403, map_bad_transform, "the map transform's scale or translate is invalid")             \
  X(404, map_bad_box, "a map frame or extent is not a valid rectangle")                      \
  X(405, map_bad_arc, "a map arc is not a list of integer coordinates")                      \
  X(406, map_bad_arc_ref, "an arc reference names no arc")                                   \
  X(407, map_arcs_not_joined, "consecutive arcs of a ring do not meet")                      \
  X(408, map_ring_not_closed, "a ring does not end where it starts")                         \
  X(409, map_too_complex, "the map geometry has more points than the limit")

enum class ErrorCode : int {
#define PASSERELLE_ERROR_ENUM(num, name, summary) name = num,
  PASSERELLE_ERRORS(PASSERELLE_ERROR_ENUM)
#undef PASSERELLE_ERROR_ENUM
};

// "P203"
std::string error_id(ErrorCode code);
// The one-line summary from the list above.
const char* error_summary(ErrorCode code);

struct Diagnostic {
  ErrorCode code{};
  std::string file;      // as given by the caller, e.g. "international.fr.json"
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based, in bytes (UTF-8); 0 when unknown
  std::string pointer;   // RFC 6901 JSON pointer, "" for the whole document
  std::string expected;  // "a string", "one of: paragraph, heading, list"
  std::string found;     // "a number", "\"ftp://…\""
};

// file:line:col: error P203 at /pointer: expected X, found Y
std::string format(const Diagnostic& d);

// A text quoted for a message: "\"ftp://x\"", cut after max_chars code points with "…" so
// that a huge value is never dumped; quotes, backslashes and control characters escaped.
std::string quote_for_message(std::string_view text, std::size_t max_chars = 40);
std::string format_all(const std::vector<Diagnostic>& ds);

}  // namespace passerelle
