#pragma once

#include "store/sqlite_connection.hpp"
#include "store/stored_session.hpp"

#include <map>
#include <string>

namespace veche::store {

// Reads every session's state back, to rebuild the rooms at start-up.
std::map<std::string, stored_session> load_sessions(sqlite_connection& db);

}  // namespace veche::store
