// http.hpp — the service's HTTP side, on cpp-httplib (Debian's libcpp-httplib 0.11): the
// routes, CORS for the listed origins, and the client key of the rate limit.
//
//   POST    /consent-log   a proof (service.hpp says the answers)
//   OPTIONS /consent-log   CORS preflight, for the listed origins only (a text/plain POST
//                          needs none; other clients may still ask)
//   GET     /healthz       "ok": the process is up (not whether the database is)
//   GET     /metrics       the answers counted by outcome (Prometheus' text format)
//
// The client key is the peer's address, or the X-Real-IP header when the peer is the local
// proxy (nginx on 127.0.0.1 or ::1 sets it: deploy/nginx/).  It goes only to the rate
// limiter's memory; no address or user agent is ever stored or logged.
//
// Depends on: service.hpp, cpp-httplib.
#pragma once
#include <memory>
#include <string>

#include "server/consent_log/service.hpp"

namespace httplib { class Server; }

namespace passerelle::consent_log {

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8091;   // 0: any free port (the tests)
  int threads = 64;  // connections served at once
};

class HttpServer {
 public:
  HttpServer(Service& service, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int bind();   // the port bound, or -1 (with why in error())
  void run();   // serves until stop()
  void stop();  // from any thread or a signal-safe waker
  const std::string& error() const { return error_; }

 private:
  void routes();
  Service& service_;
  HttpOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int listen_socket_ = -1;
  std::string error_;
};

}  // namespace passerelle::consent_log
