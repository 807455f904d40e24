// policy.hpp — what the service learns from the site's content packs: each consent policy
// version's purposes (to refuse proofs of decisions the site never offered) and the SHA-256
// of the texts each pack's banner shows in each of its languages (so `show` can say which
// pack a proof's texts hash is).
//
// Depends on: core/consent/proof.hpp, core/pack/pack.hpp, sha256.hpp.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/consent/proof.hpp"

namespace passerelle::consent_log {

struct SitePolicies {
  ProofPolicyBook book;
  std::map<std::string, std::string> texts_by_hash;  // sha256 → "international.fr.json, policy 1, fr"
};

// Reads each pack; false (and why) when one is unreadable, invalid, has no consent section,
// or gives a policy version other purposes than another pack did.
bool load_policies(const std::vector<std::string>& pack_paths, SitePolicies& out, std::string& why);

// SHA-256 of consent_texts_canonical(config, lang): what a page of this pack shows in lang.
std::string texts_hash(const ConsentConfig& config, const std::string& lang);

// Reads one pack's consent section; why on failure.
std::optional<ConsentConfig> read_pack_consent(const std::string& path, std::string& why);

}  // namespace passerelle::consent_log
