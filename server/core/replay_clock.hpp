#pragma once
// Where a moment of program time (wall-clock ms, as a segment's
// PROGRAM-DATE-TIME and an event's at_ms) falls in a session's replay as a
// player plays it: the replay's segments one after another from 0, so a
// stretch the replay leaves out (slate, a restart of the server) takes no
// time and what happened during it shows at the next segment's start.
// Without such stretches a position is the time since the first segment's
// PROGRAM-DATE-TIME. Pure.

#include "core/time_format.hpp"

#include <optional>
#include <vector>

namespace veche::core {

struct replay_piece {
    epoch_ms program_ms = 0;   // the segment's PROGRAM-DATE-TIME
    epoch_ms duration_ms = 0;  // its EXTINF
};

class replay_clock {
public:
    // The replay's segments in playlist order (by program time).
    explicit replay_clock(std::vector<replay_piece> pieces) : pieces_(std::move(pieces)) {}

    bool empty() const { return pieces_.empty(); }
    // The first segment's program time (0 when empty).
    epoch_ms start() const { return pieces_.empty() ? 0 : pieces_.front().program_ms; }
    // Program time to position in the replay, in ms from its start: 0 before the first segment; nothing
    // after the last one ends.
    std::optional<epoch_ms> position(epoch_ms t) const;
    // The replay's length as played.
    epoch_ms length() const;

private:
    std::vector<replay_piece> pieces_;
};

}  // namespace veche::core
