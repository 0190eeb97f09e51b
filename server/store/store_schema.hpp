#pragma once

#include "store/sqlite_connection.hpp"

namespace veche::store {

// The version prepare_schema leaves in PRAGMA user_version.
inline constexpr int schema_version = 9;

// Puts the database in WAL mode with full fsync and creates or upgrades the
// tables. The unique keys are what make a retried write harmless.
void prepare_schema(sqlite_connection& db);

}  // namespace veche::store
