#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string_view>

namespace veche::core {

enum class session_action { qa_open, qa_close, moderation_pre, moderation_post, live, end };

template <>
inline constexpr std::string_view enum_names<session_action> = "qa_open qa_close moderation_pre moderation_post live end";

// session_control (moderators): opens and closes Q&A, switches moderation,
// takes the session live and ends it. Ending is not final: `live` reopens it.
command_result control_session(session_model& m, const identity& who, session_action action);

}  // namespace veche::core
