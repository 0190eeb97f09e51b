#pragma once
// One entry of an address list in the config (http.trusted_proxies,
// metrics.allow_from): an IP address or a CIDR range, IPv4 or IPv6. Parsed
// here once, by Asio's own network types, and matched by every user.

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace veche::config {

class address_range {
public:
    // "10.0.0.0/8", "192.0.2.7" (a range of one), "2001:db8::/32", "::1".
    // Nothing for anything else, host bits below the prefix included
    // ("10.1.2.3/8" is more likely a typo than a wish).
    static std::optional<address_range> parse(std::string_view text);

    // An IPv4-mapped IPv6 address (a dual-stack socket's view of an IPv4
    // peer) counts as the IPv4 address it carries.
    bool contains(const boost::asio::ip::address& address) const;

    std::string to_string() const;

private:
    explicit address_range(std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6> network)
        : network_(network) {}

    std::variant<boost::asio::ip::network_v4, boost::asio::ip::network_v6> network_;
};

// Is the address inside any of the ranges?
bool any_contains(std::span<const address_range> ranges, const boost::asio::ip::address& address);

}  // namespace veche::config
