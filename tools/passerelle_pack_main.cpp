// passerelle_pack_main.cpp — the passerelle-pack command-line tool.
//
//   passerelle-pack validate FILE…   checks content packs; prints each problem as
//                                    "file:line:col: error Pxxx at /pointer: expected …, found …"
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

#include "core/pack.hpp"

namespace {

constexpr const char* kUsage =
    "usage: passerelle-pack validate FILE...\n"
    "\n"
    "Checks Passerelle content packs (JSON, see content/pack.schema.json).\n"
    "Prints each problem as file:line:column: error Pxxx at /json/pointer: expected ..., found ...\n"
    "and \"FILE: ok\" for each valid file.\n"
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("no command given");
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command != "validate") return usage_error("unknown command \"" + std::string(command) + "\"");
  if (argc < 3) return usage_error("validate needs at least one FILE");

  const passerelle::PackLimits limits;
  bool all_valid = true;
  for (int i = 2; i < argc; ++i) all_valid = validate(argv[i], limits) && all_valid;
  return all_valid ? 0 : 1;
}
