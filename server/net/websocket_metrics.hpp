#pragma once

#include "common/metrics_registry.hpp"
#include "net/close_code.hpp"

#include <array>
#include <iterator>
#include <string>

namespace veche::net {

// The WebSocket figures in /metrics, shared by every connection.
class websocket_metrics {
public:
    explicit websocket_metrics(metrics_registry& r);

    gauge& open;
    counter& accepted;
    counter& messages_in;
    counter& frames_out;
    counter& bytes_out;
    counter& bad_requests;
    counter& rate_limited;

    // veche_ws_closed_total{code}: connections the server closed with that code.
    counter& closed(close_code code) const;

private:
    std::array<counter*, std::size(counted_close_codes)> closed_{};
};

}  // namespace veche::net
