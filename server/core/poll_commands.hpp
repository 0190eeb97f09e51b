#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <string>
#include <vector>

namespace veche::core {

// How a poll is answered and counted (poll_create's flags).
struct poll_settings {
    bool multi = false;         // several choices in one ballot
    bool live_results = false;  // results shown to everyone while open
    bool formal = false;        // verified delegates only, one ballot each, never changed, audited
};

// poll_create (moderators): a draft poll of 2 to 10 options.
command_result create_poll(session_model& m, const identity& who, const std::string& question,
                           const std::vector<std::string>& options, poll_settings settings, epoch_ms now);

enum class poll_action { open, close, reveal };

template <>
inline constexpr std::string_view enum_names<poll_action> = "open close reveal";

// poll_control (moderators): draft → open → closed; `reveal` shows an open
// poll's results to everyone from now on (as if created with live results).
command_result control_poll(session_model& m, const identity& who, const std::string& poll_id, poll_action action);

// poll_vote: one ballot per participant while the poll is open; a new ballot replaces the old. A formal
// poll takes one ballot from each verified delegate (a participant's token with verified claims), for good.
command_result vote_in_poll(session_model& m, const identity& who, const std::string& poll_id,
                            const std::vector<std::int64_t>& choices, epoch_ms now);

}  // namespace veche::core
