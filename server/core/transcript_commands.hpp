#pragma once

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string>

namespace veche::core {

// A transcript line as a captioner sends it (docs/protocol.md, `transcript`).
struct transcript_input {
    std::string id;
    std::string text;
    bool final = false;
    std::optional<epoch_ms> start_ms;
    std::optional<epoch_ms> end_ms;
    std::optional<std::string> speaker;
    std::optional<std::string> lang;
};

// Captioners, moderators and admins. A partial line is checked and handed
// back in `partial` (shown, not stored); a final one is recorded. Without
// times, a line starts when its first partial arrived and ends now.
command_result post_segment(session_model& m, const identity& who, const transcript_input& in, epoch_ms now);

}  // namespace veche::core
