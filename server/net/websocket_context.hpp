#pragma once
// What every WebSocket connection shares: the hub, the token checker, the
// limits (docs/protocol.md, "Limits and close codes") and the counters in /metrics.

#include "auth/token_codec.hpp"
#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "hub/hub.hpp"
#include "net/connection_registry.hpp"
#include "net/websocket_metrics.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace veche::net {

struct websocket_context {
    hub::hub& rooms;
    const auth::token_codec& tokens;
    const config::limit_settings& limits;
    // Shared, as in http_context: sessions destroyed late still unregister.
    std::shared_ptr<connection_registry> connections;
    std::shared_ptr<metrics_registry> metrics_owner;
    websocket_metrics metrics;
    // Frames queued and not yet written, over every connection (the hub's).
    std::shared_ptr<std::atomic<std::int64_t>> backlog;
};

}  // namespace veche::net
