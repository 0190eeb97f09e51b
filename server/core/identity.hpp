#pragma once
// Who is asking: the claims of a verified token (docs/protocol.md, "Identity").

#include "core/enum_text.hpp"
#include "core/time_format.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

enum class role { participant, speaker, moderator, captioner, admin };

struct identity {
    std::string id;    // the token's sub
    std::string name;  // display name, may be empty
    core::role role = role::participant;
    std::vector<std::string> sessions;  // empty: every session
    epoch_ms expires_at = 0;

    // The token's session scope allows this session.
    bool may_access(std::string_view session) const;
    // Reads every question in every state (section 4).
    bool is_moderator() const { return role == role::moderator || role == role::admin; }
    // Asks and votes: participant and above; a captioner only posts transcript segments.
    bool may_take_part() const { return role != role::captioner; }
};

template <>
inline constexpr std::string_view enum_names<role> = "participant speaker moderator captioner admin";

}  // namespace veche::core
