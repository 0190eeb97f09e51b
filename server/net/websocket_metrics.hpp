#pragma once

#include "common/metrics_registry.hpp"
#include "net/close_code.hpp"

#include <array>
#include <iterator>

namespace veche::net {

// The WebSocket figures in /metrics, shared by every connection.
class websocket_metrics {
public:
    explicit websocket_metrics(metrics_registry& r);

private:
    metrics_registry& registry_;  // first: the figures below are made from it

public:
    gauge& open = registry_.make_gauge("veche_ws_connections_open", "WebSocket connections open");
    counter& accepted = registry_.make_counter("veche_ws_connections_total", "WebSocket connections accepted");
    counter& messages_in = registry_.make_counter("veche_ws_messages_in_total", "WebSocket messages received");
    counter& frames_out =
        registry_.make_counter("veche_ws_frames_out_total", "WebSocket messages written (one frame, or several batched)");
    counter& bytes_out = registry_.make_counter("veche_ws_bytes_out_total", "WebSocket payload bytes written");
    counter& bad_requests =
        registry_.make_counter("veche_ws_bad_requests_total", "Messages answered with bad_request");
    counter& rate_limited =
        registry_.make_counter("veche_ws_rate_limited_total", "Messages refused by the per-connection limit");

    // veche_ws_closed_total{code}: connections the server closed with that code.
    counter& closed(close_code code) const;

private:
    std::array<counter*, std::size(counted_close_codes)> closed_{};
};

}  // namespace veche::net
