#include "core/command_dispatch.hpp"

#include "core/poll_commands.hpp"

namespace veche::core {

command_result apply_command(session_model& m, const identity& who, const client_payload& payload, epoch_ms now) {
    if (const auto* c = std::get_if<ask_message>(&payload)) return ask(m, who, c->text, c->anonymous, now);
    if (const auto* c = std::get_if<vote_message>(&payload)) return vote(m, who, c->question, c->on, now);
    if (const auto* c = std::get_if<moderate_message>(&payload)) {
        std::optional<std::string_view> text;
        if (c->text) text = *c->text;
        return moderate(m, who, c->question, c->action, text);
    }
    if (const auto* c = std::get_if<session_control_message>(&payload)) return control_session(m, who, c->action);
    if (const auto* c = std::get_if<transcript_message>(&payload)) return post_segment(m, who, c->segment, now);
    if (const auto* c = std::get_if<poll_create_message>(&payload))
        return create_poll(m, who, c->question, c->options, c->multi, c->live_results, now);
    if (const auto* c = std::get_if<poll_control_message>(&payload)) return control_poll(m, who, c->poll, c->open);
    if (const auto* c = std::get_if<poll_vote_message>(&payload)) return vote_in_poll(m, who, c->poll, c->choices, now);
    return command_result::refuse(error_code::bad_request, "Not a command");
}

}  // namespace veche::core
