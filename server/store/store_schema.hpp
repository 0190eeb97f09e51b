#pragma once

#include "store/sqlite_connection.hpp"

namespace veche::store {

// Puts the database in WAL mode with full fsync and creates or upgrades the
// tables. The unique keys are what make a retried write harmless.
void prepare_schema(sqlite_connection& db);

}  // namespace veche::store
