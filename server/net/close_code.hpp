#pragma once
// The WebSocket close codes the server sends (docs/protocol.md, "Limits and
// close codes"). 1007 and 1002 are Beast's own answers to frames RFC 6455
// forbids; the server never sends them itself.

#include <boost/beast/websocket/rfc6455.hpp>

#include <cstdint>

namespace veche::net {

enum class close_code : std::uint16_t {
    going_away = 1001,          // the server is shutting down
    message_too_big = 1009,     // over limits.message_bytes (Beast closes)
    protocol_violation = 4400,  // a binary frame
    unauthorized = 4401,        // no hello in time, not a hello first, a bad or expired token
    too_slow = 4408,            // the send queue passed its bound
    too_many_messages = 4429,   // kept sending past the rate limit
};

// The ones counted in veche_ws_closed_total{code}.
inline constexpr close_code counted_close_codes[] = {close_code::going_away,         close_code::message_too_big,
                                                     close_code::protocol_violation, close_code::unauthorized,
                                                     close_code::too_slow,           close_code::too_many_messages};

inline boost::beast::websocket::close_code to_beast(close_code c) {
    return static_cast<boost::beast::websocket::close_code>(static_cast<std::uint16_t>(c));
}

}  // namespace veche::net
