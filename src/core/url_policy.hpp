// url_policy.hpp — which link targets the page may open.
//
// Only absolute http:, https: and mailto: URLs (scheme compared case-insensitively, no
// control characters or spaces anywhere).  Everything else — javascript:, data:, file:,
// relative paths, protocol-relative "//host" — is refused, both when a pack is validated and
// again at the moment a link is opened (defence in depth: the platform layer re-checks).
//
// Depends on: the standard library only.
#pragma once
#include <string_view>

namespace passerelle {

bool is_safe_link_url(std::string_view url);

}  // namespace passerelle
