#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace veche::config {

// "HOST:PORT" or "[IPv6]:PORT"; port 0 asks the system for a free port.
struct listen_address {
    std::string host;
    std::uint16_t port = 0;

    static std::optional<listen_address> parse(std::string_view text);
    std::string to_string() const;
};

}  // namespace veche::config
