#include "core/session_commands.hpp"

#include <string>

namespace veche::core {
namespace {

std::optional<command_result> check_moderator(const session_model& m, const identity& who) {
    if (!who.may_access(m.definition().id))
        return command_result::refuse(error_code::forbidden, "The token does not cover this session");
    if (!who.is_moderator()) return command_result::refuse(error_code::forbidden, "Only moderators may do this");
    return std::nullopt;
}

command_result recorded(session_model& m, const session_status& status) {
    command_result r;
    if (status != m.status()) r.changes.push_back(m.record(session_changed{status}));
    r.ack = {{"session", session_json(m.definition(), m.status())}};
    return r;
}

}  // namespace

command_result control_session(session_model& m, const identity& who, session_action action) {
    if (auto refused = check_moderator(m, who)) return *refused;

    auto status = m.status();
    switch (action) {
        case session_action::qa_open: status.qa_open = true; break;
        case session_action::qa_close: status.qa_open = false; break;
        case session_action::moderation_pre: status.moderation = moderation_mode::pre; break;
        case session_action::moderation_post: status.moderation = moderation_mode::post; break;
        case session_action::live:
            if (status.state != session_state::live) status.replay.reset();
            status.state = session_state::live;
            break;
        case session_action::end: status.state = session_state::ended; break;
    }
    return recorded(m, status);
}

command_result correct_replay_range(session_model& m, const identity& who, epoch_ms from, epoch_ms to,
                                    const replay_reach& reach) {
    if (auto refused = check_moderator(m, who)) return *refused;
    if (m.status().state != session_state::ended)
        return command_result::refuse(error_code::conflict, "The replay's range can be corrected once the session has ended");
    if (!reach.went_live) return command_result::refuse(error_code::conflict, "The session never went live: it has no replay");
    if (from >= to) return command_result::refuse(error_code::bad_request, "\"from_ms\" must be before \"to_ms\"");
    if (!reach.recorded_from || !reach.recorded_until)
        return command_result::refuse(error_code::conflict, "The session's hall has no recording");
    if (from < *reach.recorded_from || to > *reach.recorded_until)
        return command_result::refuse(error_code::bad_request,
                                      "The range must lie within the hall's recording, from_ms " +
                                          std::to_string(*reach.recorded_from) + " to_ms " +
                                          std::to_string(*reach.recorded_until));
    auto status = m.status();
    status.replay = replay_range{from, to};
    return recorded(m, status);
}

}  // namespace veche::core
