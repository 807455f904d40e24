// passerelle_pack_main.cpp — the passerelle-pack command-line tool.
//
//   passerelle-pack validate FILE…   checks content packs; prints each problem as
//                                    "file:line:col: error Pxxx at /pointer: expected …, found …"
//   passerelle-pack prerender SHELL PACK OUT [--base-url URL] [--pack-url URL]
//                                    writes OUT: the shell with the pack's head and semantic
//                                    mirror filled in (core/prerender.hpp)
//   passerelle-pack css RULES OUT [--map-geometry FILE]
//                                    writes OUT: the design tokens as CSS (core/design/
//                                    stylesheet.hpp) followed by the hand-written RULES
//
// Exit status: 0 every file is valid, 1 a file is invalid or unreadable, 2 usage error.
// Diagnostics go to stderr, "FILE: ok" to stdout, so scripts can use either.
//
// Nothing is ever read or written in part: a file over its limit is an error (exit 1, with its
// real size), and OUT is written to OUT.tmp then renamed.
//
// Depends on: core/pack.hpp (and through it the whole validator), core/diagnostic.hpp,
// core/design/stylesheet.hpp (the tokens as CSS), core/map/geometry.hpp (the map's frame),
// core/base/url_policy.hpp (the URLs written into the page), the standard library.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/url_policy.hpp"
#include "core/design/stylesheet.hpp"
#include "core/map/geometry.hpp"
#include "core/mirror/consent_kit.hpp"
#include "core/mirror/prerender.hpp"
#include "core/pack/pack.hpp"

