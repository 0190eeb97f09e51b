#pragma once
// What moderators change while a session runs: whether it is live, whether
// Q&A is open and how new questions are moderated.

#include "core/event_definition.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace veche::core {

enum class session_state { scheduled, live, ended };

// A moderator's correction of where the session's replay starts and ends (a panel that began 4 minutes
// late); without one the replay runs from when the session went live to when it ended.
struct replay_range {
    epoch_ms from_ms = 0;
    epoch_ms to_ms = 0;

    bool operator==(const replay_range&) const = default;
};

struct session_status {
    session_state state = session_state::scheduled;
    bool qa_open = true;
    moderation_mode moderation = moderation_mode::pre;
    std::optional<replay_range> replay;  // dropped when the session goes live again

    static session_status initial(const session_definition& def);
    bool operator==(const session_status&) const = default;
};

template <>
inline constexpr std::string_view enum_names<session_state> = "scheduled live ended";

// The `session` object of docs/protocol.md (with "replay_range": null or {"from_ms","to_ms"}).
nlohmann::json session_json(const session_definition& def, const session_status& status);

}  // namespace veche::core
