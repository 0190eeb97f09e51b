#pragma once
// The "regions" key of the config (contract 7.1): the regions delegates may
// name. Absent or null: the 89 subjects of the Russian Federation
// (config/regions-ru.txt, built in). An array: those names. A string: a file
// of names, one a line ("#" starts a comment line), relative to the config
// file's folder.

#include "core/region_list.hpp"

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace veche::config {

// config/regions-ru.txt as it was when the executable was built.
extern const char* const default_regions_text;

// Throws config_error naming `key` (and the file and line for a file).
core::region_list parse_regions(const nlohmann::json* value, const std::filesystem::path& config_dir);

// The names of a regions file; `where` names it in errors.
core::region_list regions_from_lines(std::string_view text, const std::string& where);

}  // namespace veche::config
