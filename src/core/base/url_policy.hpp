// base/url_policy.hpp — which link targets the page may open.
//
// Only absolute http:, https: and mailto: URLs (scheme compared case-insensitively, no
// control characters or spaces anywhere; an http(s) authority is host[:port] only, never
// with userinfo such as "https://ok@evil/", nor '%' or anything else a host does not use).
// Everything else — javascript:, data:, file:, relative paths, protocol-relative "//host" —
// is refused, both when a pack is validated and again at the moment a link is opened
// (defence in depth: the click path in ui/app re-checks).
//
// Depends on: the standard library only.
#pragma once
#include <string_view>

namespace passerelle {

bool is_safe_link_url(std::string_view url);

// A page of this same site, for language links ("index.en.html", "en/international.html"):
// 1–128 characters from [A-Za-z0-9._/-], not starting with '/' or '.', no "..", no "//".
// It can never name another origin or a script, so it may be followed in the same tab.
bool is_relative_page_href(std::string_view href);

}  // namespace passerelle
