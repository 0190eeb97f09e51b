#pragma once
// What an accepted command leaves in its session's audit trail
// (docs/protocol.md, "Audit trail"): every moderation action, session
// control and poll control, and every ballot of a formal poll, that changed
// something. Asks, votes, ordinary ballots and transcript lines leave nothing.

#include "core/audit_entry.hpp"
#include "core/client_message.hpp"
#include "core/command_result.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string>

namespace veche::core {

// The text a command may replace (an edited question's text, a corrected replay range), read before it runs.
std::string text_replaced_by(const session_model& m, const client_payload& payload);

// The entry of a command that `who` sent at `now`, once applied to `m` with result `r`; nothing when the
// trail does not keep it or it changed nothing.
std::optional<audit_entry> audit_entry_for(const session_model& m, const identity& who, const client_payload& payload,
                                           const command_result& r, std::string text_before, epoch_ms now);

}  // namespace veche::core
