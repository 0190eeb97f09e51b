#pragma once

#include <string>
#include <vector>

namespace veche::app {

// `veche serve [--config PATH] [--listen HOST:PORT] [--data DIR]`; returns the exit code.
int serve_command(const std::vector<std::string>& args);

}  // namespace veche::app
