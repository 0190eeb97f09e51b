#include "config/listen_address.hpp"

#include <cctype>
#include <charconv>

namespace veche::config {

std::optional<listen_address> listen_address::parse(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    auto host = text.substr(0, colon);
    const auto port_text = text.substr(colon + 1);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return std::nullopt;
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return std::nullopt;  // a bare IPv6 address needs brackets
    }
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535)
        return std::nullopt;
    for (char c : host)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':')) return std::nullopt;
    return listen_address{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string listen_address::to_string() const {
    const auto h = host.find(':') != std::string::npos ? '[' + host + ']' : host;
    return h + ':' + std::to_string(port);
}

}  // namespace veche::config
