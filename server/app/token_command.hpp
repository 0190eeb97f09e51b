#pragma once

#include <string>
#include <vector>

namespace veche::app {

// `veche token [--config PATH] --role ROLE [--session ID] [--ttl DURATION] [--name NAME]`:
// prints a staff token signed with the config's secret; returns the exit code.
int token_command(const std::vector<std::string>& args);

}  // namespace veche::app
