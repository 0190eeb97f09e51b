#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace veche::config {

// "45s", "15m", "12h", "7d" (a positive whole number and a unit).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace veche::config
