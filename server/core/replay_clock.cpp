#include "core/replay_clock.hpp"

namespace veche::core {

std::optional<epoch_ms> replay_clock::position(epoch_ms t) const {
    epoch_ms played = 0;
    for (const auto& p : pieces_) {
        if (t < p.program_ms) return played;  // before the replay, or in a stretch it leaves out
        if (t < p.program_ms + p.duration_ms) return played + (t - p.program_ms);
        played += p.duration_ms;
    }
    return std::nullopt;
}

epoch_ms replay_clock::length() const {
    epoch_ms played = 0;
    for (const auto& p : pieces_) played += p.duration_ms;
    return played;
}

}  // namespace veche::core
