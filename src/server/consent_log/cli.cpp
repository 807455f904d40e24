// cli.cpp — the command dispatch, usage and the exit codes of cli.hpp.  serve lives in
// cli_serve.cpp, the record commands in cli_records.cpp.
//
// Depends on: cli.hpp, cli_args.hpp, cli_records.hpp, cli_serve.hpp, policy.hpp, store.hpp.
#include "server/consent_log/cli.hpp"

#include <map>
#include <ostream>

#include "server/consent_log/cli_args.hpp"
#include "server/consent_log/cli_records.hpp"
#include "server/consent_log/cli_serve.hpp"
#include "server/consent_log/policy.hpp"

namespace passerelle::consent_log {
namespace {

constexpr const char* kUsageText =
    "usage: passerelle-consent-log COMMAND [options]\n"
    "  serve --db WHERE --pack PACK... --allow-origin ORIGIN... [--listen HOST:PORT] [--rate N] [--threads N]\n"
    "  show ID --db WHERE [--pack PACK...]\n"
    "  export --db WHERE --format csv|jsonl [--since DATE]\n"
    "  verify --db WHERE\n"
    "  purge --db WHERE --older-than DAYS\n"
    "  migrate --db WHERE\n"
    "  texts-hash PACK [--lang LANG]\n"
    "WHERE: a SQLite file (sqlite:PATH, or a path ending in .db) or postgresql://... (libpq)\n"
    "Exit: 0 done, 1 no (verify: broken; show: not found), 2 usage, 3 database, 4 pack\n";

const std::map<std::string, std::vector<std::string>>& known_options() {
  static const std::map<std::string, std::vector<std::string>> k = {
      {"serve", {"db", "pack", "allow-origin", "listen", "rate", "threads"}},
      {"show", {"db", "pack"}},
      {"export", {"db", "format", "since"}},
      {"verify", {"db"}},
      {"purge", {"db", "older-than"}},
      {"migrate", {"db"}},
      {"texts-hash", {"lang"}}};
  return k;
}

int texts_hash_command(const Args& a, std::ostream& out, std::ostream& err) {
  if (a.positional.size() != 1) {
    err << "texts-hash: give one pack\n";
    return kUsage;
  }
  std::string why;
  const auto config = read_pack_consent(a.positional[0], why);
  if (!config) {
    err << "texts-hash: " << why << "\n";
    return kPack;
  }
  out << texts_hash(*config, a.one("lang").value_or("fr")) << "\n";
  return kOk;
}

// Opens the database (and brings its schema up to date for migrate and serve).
int with_store(const Args& a, std::ostream& out, std::ostream& err) {
  const auto where = a.one("db");
  if (!where) {
    err << a.command << ": --db is required (a SQLite file, or postgresql://...)\n";
    return kUsage;
  }
  try {
    std::unique_ptr<Store> store = open_store(*where);
    if (a.command == "migrate" || a.command == "serve") store->migrate();
    else if (store->schema_version() == 0) {
      err << a.command << ": " << store->describe() << " holds no consent log (run serve or migrate first)\n";
      return kDatabase;
    }
    if (a.command == "serve") return cmd_serve(*store, a, out, err);
    if (a.command == "show") return cmd_show(*store, a, out, err);
    if (a.command == "export") return cmd_export(*store, a, out, err);
    if (a.command == "verify") return cmd_verify(*store, out, err);
    if (a.command == "purge") return cmd_purge(*store, a, out, err);
    out << "schema version " << store->schema_version() << " in " << store->describe() << "\n";
    return kOk;
  } catch (const StoreError& e) {
    err << a.command << ": " << e.what() << "\n";
    return kDatabase;
  }
}

}  // namespace

int run_cli(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "help") {
    (argv.empty() ? err : out) << kUsageText;
    return argv.empty() ? kUsage : kOk;
  }
  const auto known = known_options().find(argv[0]);
  if (known == known_options().end()) {
    err << "unknown command \"" << argv[0] << "\"\n" << kUsageText;
    return kUsage;
  }
  std::string why;
  const std::optional<Args> a = parse_args(argv, known->second, why);
  if (!a) {
    err << argv[0] << ": " << why << "\n" << kUsageText;
    return kUsage;
  }
  if (a->command == "texts-hash") return texts_hash_command(*a, out, err);
  if (a->command != "show" && !a->positional.empty()) {
    err << a->command << ": unexpected argument \"" << a->positional[0] << "\"\n";
    return kUsage;
  }
  return with_store(*a, out, err);
}

}  // namespace passerelle::consent_log
