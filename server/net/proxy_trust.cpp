#include "net/proxy_trust.hpp"

#include "net/header_list.hpp"

#include <boost/beast/core/string.hpp>

#include <optional>
#include <string_view>

namespace veche::net {
namespace {

// "192.0.2.7", "2001:db8::1", and the forms with a port some proxies write:
// "192.0.2.7:4711", "[2001:db8::1]:4711".
std::optional<asio::ip::address> parse_hop(std::string_view text) {
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        text = text.substr(1, close - 1);
    } else if (const auto colon = text.find(':');
               colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        text = text.substr(0, colon);  // one colon: IPv4 and a port (IPv6 has several)
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(std::string(text), ec);
    if (ec) return std::nullopt;
    return address;
}

}  // namespace

client_address proxy_trust::client_of(const asio::ip::address& peer, const http::fields& headers) const {
    client_address client{peer, false, false};
    if (trusted_.empty() || !trusts(peer)) return client;

    std::vector<std::string_view> hops;
    for (auto [it, end] = headers.equal_range("X-Forwarded-For"); it != end; ++it) {
        for_each_list_element(it->value(), ",", [&](std::string_view hop) { hops.push_back(hop); });
    }
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto address = parse_hop(*hop);
        if (!address) break;
        client.address = *address;
        client.forwarded = true;
        if (!trusts(*address)) break;
    }

    // Set (not appended) by the proxy next to us: its last element is the one it vouches for.
    std::string_view proto = headers["X-Forwarded-Proto"];
    if (const auto comma = proto.rfind(','); comma != std::string_view::npos) proto = proto.substr(comma + 1);
    client.https = boost::beast::iequals(trim_ows(proto), "https");
    return client;
}

}  // namespace veche::net
