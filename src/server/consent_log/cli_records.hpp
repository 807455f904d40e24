// cli_records.hpp — the commands that read or change stored records: show, export, verify,
// purge, migrate (cli.hpp says their options and exit codes).
//
// Depends on: cli_args.hpp, store.hpp.
#pragma once
#include <iosfwd>

#include "server/consent_log/cli_args.hpp"
#include "server/consent_log/store.hpp"

namespace passerelle::consent_log {

int cmd_show(Store& store, const Args& a, std::ostream& out, std::ostream& err);
int cmd_export(Store& store, const Args& a, std::ostream& out, std::ostream& err);
int cmd_verify(Store& store, std::ostream& out, std::ostream& err);
int cmd_purge(Store& store, const Args& a, std::ostream& out, std::ostream& err);

// The visitor's history around `id`: every record linked to it through cancels, either way,
// in chain order (at most `limit`).
std::vector<StoredRecord> history(Store& store, const std::string& id, std::size_t limit = 1000);

}  // namespace passerelle::consent_log
