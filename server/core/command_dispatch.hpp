#pragma once

#include "core/client_message.hpp"
#include "core/command_result.hpp"
#include "core/session_model.hpp"

namespace veche::core {

// Applies any session command (ask, vote, moderate, session_control,
// transcript, poll_create, poll_control, poll_vote) to the model, and
// answers `similar`, which changes nothing; the result carries the command's
// entry of the audit trail, when it has one. `reach`: what the server knows
// of the session's recording (for replay_range only).
command_result apply_command(session_model& m, const identity& who, const client_payload& payload, epoch_ms now,
                             const replay_reach& reach = {});

}  // namespace veche::core
