#include "net/websocket_metrics.hpp"

#include <algorithm>
#include <string>

namespace veche::net {

websocket_metrics::websocket_metrics(metrics_registry& r) : registry_(r) {
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
