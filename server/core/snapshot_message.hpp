#pragma once
// The `snapshot` a subscriber gets (docs/protocol.md, "Subscribing"): the
// session as `who` may see it, from the model alone.

#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace veche::core {

// What the snapshot holds besides the model: the hall's video and the audience.
struct snapshot_context {
    std::string_view stream_status;
    std::int64_t viewers = 0;
};

// The last final transcript lines a snapshot carries (then the lines being typed).
inline constexpr std::size_t snapshot_transcript_lines = 200;

std::string snapshot_text(const session_model& model, const identity& who, const snapshot_context& context);

}  // namespace veche::core
