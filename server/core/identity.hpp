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

// Where a delegate comes from (contract 7.1): a municipality or organisation
// and one of the event's regions. Empty when not given. `verified`: vouched
// for by whoever minted the token (the forum's portal, `veche token`), not
// self-declared when joining.
struct affiliation {
    std::string org;
    std::string region;
    bool verified = false;

    bool operator==(const affiliation&) const = default;
};

struct identity {
    std::string id;    // the token's sub
    std::string name;  // display name, may be empty
    core::role role = role::participant;
    std::vector<std::string> sessions;  // empty: every session
    epoch_ms expires_at = 0;
    core::affiliation affiliation;

    // The token's session scope allows this session.
    bool may_access(std::string_view session) const;
    // Reads every question in every state (section 4).
    bool is_moderator() const { return role == role::moderator || role == role::admin; }
    // Sees where authors come from (contract 7.1): speakers, moderators and admins.
    bool sees_affiliations() const { return is_moderator() || role == role::speaker; }
    // Asks and votes: participant and above; a captioner only posts transcript segments.
    bool may_take_part() const { return role != role::captioner; }
};

template <>
inline constexpr std::string_view enum_names<role> = "participant speaker moderator captioner admin";

}  // namespace veche::core
