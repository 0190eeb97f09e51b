#pragma once
// One row of a session's audit trail (docs/protocol.md, "Audit trail"): who
// did what to which question, poll or session, and when. The core makes one
// for every accepted moderation action, session control, poll control and
// formal ballot that changed something; the store appends it in the
// transaction of the change it explains.

#include "core/identity.hpp"
#include "core/session_change.hpp"
#include "core/time_format.hpp"

#include <string>

namespace veche::core {

struct audit_entry {
    seq_t seq = 0;  // the session's seq of the last change the action made: the order of the trail
    epoch_ms at = 0;
    std::string actor_id;
    std::string actor_name;
    core::role actor_role = role::participant;
    // "moderate.approve", "session_control.live", "poll_create", "poll_control.close", "poll_vote", …
    std::string action;
    std::string target;       // the question, poll or session id
    std::string text_before;  // an edit's (a reply's) text before, else empty
    std::string text_after;   // an edit's text after, a reply, a poll's question, a merge's target
    std::string choices;      // a poll's options, a formal ballot's choices, a closed poll's counts

    // A formal ballot names how a delegate voted: for admins only.
    bool is_ballot() const { return action == ballot_action; }
    static constexpr std::string_view ballot_action = "poll_vote";

    bool operator==(const audit_entry&) const = default;
};

}  // namespace veche::core
