#pragma once
// The server's WebSocket messages (docs/protocol.md), as JSON text. Messages
// that go out by the thousand (events, acks) are put together from parts
// already serialized, without a second JSON tree.

#include "core/error_code.hpp"
#include "core/identity.hpp"
#include "core/session_change.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

std::string welcome_text(const identity& who, const std::optional<std::string>& rid, epoch_ms now);

// {"type":"ack","rid":…, …fields}; without a rid when the request had none.
// fields_json is a serialized JSON object ("{}" or "{"k":v,…}").
std::string ack_text(const std::optional<std::string>& rid, std::string_view fields_json);

// {"type":"error","rid":…,"code":…,"message":…}
std::string error_text(const std::optional<std::string>& rid, error_code code, std::string_view message);

// {"type":"event","session":…,"seq":…,"at_ms":…,"kind":…,"data":…}; data_json is serialized JSON.
std::string event_text(std::string_view session, seq_t seq, epoch_ms at, std::string_view kind,
                       std::string_view data_json);

std::string subscribed_text(std::string_view session, seq_t seq, bool resumed, const std::optional<std::string>& rid);

}  // namespace veche::core
