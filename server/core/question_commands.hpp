#pragma once
// The question commands (docs/protocol.md, "Requests"): ask, vote and moderate. Each
// checks who may do it and whether the session and question allow it, then
// records the changes in the model.

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace veche::core {

enum class moderation_action { approve, reject, highlight, unhighlight, answer, archive, restore, edit, merge, reply };

template <>
inline constexpr std::string_view enum_names<moderation_action> =
    "approve reject highlight unhighlight answer archive restore edit merge reply";

struct moderation_request {
    moderation_request() = default;
    moderation_request(std::string question_id, moderation_action what, std::optional<std::string> text_of = {},
                       std::optional<std::string> target = {})
        : question(std::move(question_id)), action(what), text(std::move(text_of)), into(std::move(target)) {}

    std::string question;
    moderation_action action = moderation_action::approve;
    std::optional<std::string> text;  // edit, reply
    std::optional<std::string> into;  // merge: the question it folds into
};

command_result ask(session_model& m, const identity& who, std::string_view text, bool anonymous, epoch_ms now);

command_result vote(session_model& m, const identity& who, std::string_view question_id, bool on, epoch_ms now);

command_result moderate(session_model& m, const identity& who, const moderation_request& request, epoch_ms now);

// Typed text after hygiene (1 to max_chars code points), or the refusal; `what` names it in the message.
std::variant<std::string, command_result> checked_text(std::string_view raw, std::size_t max_chars,
                                                       std::string_view what);

}  // namespace veche::core
