#pragma once

#include "core/identity.hpp"

namespace veche::hub {

// The views a room renders each change for: moderators see everything,
// speakers see the queue and the viewer count, participants see the queue
// (and their own questions, rendered for them alone).
enum class audience { moderator, speaker, participant };

inline audience audience_of(core::role r) {
    switch (r) {
        case core::role::moderator:
        case core::role::admin: return audience::moderator;
        case core::role::speaker: return audience::speaker;
        case core::role::participant:
        case core::role::captioner: break;
    }
    return audience::participant;
}

}  // namespace veche::hub
