#include "net/websocket_metrics.hpp"

#include <algorithm>

namespace veche::net {

websocket_metrics::websocket_metrics(metrics_registry& r)
    : open(r.make_gauge("veche_ws_connections_open", "WebSocket connections open")),
      accepted(r.make_counter("veche_ws_connections_total", "WebSocket connections accepted")),
      messages_in(r.make_counter("veche_ws_messages_in_total", "WebSocket messages received")),
      frames_out(r.make_counter("veche_ws_frames_out_total", "WebSocket frames written")),
      bytes_out(r.make_counter("veche_ws_bytes_out_total", "WebSocket payload bytes written")),
      bad_requests(r.make_counter("veche_ws_bad_requests_total", "Messages answered with bad_request")),
      rate_limited(r.make_counter("veche_ws_rate_limited_total", "Messages refused by the per-connection limit")) {
    for (std::size_t i = 0; i < closed_.size(); ++i) {
        const auto code = std::to_string(static_cast<unsigned>(counted_close_codes[i]));
        closed_[i] = &r.make_counter("veche_ws_closed_total", "WebSocket connections closed by the server",
                                     {{"code", code}});
    }
}

counter& websocket_metrics::closed(close_code code) const {
    const auto* at = std::find(std::begin(counted_close_codes), std::end(counted_close_codes), code);
    return *closed_[static_cast<std::size_t>(at - std::begin(counted_close_codes))];
}

}  // namespace veche::net
