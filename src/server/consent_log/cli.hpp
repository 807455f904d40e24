// cli.hpp — passerelle-consent-log's commands and their exit codes.
//
//   serve     --db WHERE --pack PACK… --allow-origin ORIGIN… [--listen HOST:PORT] [--rate N] [--threads N]
//   show ID   --db WHERE [--pack PACK…]      one visitor's history: the record, those it replaced, those that replaced it
//   export    --db WHERE --format csv|jsonl [--since DATE]
//   verify    --db WHERE                     walks the chain
//   purge     --db WHERE --older-than DAYS   removes the oldest records (a prefix of the chain)
//   migrate   --db WHERE                     applies the schema's migrations (serve does too)
//   texts-hash PACK [--lang L]               the texts hash a page of this pack shows
//
// Exit codes: 0 done; 1 the answer is no (verify: the chain is broken; show: no such record);
// 2 usage (unknown command or option, a bad value); 3 the database cannot be opened or
// answers with an error; 4 a pack cannot be read or is invalid.
//
// Depends on: the standard library.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace passerelle::consent_log {

enum Exit { kOk = 0, kNo = 1, kUsage = 2, kDatabase = 3, kPack = 4 };

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace passerelle::consent_log
