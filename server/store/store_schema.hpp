#pragma once

#include "store/sqlite_connection.hpp"

namespace veche::store {

// The version prepare_schema leaves in PRAGMA user_version.
inline constexpr int schema_version = 9;

// How a commit reaches the disk.
enum class durability {
    fsynced,  // the WAL is fsynced at every commit: an ack survives kill -9 and power loss
    copy,     // never fsynced: a copy made again from elsewhere at every start (a cluster node's)
};

// Puts the database in WAL mode and creates or upgrades the tables. The
// unique keys are what make a retried write harmless.
void prepare_schema(sqlite_connection& db, durability d = durability::fsynced);

}  // namespace veche::store
