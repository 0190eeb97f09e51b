#include "config/public_url.hpp"

#include <boost/asio/ip/address_v6.hpp>

#include <algorithm>
#include <cctype>

namespace veche::config {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_host_name(std::string_view host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-' || host.back() == '-')
        return false;
    return std::all_of(host.begin(), host.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; });
}

}  // namespace

std::optional<std::string> parse_public_url(std::string_view text) {
    if (text.ends_with('/')) text.remove_suffix(1);
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    const auto scheme = lower(text.substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    const auto authority = text.substr(scheme_end + 3);

    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(0, close + 1);
        const auto rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
        if (!rest.empty()) port = rest.substr(1);
        boost::system::error_code ec;
        boost::asio::ip::make_address_v6(std::string(host.substr(1, host.size() - 2)), ec);
        if (ec) return std::nullopt;
    } else {
        if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        if (!is_host_name(host)) return std::nullopt;
    }
    std::string origin = scheme + "://" + lower(host);
    if (authority.size() != host.size()) {
        const auto digit = [](char c) { return c >= '0' && c <= '9'; };
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), digit)) return std::nullopt;
        const auto number = std::stoul(std::string(port));
        if (number == 0 || number > 65535) return std::nullopt;
        const bool default_port = (scheme == "http" && number == 80) || (scheme == "https" && number == 443);
        if (!default_port) origin += ':' + std::to_string(number);
    }
    return origin;
}

}  // namespace veche::config
