#include "core/command_dispatch.hpp"

#include "core/audit_trail.hpp"
#include "core/overloaded.hpp"
#include "core/poll_commands.hpp"
#include "core/similar_questions.hpp"

namespace veche::core {
namespace {

command_result dispatch(session_model& m, const identity& who, const client_payload& payload, epoch_ms now,
                        const replay_reach& reach) {
    const auto not_a_command = [](const auto&) { return command_result::refuse(error_code::bad_request, "Not a command"); };
    return std::visit(
        overloaded{
            [&](const ask_message& c) { return ask(m, who, c.text, c.anonymous, now); },
            [&](const vote_message& c) { return vote(m, who, c.question, c.on, now); },
            [&](const moderate_message& c) { return moderate(m, who, c, now); },
            [&](const similar_message& c) { return find_similar(m, who, c.text, now); },
            [&](const session_control_message& c) { return control_session(m, who, c.action); },
            [&](const replay_range_message& c) { return correct_replay_range(m, who, c.from_ms, c.to_ms, reach); },
            [&](const transcript_message& c) { return post_segment(m, who, c.segment, now); },
            [&](const poll_create_message& c) {
                return create_poll(m, who, c.question, c.options, {c.multi, c.live_results, c.formal}, now);
            },
            [&](const poll_control_message& c) { return control_poll(m, who, c.poll, c.action); },
            [&](const poll_vote_message& c) { return vote_in_poll(m, who, c.poll, c.choices, now); },
            // Handled by the connection (hello) or the room (subscriptions, reactions) before a command is applied.
            [&](const hello_message& c) { return not_a_command(c); },
            [&](const subscribe_message& c) { return not_a_command(c); },
            [&](const unsubscribe_message& c) { return not_a_command(c); },
            [&](const react_message& c) { return not_a_command(c); },
        },
        payload);
}

}  // namespace

command_result apply_command(session_model& m, const identity& who, const client_payload& payload, epoch_ms now,
                             const replay_reach& reach) {
    auto before = text_replaced_by(m, payload);
    auto result = dispatch(m, who, payload, now, reach);
    if (auto entry = audit_entry_for(m, who, payload, result, std::move(before), now))
        result.audit.push_back(std::move(*entry));
    return result;
}

}  // namespace veche::core
