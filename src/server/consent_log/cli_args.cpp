// cli_args.cpp — see cli_args.hpp.
//
// Depends on: cli_args.hpp.
#include "server/consent_log/cli_args.hpp"

#include <algorithm>

namespace passerelle::consent_log {

std::optional<Args> parse_args(const std::vector<std::string>& argv, const std::vector<std::string>& known,
                               std::string& why) {
  Args a;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& s = argv[i];
    if (s.rfind("--", 0) != 0) {
      if (a.command.empty()) a.command = s;
      else a.positional.push_back(s);
      continue;
    }
    std::string name = s.substr(2), value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < argv.size()) {
      value = argv[++i];
    } else {
      why = "--" + name + " needs a value";
      return std::nullopt;
    }
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      why = "unknown option --" + name;
      return std::nullopt;
    }
    a.options[name].push_back(value);
  }
  return a;
}

}  // namespace passerelle::consent_log
