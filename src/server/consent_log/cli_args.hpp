// cli_args.hpp — the command line read into a command, its positional arguments and its
// --options (each option may repeat; every one must be known to the command).
//
// Depends on: the standard library.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace passerelle::consent_log {

struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;

  std::optional<std::string> one(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  }
  std::vector<std::string> all(const std::string& name) const {
    const auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
  }
};

// Reads "--name value" and "--name=value"; why on an option without a value or not in known.
std::optional<Args> parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& known,
                               std::string& why);

}  // namespace passerelle::consent_log
