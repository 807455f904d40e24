// schema.hpp — the one schema of both databases, as numbered migrations: a store applies those
// its database has not seen, each in its own transaction, and records it in
// consent_schema_migrations.  Written in the SQL both SQLite and PostgreSQL read; the few
// differences are spelled out per dialect.  Never edit a migration that shipped: add one.
//
// Depends on: the standard library.
#pragma once
#include <string>
#include <vector>

namespace passerelle::consent_log {

enum class Dialect { sqlite, postgres };

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;
};

const std::vector<Migration>& migrations(Dialect d);
int latest_schema_version();

// The columns every read selects, in StoredRecord's order (stores read rows with it).
extern const char* const kRecordColumns;

}  // namespace passerelle::consent_log
