#pragma once
// Anyone who can read auth.secret can mint an admin token. The server says so
// at start when its config file holds the secret and users other than the
// service's own can read the file (docs/operations.md, "The secret").

#include "config/settings.hpp"

#include <string>

namespace veche::app {

// Logs one warning (never the secret) when config_path is readable by others; otherwise nothing.
void warn_if_secret_exposed(const std::string& config_path, const config::auth_settings& auth);

}  // namespace veche::app
