// cli_serve.hpp — `serve`: the HTTP service over an open store, until SIGINT or SIGTERM.
//
// Depends on: cli_args.hpp, store.hpp.
#pragma once
#include <iosfwd>

#include "server/consent_log/cli_args.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {

int cmd_serve(Store& store, const Args& a, std::ostream& out, std::ostream& err);

}  // namespace passerelle::consent_log
