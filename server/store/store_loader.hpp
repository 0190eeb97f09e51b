#pragma once

#include "store/sqlite_connection.hpp"
#include "store/stored_session.hpp"

#include <map>
#include <string>

namespace veche::store {

// Reads every session's state back, to rebuild the rooms at start-up, with
// the request ids answered at `oldest_request` or later.
std::map<std::string, stored_session> load_sessions(sqlite_connection& db, core::epoch_ms oldest_request);

}  // namespace veche::store
