#pragma once
// What moderators change while a session runs: whether it is live, whether
// Q&A is open and how new questions are moderated.

#include "core/event_definition.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace veche::core {

enum class session_state { scheduled, live, ended };

struct session_status {
    session_state state = session_state::scheduled;
    bool qa_open = true;
    moderation_mode moderation = moderation_mode::pre;

    static session_status initial(const session_definition& def);
    bool operator==(const session_status&) const = default;
};

template <>
inline constexpr std::string_view enum_names<session_state> = "scheduled live ended";

// The `session` object of docs/protocol.md.
nlohmann::json session_json(const session_definition& def, const session_status& status);

}  // namespace veche::core
