#pragma once

#include "core/session_change.hpp"
#include "hub/client_link.hpp"

#include <string>

namespace veche::hub {

// One event rendered once per audience.
struct rendered_item {
    core::seq_t seq = 0;
    frame moderator;     // moderators and admins
    frame reader;        // speakers and participants; null: they get nothing
    frame speaker;       // speakers, when they see it differently (null: the reader item)
    std::string author;  // a participant who sees this item differently...
    frame author_view;   // ...as this (null: the author sees the reader item)
};

}  // namespace veche::hub
