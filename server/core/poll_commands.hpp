#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <string>
#include <vector>

namespace veche::core {

// poll_create (moderators): a draft poll of 2 to 10 options.
command_result create_poll(session_model& m, const identity& who, const std::string& question,
                           const std::vector<std::string>& options, bool multi, bool live_results, epoch_ms now);

// poll_control (moderators): draft → open → closed.
command_result control_poll(session_model& m, const identity& who, const std::string& poll_id, bool open);

// poll_vote: one ballot per participant while the poll is open; a new ballot replaces the old.
command_result vote_in_poll(session_model& m, const identity& who, const std::string& poll_id,
                            const std::vector<std::int64_t>& choices, epoch_ms now);

}  // namespace veche::core
