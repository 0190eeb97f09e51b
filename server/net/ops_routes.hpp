#pragma once

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "net/router.hpp"

#include <atomic>
#include <array>
#include <boost/asio/ip/address.hpp>
#include <vector>

namespace veche::net {

// GET /healthz and GET /metrics (restricted to metrics.allow_from when set).
class ops_routes {
public:
    ops_routes(const metrics_registry& metrics, const config::metrics_settings& settings,
               const std::atomic<bool>& draining);

    void install(router& r) const;

private:
    bool may_scrape(const asio::ip::address& remote) const;

    const metrics_registry& metrics_;
    const std::atomic<bool>& draining_;
    struct address_range {
        std::array<unsigned char, 16> address;  // IPv6, or IPv4-mapped IPv6
        int prefix_bits;
    };
    std::vector<address_range> allowed_;
};

}  // namespace veche::net
