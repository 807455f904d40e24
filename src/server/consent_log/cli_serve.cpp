// cli_serve.cpp — `serve` (see cli.hpp): reads its options and the packs, starts the service
// and its HTTP server, and stops cleanly on SIGINT or SIGTERM: no new request is taken, the
// proofs already queued are committed and answered, then the process exits 0.  A kill -9
// loses only proofs not yet acknowledged (their senders resend them).
//
// Signals are blocked in every thread and taken by one waiting thread (sigwait), so no
// handler runs inside httplib or libpq.
//
// Depends on: cli_serve.hpp, cli.hpp, http.hpp, service.hpp, policy.hpp.
#include "server/consent_log/cli_serve.hpp"

#include <signal.h>

#include <ostream>
#include <thread>

#include "server/consent_log/cli.hpp"
#include "server/consent_log/http.hpp"
#include "server/consent_log/policy.hpp"
#include "server/consent_log/service.hpp"

namespace passerelle::consent_log {
namespace {

bool parse_int(const std::string& s, int lo, int hi, int& out) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(s);
  return out >= lo && out <= hi;
}

// "--listen 127.0.0.1:8091", "[::1]:8091" or ":8091" (127.0.0.1).
bool parse_listen(const std::string& s, HttpOptions& o) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos || !parse_int(s.substr(colon + 1), 0, 65535, o.port)) return false;
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  o.host = host.empty() ? "127.0.0.1" : host;
  return true;
}

// Options to ServiceOptions and HttpOptions; kOk, kUsage or kPack.
int read_options(const Args& a, ServiceOptions& so, HttpOptions& ho, std::ostream& err) {
  so.allowed_origins = a.all("allow-origin");
  if (a.all("pack").empty() || so.allowed_origins.empty()) {
    err << "serve: give the site's packs (--pack, repeatable) and the origins of its pages (--allow-origin, repeatable; '*' for any)\n";
    return kUsage;
  }
  if (a.one("listen") && !parse_listen(*a.one("listen"), ho)) {
    err << "serve: --listen HOST:PORT (for example 127.0.0.1:8091)\n";
    return kUsage;
  }
  if (a.one("rate") && !parse_int(*a.one("rate"), 0, 1000000, so.rate_per_minute)) {
    err << "serve: --rate N proofs per minute per client (0: no limit)\n";
    return kUsage;
  }
  if (a.one("threads") && !parse_int(*a.one("threads"), 1, 1024, ho.threads)) {
    err << "serve: --threads N, 1 to 1024\n";
    return kUsage;
  }
  SitePolicies site;
  std::string why;
  if (!load_policies(a.all("pack"), site, why)) {
    err << "serve: " << why << "\n";
    return kPack;
  }
  so.policies = std::move(site.book);
  return kOk;
}

}  // namespace

int cmd_serve(Store& store, const Args& a, std::ostream& out, std::ostream& err) {
  ServiceOptions so;
  HttpOptions ho;
  if (const int rc = read_options(a, so, ho, err); rc != kOk) return rc;

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: they inherit it

  Service service(store, so);
  HttpServer http(service, ho);
  const int port = http.bind();
  if (port < 0) {
    err << "serve: " << http.error() << "\n";
    return kUsage;
  }
  out << "passerelle-consent-log: listening on http://" << ho.host << ":" << port << "/consent-log (" << store.describe()
      << ", schema " << store.schema_version() << ", " << so.policies.size() << " policy version(s))" << std::endl;
  std::thread waiter([&http, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.stop();
  });
  http.run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // if run() ended by itself, wake the waiter
  waiter.join();
  out << "passerelle-consent-log: stopped (" << service.count(Outcome::stored) << " stored, "
      << service.count(Outcome::duplicate) << " duplicates this run)" << std::endl;
  return kOk;
}

}  // namespace passerelle::consent_log
