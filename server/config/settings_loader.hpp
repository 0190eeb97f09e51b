#pragma once

#include "config/settings.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace veche::config {

// Reads and validates a config file. Throws config_error (the file name is
// not part of it; the caller adds it). env_secret is VECHE_SECRET, which wins
// over auth.secret.
settings load_settings_file(const std::string& path, const std::optional<std::string>& env_secret);

// The same for config text already in memory; files it names (a regions
// list) are read relative to config_dir.
settings parse_settings(std::string_view text, const std::optional<std::string>& env_secret,
                        const std::filesystem::path& config_dir = {});

}  // namespace veche::config
