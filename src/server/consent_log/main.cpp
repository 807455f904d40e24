// main.cpp — passerelle-consent-log: the proof-of-consent record service and its operator's
// commands (cli.hpp).
//
// Depends on: cli.hpp.
#include <iostream>
#include <string>
#include <vector>

#include "server/consent_log/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return passerelle::consent_log::run_cli(args, std::cout, std::cerr);
}
