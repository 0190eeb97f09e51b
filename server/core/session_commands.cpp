#include "core/session_commands.hpp"

#include <array>
#include <utility>

namespace veche::core {

std::optional<session_action> parse_session_action(std::string_view s) {
    static constexpr std::array<std::pair<std::string_view, session_action>, 6> names{{
        {"qa_open", session_action::qa_open},
        {"qa_close", session_action::qa_close},
        {"moderation_pre", session_action::moderation_pre},
        {"moderation_post", session_action::moderation_post},
        {"live", session_action::live},
        {"end", session_action::end},
    }};
    for (const auto& [name, action] : names)
        if (name == s) return action;
    return std::nullopt;
}

command_result control_session(session_model& m, const identity& who, session_action action) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (!who.is_moderator()) return command_result::refuse(error_code::forbidden, "Only moderators may do this");

    auto status = m.status();
    switch (action) {
        case session_action::qa_open: status.qa_open = true; break;
        case session_action::qa_close: status.qa_open = false; break;
        case session_action::moderation_pre: status.moderation = moderation_mode::pre; break;
        case session_action::moderation_post: status.moderation = moderation_mode::post; break;
        case session_action::live: status.state = session_state::live; break;
        case session_action::end: status.state = session_state::ended; break;
    }
    command_result r;
    if (status != m.status()) r.changes.push_back(m.record(session_changed{status}));
    r.ack = {{"session", session_json(m.definition(), m.status())}};
    return r;
}

}  // namespace veche::core
