#pragma once

#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace veche::test {

// config/demo.json from the source tree, to be changed by a test.
nlohmann::json demo_config();

// Writes the config to DIR/name and returns the path as a string.
std::string write_config(const temp_dir& dir, const nlohmann::json& config, const std::string& name = "veche.json");

}  // namespace veche::test
