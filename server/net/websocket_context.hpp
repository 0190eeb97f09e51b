#pragma once
// What every WebSocket connection shares: the hub, the token checker, the
// limits of contract section 5 and the counters in /metrics.

#include "auth/token_codec.hpp"
#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "hub/hub.hpp"
#include "net/connection_registry.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace veche::net {

struct websocket_metrics {
    explicit websocket_metrics(metrics_registry& r)
        : open(r.make_gauge("veche_ws_connections_open", "WebSocket connections open")),
          accepted(r.make_counter("veche_ws_connections_total", "WebSocket connections accepted")),
          messages_in(r.make_counter("veche_ws_messages_in_total", "WebSocket messages received")),
          frames_out(r.make_counter("veche_ws_frames_out_total", "WebSocket frames written")),
          bytes_out(r.make_counter("veche_ws_bytes_out_total", "WebSocket payload bytes written")),
          bad_requests(r.make_counter("veche_ws_bad_requests_total", "Messages answered with bad_request")),
          rate_limited(r.make_counter("veche_ws_rate_limited_total", "Messages refused by the per-connection limit")),
          closed_unauthorized(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                             {{"code", "4401"}})),
          closed_slow(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                     {{"code", "4408"}})),
          closed_flood(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                      {{"code", "4429"}})),
          closed_protocol(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                         {{"code", "4400"}})),
          closed_too_big(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                        {{"code", "1009"}})),
          closed_going_away(r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                           {{"code", "1001"}})) {}

    gauge& open;
    counter& accepted;
    counter& messages_in;
    counter& frames_out;
    counter& bytes_out;
    counter& bad_requests;
    counter& rate_limited;
    counter& closed_unauthorized;
    counter& closed_slow;
    counter& closed_flood;
    counter& closed_protocol;
    counter& closed_too_big;
    counter& closed_going_away;
};

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
