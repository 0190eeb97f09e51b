#pragma once
// Who sent a forwarded command, as the forwarding node verified it from the
// token: the sequencer applies the command as that person. Nodes trust each
// other (they share the token secret and the NATS account).

#include "core/identity.hpp"

#include <nlohmann/json.hpp>
#include <optional>

namespace veche::cluster {

nlohmann::json identity_json(const core::identity& who);
// Nothing when the JSON is not an identity.
std::optional<core::identity> identity_from_json(const nlohmann::json& j);

}  // namespace veche::cluster
