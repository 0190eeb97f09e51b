#include "core/identity.hpp"

#include <algorithm>

namespace veche::core {

std::string_view to_string(role r) {
    switch (r) {
        case role::speaker: return "speaker";
        case role::moderator: return "moderator";
        case role::captioner: return "captioner";
        case role::admin: return "admin";
        case role::participant: break;
    }
    return "participant";
}

std::optional<role> parse_role(std::string_view s) {
    for (auto r : {role::participant, role::speaker, role::moderator, role::captioner, role::admin})
        if (to_string(r) == s) return r;
    return std::nullopt;
}

bool identity::may_access(std::string_view session) const {
    return sessions.empty() || std::find(sessions.begin(), sessions.end(), session) != sessions.end();
}

}  // namespace veche::core
