#pragma once

#include <string>
#include <vector>

namespace veche::app {

// `veche token [--config PATH] --role ROLE [--session ID] [--ttl DURATION] [--name NAME]
// [--org TEXT] [--region TEXT]`: prints a token signed with the config's secret
// (a delegate's too: org and region are vouched for); returns the exit code.
int token_command(const std::vector<std::string>& args);

}  // namespace veche::app
