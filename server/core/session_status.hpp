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

std::string_view to_string(session_state s);
std::string_view to_string(moderation_mode m);
std::optional<session_state> parse_session_state(std::string_view s);
std::optional<moderation_mode> parse_moderation_mode(std::string_view s);

// The contract's `session` object.
nlohmann::json session_json(const session_definition& def, const session_status& status);

}  // namespace veche::core
