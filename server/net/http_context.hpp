#pragma once
// What every HTTP connection shares: the routes, the limits, the registry of
// open connections and the hand-off for WebSocket upgrades.

#include "common/counter.hpp"
#include "common/gauge.hpp"
#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "net/connection_registry.hpp"
#include "net/http_types.hpp"
#include "net/origin_policy.hpp"
#include "net/proxy_trust.hpp"
#include "net/router.hpp"

#include <atomic>
#include <functional>
#include <memory>

namespace veche::net {

struct http_metrics {
    counter& connections_accepted;
    gauge& connections_open;
    counter& requests;
    counter& refused_origin;
    counter& timeouts;
    counter& refused_requests;
};

struct http_context {
    const router& routes;
    const config::http_settings& limits;
    const origin_policy& origins;
    const proxy_trust& proxies;
    // Shared: connections still pending when the io_context is torn down
    // unregister (and count themselves out) in their destructors.
    std::shared_ptr<connection_registry> connections;
    std::shared_ptr<metrics_registry> metrics_owner;
    http_metrics metrics;
    // Takes over the stream after a valid upgrade request for /ws (server/app sets it).
    // remote: the client's address (behind a trusted proxy, the one it vouches for).
    std::function<void(beast::tcp_stream&& stream, http_request&& upgrade, tcp::endpoint remote)> websocket_upgrade;
    std::atomic<bool> draining{false};
};

}  // namespace veche::net
