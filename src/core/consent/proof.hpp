// consent/proof.hpp — the proof of one consent decision, as the widget sends it to the record
// service (passerelle-consent-log) and as the service stores and hashes it.
//
// A proof says what the CNIL's recommendation 2020-092 asks a site to be able to show, and
// nothing more: which decision (its random id), when (decided by the client), what action,
// the choice per purpose, the policy version and language, the page (origin and path), and
// hashes of what the visitor was shown (the banner's texts as rendered, and the build).  No
// address, no user agent, no cookie of the visitor's other than the choice itself.
//
// Wire format (format 1): UTF-8-free ASCII lines "key=value\n" in exactly this order, so the
// bytes are canonical by construction (one spelling per proof: nothing to normalise before
// hashing, and the same bytes in JavaScript and C++):
//
//   passerelle-consent-proof=1
//   id=<32 lowercase hex>                 new for each decision
//   decided=<Unix milliseconds>           the client's clock
//   action=accept_all|refuse_all|custom|continue_without|withdraw
//   cancels=<32 lowercase hex>|-          the decision this one replaces ('-': none); a
//                                         withdrawal must name the one it cancels
//   policy=<1..999999999>                 the pack's consent policy_version
//   lang=<language tag>                   the language the banner was shown in
//   choices=<purpose>:<0|1>|…             every purpose of that policy version, in its order
//   origin=<scheme://host[:port]>         the page's origin
//   path=<URL path>                       the page's path (percent-encoded, as location has it)
//   texts=<64 lowercase hex>              SHA-256 of consent_texts_canonical() as shown
//   build=<64 lowercase hex>|-            SHA-256 of the build's file list (dist/embed/sri.txt)
//   sha256=<64 lowercase hex>             SHA-256 of every line above (the canonical bytes)
//
// The last line is a checksum: it catches truncation and corruption on the way, not forgery
// (anyone can recompute it; a proof is what the visitor's browser says, and the service's
// hash chain is what makes the stored history tamper-evident).  Hashing needs a SHA-256,
// which the core does not carry: the service checks it (libcrypto), the browser computes it
// (SubtleCrypto).  Parsing here is strict, bounded, allocation-light and total: any byte
// string gives a proof or a problem naming the line.
//
// Depends on: consent/consent.hpp, the standard library.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/consent/consent.hpp"

namespace passerelle {

inline constexpr std::size_t kMaxProofBytes = 4096;  // a full proof of 32 purposes is < 2.5 KB
inline constexpr std::size_t kMaxProofOriginBytes = 256;
inline constexpr std::size_t kMaxProofPathBytes = 1024;
inline constexpr std::string_view kProofMagic = "passerelle-consent-proof=1";

std::string_view consent_action_name(ConsentAction a);
std::optional<ConsentAction> consent_action_from(std::string_view name);

struct ConsentProof {
  std::string id;
  std::int64_t decided_ms = 0;
  ConsentAction action = ConsentAction::custom;
  std::string cancels;  // "" when none
  int policy_version = 0;
  std::string lang;
  std::vector<std::pair<std::string, bool>> choices;
  std::string origin;
  std::string path;
  std::string texts_sha256;
  std::string build_sha256;  // "" when the page did not say

  // The canonical bytes: every line of the wire format but the sha256 one.
  std::string canonical() const;
  // choices as "necessary:1|audience:0" (the wire's spelling).
  std::string choices_text() const;
};

enum class ProofProblem { none, too_large, malformed, checksum, unknown_policy, wrong_purposes, bad_time };
std::string_view proof_problem_name(ProofProblem p);

struct ParsedProof {
  std::optional<ConsentProof> proof;
  std::string claimed_sha256;   // the sha256 line, for the caller to check
  std::string canonical;        // the bytes it covers
  ProofProblem problem = ProofProblem::none;
  std::string detail;           // which line or field, for the refusal's message
};

// Reads a proof from the bytes of a request body.  Format only: the checksum (needs a
// SHA-256) and the policy (needs the packs) are the caller's, through the functions below.
ParsedProof parse_consent_proof(std::string_view body);

// Choices as a proof's choices= line spells them: "necessary:1|audience:0", in their order
// (the widget takes it from the core, whose JSON objects would sort the purposes).
std::string consent_choices_text(const std::vector<std::pair<std::string, bool>>& choices);

// What each policy version declares: its purposes in order, and which are required.  Built
// from the packs a service is given (a version must mean one set of purposes).
struct ProofPolicy {
  std::vector<std::string> purposes;
  std::vector<std::string> required;
};
using ProofPolicyBook = std::map<int, ProofPolicy>;

// Adds a pack's consent config to the book; false (and `why`) when that version is already
// there with other purposes.
bool add_proof_policy(ProofPolicyBook& book, const ConsentConfig& config, std::string& why);

// unknown_policy, wrong_purposes (not exactly the version's, in order, or a required one
// refused), bad_time (before 2020 or more than a day after `received_ms`), or none.
ProofProblem check_proof(const ConsentProof& p, const ProofPolicyBook& book, std::int64_t received_ms,
                         std::string& detail);

// What the visitor was shown, as the bytes whose SHA-256 a proof carries (`texts=`): the
// banner's and the panel's words in `lang` (ConsentConfig::texts_in's fallbacks), then each
// purpose's name and description and its services' names, in display order.  Each piece is
// written as "<bytes>:<text>\n" so no text can pass for two.
std::string consent_texts_canonical(const ConsentConfig& config, std::string_view lang);

}  // namespace passerelle
