// policy.cpp — packs to policies and texts hashes (see policy.hpp).
//
// Depends on: policy.hpp, sha256.hpp, core/pack/pack.hpp, core/base/diagnostic.hpp.
#include "server/consent_log/policy.hpp"

#include <fstream>
#include <sstream>

#include "core/base/diagnostic.hpp"
#include "core/pack/pack.hpp"
#include "server/consent_log/sha256.hpp"

namespace passerelle::consent_log {

std::string texts_hash(const ConsentConfig& config, const std::string& lang) {
  return sha256_hex(consent_texts_canonical(config, lang));
}

std::optional<ConsentConfig> read_pack_consent(const std::string& path, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = path + ": cannot be read";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  PackResult r = parse_pack(bytes.str(), path);
  if (!r.ok()) {
    why = path + ": not a valid pack:\n" + format_all(r.errors);
    return std::nullopt;
  }
  if (!r.pack->consent) {
    why = path + ": the pack has no consent section";
    return std::nullopt;
  }
  return std::move(r.pack->consent);
}

bool load_policies(const std::vector<std::string>& pack_paths, SitePolicies& out, std::string& why) {
  for (const std::string& path : pack_paths) {
    const std::optional<ConsentConfig> c = read_pack_consent(path, why);
    if (!c) return false;
    if (!add_proof_policy(out.book, *c, why)) {
      why = path + ": " + why;
      return false;
    }
    const std::string name = path.substr(path.find_last_of('/') + 1);
    for (const auto& [lang, texts] : c->texts)
      out.texts_by_hash.emplace(texts_hash(*c, lang), name + ", policy " + std::to_string(c->policy_version) + ", " + lang);
  }
  return true;
}

}  // namespace passerelle::consent_log
