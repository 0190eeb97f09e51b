#pragma once

#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "net/router.hpp"

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <boost/asio/ip/address.hpp>

namespace veche::net {

// GET /healthz and GET /metrics (restricted to metrics.allow_from when set; behind a
// trusted proxy the address checked is the client's, not the proxy's).
class ops_routes {
public:
    // health: what a cluster node adds to /healthz (its id, whether NATS is reachable); unset alone.
    ops_routes(const metrics_registry& metrics, const config::metrics_settings& settings,
               const std::atomic<bool>& draining, std::function<void(nlohmann::json&)> health = {});

    void install(router& r) const;

private:
    bool may_scrape(const asio::ip::address& remote) const;

    const metrics_registry& metrics_;
    const config::metrics_settings& settings_;
    const std::atomic<bool>& draining_;
    std::function<void(nlohmann::json&)> health_;
};

}  // namespace veche::net
