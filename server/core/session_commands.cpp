#include "core/session_commands.hpp"


namespace veche::core {

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
