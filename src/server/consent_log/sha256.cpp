// sha256.cpp — SHA-256 through libcrypto's one-shot EVP_Digest (see sha256.hpp).
//
// Depends on: sha256.hpp, OpenSSL libcrypto.
#include "server/consent_log/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace passerelle::consent_log {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1 || size != 32)
    throw std::runtime_error("libcrypto: SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(64, '0');
  for (unsigned i = 0; i < 32; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace passerelle::consent_log
