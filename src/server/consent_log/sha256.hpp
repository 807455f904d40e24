// sha256.hpp — SHA-256 as lowercase hex, from OpenSSL's libcrypto (the service's only hash:
// proof checksums, the texts a page showed, and the chain that links stored records).
//
// Depends on: the standard library (libcrypto behind it).
#pragma once
#include <string>
#include <string_view>

namespace passerelle::consent_log {

std::string sha256_hex(std::string_view bytes);

}  // namespace passerelle::consent_log
