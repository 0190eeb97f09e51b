#include "config/address_range.hpp"

#include <algorithm>

namespace veche::config {
namespace asio_ip = boost::asio::ip;

std::optional<address_range> address_range::parse(std::string_view text) {
    std::string spec(text);
    const bool v6 = spec.find(':') != std::string::npos;
    const auto slash = spec.find('/');
    if (slash == std::string::npos) spec += v6 ? "/128" : "/32";
    // Asio reads the prefix with atoi: keep it to at most three digits so nothing overflows.
    else if (spec.size() - slash - 1 > 3) return std::nullopt;
    boost::system::error_code ec;
    if (v6) {
        const auto net = asio_ip::make_network_v6(spec, ec);
        if (ec || net.address() != net.network()) return std::nullopt;
        return address_range(net);
    }
    const auto net = asio_ip::make_network_v4(spec, ec);
    if (ec || net.address() != net.network()) return std::nullopt;
    return address_range(net);
}

bool address_range::contains(const asio_ip::address& address) const {
    auto a = address;
    if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio_ip::make_address_v4(asio_ip::v4_mapped, a.to_v6());
    if (const auto* net = std::get_if<asio_ip::network_v4>(&network_)) {
        return a.is_v4() && asio_ip::network_v4(a.to_v4(), net->prefix_length()).canonical() == net->canonical();
    }
    const auto& net = std::get<asio_ip::network_v6>(network_);
    return a.is_v6() && asio_ip::network_v6(a.to_v6(), net.prefix_length()).canonical() == net.canonical();
}

std::string address_range::to_string() const {
    return std::visit([](const auto& net) { return net.to_string(); }, network_);
}

bool any_contains(std::span<const address_range> ranges, const asio_ip::address& address) {
    return std::any_of(ranges.begin(), ranges.end(), [&](const address_range& r) { return r.contains(address); });
}

}  // namespace veche::config
