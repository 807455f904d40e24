// http.cpp — routes and CORS on cpp-httplib (see http.hpp).
//
// Depends on: http.hpp, service.hpp, cpp-httplib.
#include "server/consent_log/http.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>

namespace passerelle::consent_log {
namespace {

// Bodies above this are cut by httplib itself (413, uncounted); below it, the service reads
// and counts them (its own limit is kMaxProofBytes).
constexpr std::size_t kHttpBodyLimit = 64 * 1024;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string client_key(const httplib::Request& req) {
  const bool from_proxy = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  if (from_proxy && req.has_header("X-Real-IP")) return req.get_header_value("X-Real-IP");
  return req.remote_addr;
}

}  // namespace

HttpServer::HttpServer(Service& service, HttpOptions options)
    : service_(service), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  server_->set_payload_max_length(kHttpBodyLimit);
  server_->set_keep_alive_max_count(1000);
  server_->set_keep_alive_timeout(5);
  server_->set_read_timeout(5);
  server_->set_write_timeout(5);
  // Debian's library listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed when it
  // was built): a burst of new connections (nginx opening upstream ones, or a crowd of
  // clients) would see SYNs dropped and retried a second later.  The socket is kept here and
  // listen() is called again after bind with a real backlog (Linux takes the new value).
  server_->set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_socket_ = sock;
  });
  routes();
}

HttpServer::~HttpServer() = default;

void HttpServer::routes() {
  const auto cors = [this](const httplib::Request& req, httplib::Response& res) {
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && service_.origin_allowed(origin)) {
      res.set_header("Access-Control-Allow-Origin", origin);
      res.set_header("Vary", "Origin");
    }
  };
  server_->Post("/consent-log", [this, cors](const httplib::Request& req, httplib::Response& res) {
    const Answer a = service_.ingest(req.body, req.get_header_value("Origin"), client_key(req), now_ms());
    cors(req, res);
    res.status = a.status;
    res.set_header("Cache-Control", "no-store");
    if (a.outcome == Outcome::rate_limited || a.outcome == Outcome::unavailable) res.set_header("Retry-After", "30");
    res.set_content(a.body, "application/json");
  });
  server_->Options("/consent-log", [this, cors](const httplib::Request& req, httplib::Response& res) {
    if (!service_.origin_allowed(req.get_header_value("Origin"))) {
      res.status = 403;
      return;
    }
    cors(req, res);
    res.status = 204;
    res.set_header("Access-Control-Allow-Methods", "POST");
    res.set_header("Access-Control-Allow-Headers", "Content-Type");
    res.set_header("Access-Control-Max-Age", "86400");
  });
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(service_.metrics(), "text/plain; version=0.0.4");
  });
}

int HttpServer::bind() {
  const int port = options_.port == 0 ? server_->bind_to_any_port(options_.host)
                                      : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port < 0) error_ = "cannot listen on " + options_.host + ":" + std::to_string(options_.port) + " (in use, or not an address of this machine)";
  else if (listen_socket_ >= 0) ::listen(listen_socket_, 1024);
  return port;
}

void HttpServer::run() { server_->listen_after_bind(); }

void HttpServer::stop() { server_->stop(); }

}  // namespace passerelle::consent_log
