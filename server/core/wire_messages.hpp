#pragma once
// The server's WebSocket messages (contract section 3), as JSON.

#include "core/error_code.hpp"
#include "core/identity.hpp"
#include "core/session_change.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

nlohmann::json welcome_message(const identity& who, epoch_ms now);

// {"type":"ack","rid":…, …fields}; without a rid when the request had none.
// The fields come serialized as a JSON object ("{…}"): the hot path (every
// vote) builds its ack without a second JSON tree.
std::string ack_text(const std::optional<std::string>& rid, std::string_view fields_json);

nlohmann::json error_message(const std::optional<std::string>& rid, error_code code, std::string_view message);

nlohmann::json event_message(std::string_view session, seq_t seq, epoch_ms at, std::string_view kind,
                             nlohmann::json data);

nlohmann::json subscribed_message(std::string_view session, seq_t seq, bool resumed);

}  // namespace veche::core
