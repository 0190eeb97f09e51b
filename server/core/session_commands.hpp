#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string_view>

namespace veche::core {

enum class session_action { qa_open, qa_close, moderation_pre, moderation_post, live, end };

template <>
inline constexpr std::string_view enum_names<session_action> = "qa_open qa_close moderation_pre moderation_post live end";

// session_control (moderators): opens and closes Q&A, switches moderation,
// takes the session live and ends it. Ending is not final: `live` reopens it
// (and drops a corrected replay range: the session's next end applies).
command_result control_session(session_model& m, const identity& who, session_action action);

// What the server knows of a session's recording when a moderator corrects its replay's range.
struct replay_reach {
    bool went_live = false;                  // the session has a replay
    std::optional<epoch_ms> recorded_from;   // the hall's recording: the start of its first segment kept
    std::optional<epoch_ms> recorded_until;  // and the end of its last
};

// session_control `replay_range` (moderators), once the session has ended: its replay runs from `from` to
// `to` (program time, ms) instead of from its live to its end time; both within the hall's recording.
command_result correct_replay_range(session_model& m, const identity& who, epoch_ms from, epoch_ms to,
                                    const replay_reach& reach);

}  // namespace veche::core