namespace {

constexpr const char* kUsage =
    "usage: passerelle-pack validate FILE...\n"
    "       passerelle-pack prerender SHELL PACK OUT [--base-url URL] [--pack-url URL]\n"
    "       passerelle-pack css RULES OUT [--map-geometry FILE]\n"
    "       passerelle-pack consent-banner PACK RULES OUT\n"
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
    "--pack-url defaults to content/ + PACK's file name. SHELL may hold at most 1 MiB, PACK\n"
    "at most 2 MiB: a larger file is an error, never read in part.\n"
    "\n"
    "css writes OUT, the page's stylesheet: the design tokens (colours in light and dark, the\n"
    "type scale and spacing per width tier, the fonts) as CSS custom properties, followed by\n"
    "RULES (shell/passerelle.css, at most 1 MiB), which uses only those properties; comments\n"
    "and extra white space are left out. --map-geometry (dist/content/map-geometry.json) gives\n"
    "the map's proportions, so the HTML keeps the canvas's map box.\n"
    "\n"
    "consent-banner writes OUT, the consent embed's kit (JSON): PACK's banner as HTML, as a first\n"
    "visit sees it, and its \"Gérer mes cookies\" button, the design tokens and RULES\n"
    "(shell/passerelle.css) as a shadow root's stylesheet, and what a first choice needs (policy\n"
    "version, retention, purposes, the texts a proof hashes). A pack without consent is an error.\n"
    "\n"
    "Exit status: 0 all files valid, 1 a file is invalid or unreadable, 2 usage error.\n";

// The largest shell prerender reads (shell/index.html is about 10 KB); a larger one is refused.
constexpr std::size_t kMaxShellBytes = 1 << 20;

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

// "2097153 bytes" from the file system, for a file we stopped reading at its limit.
std::string real_size(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? "more than that" : std::to_string(size) + " bytes";
}

// Reads a whole file of at most `limit` bytes.  Never a prefix: a larger file is an error
// (a silently cut shell or pack would make a page that is wrong without anyone knowing).
bool read_whole(const std::string& path, std::size_t limit, std::string& out, std::string& why) {
  if (!read_prefix(path, limit, out, why)) return false;
  if (out.size() > limit) {
    why = "the file is too large: at most " + std::to_string(limit) + " bytes, found " + real_size(path);
    out.clear();
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
    passerelle::Diagnostic d;
    d.code = passerelle::ErrorCode::too_large;
    d.file = path;
    d.expected = "at most " + std::to_string(limits.max_bytes) + " bytes";
    d.found = real_size(path);
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

struct PrerenderArgs {
  std::vector<std::string> files;  // SHELL PACK OUT
  std::string base_url = "http://127.0.0.1:8080/", pack_url;
};

// The arguments of "prerender", or "" and a reason.  Both URLs are written into the page
// (canonical, hreflang, Open Graph, JSON-LD; data-passerelle-pack), so they meet the link
// policy: an absolute http(s) base without userinfo, a pack address that is a plain relative
// path or such a URL.
std::string read_prerender_args(int argc, char** argv, PrerenderArgs& a) {
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if ((arg == "--base-url" || arg == "--pack-url") && i + 1 < argc) {
      (arg == "--base-url" ? a.base_url : a.pack_url) = argv[++i];
    } else if (arg.rfind("--", 0) == 0) {
      return "unknown option (or option without its value) " + std::string(arg);
    } else {
      a.files.emplace_back(arg);
    }
  }
  if (a.files.size() != 3) return "prerender needs SHELL PACK OUT";
  const bool http = a.base_url.rfind("http://", 0) == 0 || a.base_url.rfind("https://", 0) == 0;
  if (!http || !passerelle::is_safe_link_url(a.base_url))
    return "--base-url must be an absolute http(s) address without user name or password: " + a.base_url;
  if (a.base_url.back() != '/') a.base_url += '/';
  if (a.pack_url.empty()) a.pack_url = "content/" + std::filesystem::path(a.files[1]).filename().string();
  if (!passerelle::is_relative_page_href(a.pack_url) && !passerelle::is_safe_link_url(a.pack_url))
    return "--pack-url must be a relative path ([A-Za-z0-9._/-]) or an absolute http(s) address: " + a.pack_url;
  return {};
}

// Writes the whole text or fails: OUT is never left half written under its own name.
bool write_whole(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) std::filesystem::remove(temp, ec);
  return !ec;
}

int prerender(int argc, char** argv) {
  PrerenderArgs a;
  if (const std::string why = read_prerender_args(argc, argv, a); !why.empty()) return usage_error(why);
  const passerelle::PackLimits limits;
  std::string shell, bytes, why;
  if (!read_whole(a.files[0], kMaxShellBytes, shell, why)) {
    std::cerr << a.files[0] << ": error: " << why << "\n";
    return 1;
  }
  if (!read_whole(a.files[1], limits.max_bytes, bytes, why)) {
    std::cerr << a.files[1] << ": error: " << why << "\n";
    return 1;
  }
  const passerelle::PackResult r = passerelle::parse_pack(bytes, a.files[1], limits);
  if (!r.ok()) {
    for (const passerelle::Diagnostic& d : r.errors) std::cerr << passerelle::format(d) << "\n";
    return 1;
  }
  passerelle::PrerenderOptions o;
  o.head.base_url = a.base_url;
  o.head.self_href = std::filesystem::path(a.files[2]).filename().string();
  o.pack_url = a.pack_url;
  const passerelle::PrerenderResult page = passerelle::prerender_page(shell, *r.pack, o);
  if (!page.ok()) {
    std::cerr << a.files[0] << ": error: " << page.error << "\n";
    return 1;
  }
  if (!write_whole(a.files[2], page.html)) {
    std::cerr << a.files[2] << ": error: cannot write the file\n";
    return 1;
  }
  std::cout << a.files[2] << ": written\n";
  return 0;
}

// The page's stylesheet: the tokens, then the hand-written rules that use them.  With
// --map-geometry, the map's box in the HTML has the built geometry's proportions.
int css(int argc, char** argv) {
  if (argc != 4 && !(argc == 6 && std::string_view(argv[4]) == "--map-geometry"))
    return usage_error("css needs RULES OUT [--map-geometry FILE]");
  std::string rules, why;
  if (!read_whole(argv[2], kMaxShellBytes, rules, why)) {
    std::cerr << argv[2] << ": error: " << why << "\n";
    return 1;
  }
  float aspect = 1.25f;
  if (argc == 6) {
    std::string bytes;
    if (!read_whole(argv[5], passerelle::MapGeometryLimits{}.max_bytes, bytes, why)) {
      std::cerr << argv[5] << ": error: " << why << "\n";
      return 1;
    }
    const passerelle::MapGeometryResult g = passerelle::parse_map_geometry(bytes, argv[5]);
    if (!g.ok()) {
      for (const passerelle::Diagnostic& d : g.errors) std::cerr << passerelle::format(d) << "\n";
      return 1;
    }
    const passerelle::MapBox& f = g.geometry->frame;
    if (f.y1 > f.y0) aspect = (f.x1 - f.x0) / (f.y1 - f.y0);
  }
  const std::string css = passerelle::design::token_stylesheet("fonts/", aspect) + rules;
  if (!write_whole(argv[3], passerelle::design::compact_css(css))) {
    std::cerr << argv[3] << ": error: cannot write the file\n";
    return 1;
  }
  std::cout << argv[3] << ": written\n";
  return 0;
}

// The consent embed's kit: the prerendered banner beside the other versioned embed files.
int consent_banner(int argc, char** argv) {
  if (argc != 5) return usage_error("consent-banner needs PACK RULES OUT");
  const passerelle::PackLimits limits;
  std::string bytes, rules, why;
  if (!read_whole(argv[2], limits.max_bytes, bytes, why) || !read_whole(argv[3], kMaxShellBytes, rules, why)) {
    std::cerr << (bytes.empty() ? argv[2] : argv[3]) << ": error: " << why << "\n";
    return 1;
  }
  const passerelle::PackResult r = passerelle::parse_pack(bytes, argv[2], limits);
  if (!r.ok()) {
    for (const passerelle::Diagnostic& d : r.errors) std::cerr << passerelle::format(d) << "\n";
    return 1;
  }
  const passerelle::ConsentKitResult kit = passerelle::consent_kit(*r.pack, rules);
  if (!kit.ok()) {
    std::cerr << argv[2] << ": error: " << kit.error << "\n";
    return 1;
  }
  if (!write_whole(argv[4], kit.json + "\n")) {
    std::cerr << argv[4] << ": error: cannot write the file\n";
    return 1;
  }
  std::cout << argv[4] << ": written\n";
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
  if (command == "css") return css(argc, argv);
  if (command == "consent-banner") return consent_banner(argc, argv);
  if (command != "validate") return usage_error("unknown command \"" + std::string(command) + "\"");
  if (argc < 3) return usage_error("validate needs at least one FILE");

  const passerelle::PackLimits limits;
  bool all_valid = true;
  for (int i = 2; i < argc; ++i) all_valid = validate(argv[i], limits) && all_valid;
  return all_valid ? 0 : 1;
}
