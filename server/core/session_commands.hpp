#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string_view>

namespace veche::core {

enum class session_action { qa_open, qa_close, moderation_pre, moderation_post, live, end };

template <>
struct enum_text<session_action> {
    static constexpr enum_name<session_action> names[] = {
        {session_action::qa_open, "qa_open"},         {session_action::qa_close, "qa_close"},
        {session_action::moderation_pre, "moderation_pre"}, {session_action::moderation_post, "moderation_post"},
        {session_action::live, "live"},               {session_action::end, "end"}};
};

// session_control (moderators): opens and closes Q&A, switches moderation,
// takes the session live and ends it. Ending is not final: `live` reopens it.
command_result control_session(session_model& m, const identity& who, session_action action);

}  // namespace veche::core
