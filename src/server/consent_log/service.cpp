// service.cpp — the checks of POST /consent-log, in order (see service.hpp): rate, size,
// format, checksum, origin, policy, then the writer.  The cheap checks come first, so a
// flood of garbage costs little; the rate comes before everything, so it does too.
//
// Depends on: service.hpp, sha256.hpp, core/consent/proof.hpp.
#include "server/consent_log/service.hpp"

#include <algorithm>

#include "server/consent_log/sha256.hpp"

namespace passerelle::consent_log {
namespace {

constexpr std::array<std::string_view, kOutcomeCount> kNames = {
    "stored", "duplicate", "malformed", "checksum", "origin", "conflict", "too_large", "unknown_policy",
    "wrong_purposes", "bad_time", "rate_limited", "unavailable", "failed"};
constexpr std::array<int, kOutcomeCount> kStatus = {201, 200, 400, 400, 403, 409, 413, 422, 422, 422, 429, 503, 500};

// A JSON string of text the service wrote itself or checked to be printable ASCII; anything
// else is replaced, so a body can never carry a control character.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c >= ' ' && c < 0x7F) ? c : '?';
  }
  return out + "\"";
}

Outcome outcome_of(ProofProblem p) {
  switch (p) {
    case ProofProblem::too_large: return Outcome::too_large;
    case ProofProblem::checksum: return Outcome::checksum;
    case ProofProblem::unknown_policy: return Outcome::unknown_policy;
    case ProofProblem::wrong_purposes: return Outcome::wrong_purposes;
    case ProofProblem::bad_time: return Outcome::bad_time;
    default: return Outcome::malformed;
  }
}

}  // namespace

std::string_view outcome_name(Outcome o) { return kNames[static_cast<std::size_t>(o)]; }
int outcome_status(Outcome o) { return kStatus[static_cast<std::size_t>(o)]; }

Service::Service(Store& store, ServiceOptions options)
    : options_(std::move(options)), limiter_(options_.rate_per_minute), ingest_(store) {}

bool Service::origin_allowed(std::string_view origin) const {
  return std::any_of(options_.allowed_origins.begin(), options_.allowed_origins.end(),
                     [&](const std::string& o) { return o == "*" || o == origin; });
}

Answer Service::answer(Outcome o, std::string detail, const std::string& id) {
  counts_[static_cast<std::size_t>(o)]++;
  Answer a{o, outcome_status(o), "{\"outcome\":" + quoted(outcome_name(o))};
  if (!id.empty()) a.body += ",\"id\":" + quoted(id);
  if (!detail.empty()) a.body += ",\"detail\":" + quoted(detail);
  a.body += "}";
  return a;
}

Answer Service::ingest(std::string_view body, std::string_view origin_header, const std::string& client,
                       std::int64_t now_ms) {
  if (!limiter_.allow(client, now_ms)) return answer(Outcome::rate_limited, "too many proofs from this client: retry later");
  ParsedProof parsed = parse_consent_proof(body);
  if (!parsed.proof) return answer(outcome_of(parsed.problem), parsed.detail);
  const ConsentProof& p = *parsed.proof;
  if (sha256_hex(parsed.canonical) != parsed.claimed_sha256)
    return answer(Outcome::checksum, "sha256 does not match the proof's bytes", p.id);
  if (!origin_header.empty() && !origin_allowed(origin_header))
    return answer(Outcome::origin, "requests from " + std::string(origin_header) + " are not accepted here", p.id);
  if (!origin_allowed(p.origin)) return answer(Outcome::origin, "proofs for pages of " + p.origin + " are not accepted here", p.id);
  std::string why;
  if (const ProofProblem problem = check_proof(p, options_.policies, now_ms, why); problem != ProofProblem::none)
    return answer(outcome_of(problem), why, p.id);

  std::future<AppendResult> f = ingest_.submit({p, now_ms});
  if (f.wait_for(options_.answer_timeout) != std::future_status::ready)
    return answer(Outcome::unavailable, "the database did not answer in time", p.id);  // may yet be stored: a resend is a duplicate
  const AppendResult r = f.get();
  switch (r.status) {
    case AppendStatus::stored: return answer(Outcome::stored, {}, p.id);
    case AppendStatus::duplicate: return answer(Outcome::duplicate, {}, p.id);
    case AppendStatus::conflict: return answer(Outcome::conflict, "another proof with this id is stored", p.id);
    case AppendStatus::unavailable: return answer(Outcome::unavailable, r.message, p.id);
    case AppendStatus::failed: break;
  }
  return answer(Outcome::failed, r.message, p.id);
}

std::string Service::metrics() const {
  std::string out = "# TYPE consent_log_answers counter\n";
  for (std::size_t i = 0; i < kOutcomeCount; ++i)
    out += "consent_log_answers{outcome=\"" + std::string(kNames[i]) + "\"} " + std::to_string(counts_[i].load()) + "\n";
  return out;
}

}  // namespace passerelle::consent_log
