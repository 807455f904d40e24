// passerelle_pack_main.cpp — the passerelle-pack command-line tool.
//
//   passerelle-pack validate FILE…   checks content packs; prints each problem as
//                                    "file:line:col: error Pxxx at /pointer: expected …, found …"
//   passerelle-pack prerender SHELL PACK OUT [--base-url URL] [--pack-url URL]
//                                    writes OUT: the shell with the pack's head and semantic
//                                    mirror filled in (core/prerender.hpp)
//
// Exit status: 0 every file is valid, 1 a file is invalid or unreadable, 2 usage error.
// Diagnostics go to stderr, "FILE: ok" to stdout, so scripts can use either.
//
// Depends on: core/pack.hpp (and through it the whole validator), core/diagnostic.hpp, the
// standard library.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/pack/pack.hpp"
#include "core/mirror/prerender.hpp"

namespace {

constexpr const char* kUsage =
    "usage: passerelle-pack validate FILE...\n"
    "       passerelle-pack prerender SHELL PACK OUT [--base-url URL] [--pack-url URL]\n"
    "\n"
    "Checks Passerelle content packs (JSON, see content/pack.schema.json).\n"
    "Prints each problem as file:line:column: error Pxxx at /json/pointer: expected ..., found ...\n"
    "and \"FILE: ok\" for each valid file.\n"
    "\n"
    "\n"
    "prerender writes OUT, the page as HTML before any script runs: SHELL (shell/index.html,\n"
    "with its @LANG@, @PACK@, <!-- @HEAD@ --> and <!-- @MIRROR@ --> markers) filled with\n"
    "PACK's head (title, description, canonical, hreflang, Open Graph, JSON-LD) and its\n"
    "semantic mirror. --base-url is where the site is published (absolute, default\n"
    "http://127.0.0.1:8080/); the page's own address is --base-url + OUT's file name.\n"
    "--pack-url defaults to content/ + PACK's file name.\n"
    "\n"
    "Exit status: 0 all files valid, 1 a file is invalid or unreadable, 2 usage error.\n";

int usage_error(const std::string& why) {
  std::cerr << "passerelle-pack: " << why << "\n\n" << kUsage;
  return 2;
}

// Reads at most limit + 1 bytes: enough to know that a file is too large without reading a
// huge one whole.  False (with why) when the file cannot be read.
bool read_prefix(const std::string& path, std::size_t limit, std::string& out, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = "cannot open the file";
    return false;
  }
  out.assign(limit + 1, '\0');
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (in.bad()) {
    why = "cannot read the file (is it a directory?)";
    return false;
  }
  out.resize(static_cast<std::size_t>(in.gcount()));
  // A directory opens on Linux but reads nothing and sets failbit without eof.
  if (out.empty() && !in.eof()) {
    why = "cannot read the file (is it a directory?)";
    return false;
  }
  return true;
}

bool validate(const std::string& path, const passerelle::PackLimits& limits) {
  std::string bytes, why;
  if (!read_prefix(path, limits.max_bytes, bytes, why)) {
    std::cerr << path << ": error: " << why << "\n";
    return false;
  }
  if (bytes.size() > limits.max_bytes) {
    // We stopped reading at the limit; say how large the file really is.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    passerelle::Diagnostic d;
    d.code = passerelle::ErrorCode::too_large;
    d.file = path;
    d.expected = "at most " + std::to_string(limits.max_bytes) + " bytes";
    d.found = ec ? "more than that" : std::to_string(size) + " bytes";
    std::cerr << passerelle::format(d) << "\n";
    return false;
  }
  const passerelle::PackResult r = passerelle::parse_pack(bytes, path, limits);
  if (r.ok()) {
    std::cout << path << ": ok\n";
    return true;
  }
  for (const passerelle::Diagnostic& d : r.errors) std::cerr << passerelle::format(d) << "\n";
  return false;
}

int prerender(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string base_url = "http://127.0.0.1:8080/", pack_url;
  for (int i = 2; i < argc; ++i) {
    const std::string_view a = argv[i];
    if ((a == "--base-url" || a == "--pack-url") && i + 1 < argc) {
      (a == "--base-url" ? base_url : pack_url) = argv[++i];
    } else if (a.rfind("--", 0) == 0) {
      return usage_error("unknown option " + std::string(a));
    } else {
      pos.emplace_back(a);
    }
  }
  if (pos.size() != 3) return usage_error("prerender needs SHELL PACK OUT");
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
    return usage_error("--base-url must be an absolute http(s) address");
  if (base_url.back() != '/') base_url += '/';
  const passerelle::PackLimits limits;
  std::string shell, bytes, why;
  if (!read_prefix(pos[0], 1 << 20, shell, why)) {
    std::cerr << pos[0] << ": error: " << why << "\n";
    return 1;
  }
  if (!read_prefix(pos[1], limits.max_bytes, bytes, why)) {
    std::cerr << pos[1] << ": error: " << why << "\n";
    return 1;
  }
  const passerelle::PackResult r = passerelle::parse_pack(bytes, pos[1], limits);
  if (!r.ok()) {
    for (const passerelle::Diagnostic& d : r.errors) std::cerr << passerelle::format(d) << "\n";
    return 1;
  }
  passerelle::PrerenderOptions o;
  o.head.base_url = base_url;
  o.head.self_href = std::filesystem::path(pos[2]).filename().string();
  o.pack_url = pack_url.empty() ? "content/" + std::filesystem::path(pos[1]).filename().string() : pack_url;
  const passerelle::PrerenderResult page = passerelle::prerender_page(shell, *r.pack, o);
  if (!page.ok()) {
    std::cerr << pos[0] << ": error: " << page.error << "\n";
    return 1;
  }
  std::ofstream out(pos[2], std::ios::binary);
  out << page.html;
  if (!out.flush()) {
    std::cerr << pos[2] << ": error: cannot write the file\n";
    return 1;
  }
  std::cout << pos[2] << ": written\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("no command given");
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "prerender") return prerender(argc, argv);
  if (command != "validate") return usage_error("unknown command \"" + std::string(command) + "\"");
  if (argc < 3) return usage_error("validate needs at least one FILE");

  const passerelle::PackLimits limits;
  bool all_valid = true;
  for (int i = 2; i < argc; ++i) all_valid = validate(argv[i], limits) && all_valid;
  return all_valid ? 0 : 1;
}
