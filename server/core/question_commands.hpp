#pragma once
// The question commands (docs/protocol.md, "Requests"): ask, vote and moderate. Each
// checks who may do it and whether the session and question allow it, then
// records the changes in the model.

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string_view>

namespace veche::core {

enum class moderation_action { approve, reject, highlight, unhighlight, answer, archive, restore, edit };

template <>
inline constexpr std::string_view enum_names<moderation_action> = "approve reject highlight unhighlight answer archive restore edit";

command_result ask(session_model& m, const identity& who, std::string_view text, bool anonymous, epoch_ms now);

command_result vote(session_model& m, const identity& who, std::string_view question_id, bool on, epoch_ms now);

command_result moderate(session_model& m, const identity& who, std::string_view question_id, moderation_action action,
                        std::optional<std::string_view> text);

}  // namespace veche::core
