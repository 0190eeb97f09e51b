#pragma once
// What a room is told at start: the session's limits and the numbers that
// tune how it remembers and publishes, each named and explained here.

#include "core/event_definition.hpp"
#include "hub/command_relay.hpp"
#include "core/session_commands.hpp"
#include "core/session_limits.hpp"

#include <chrono>
#include <cstddef>
#include <functional>

namespace veche::hub {

// When a room sends what was committed (publish_pacer).
struct publish_pacing {
    // A tick gathers everything committed within it into one frame per
    // audience: min_tick, plus 1 ms per subscribers_per_tick_ms subscribers,
    // up to max_tick, so the fan-out stays within what the sockets take.
    std::chrono::milliseconds min_tick{5};
    std::chrono::milliseconds max_tick{50};
    std::size_t subscribers_per_tick_ms = 200;
    // While more frames than this wait unsent on the connections (at least
    // min_backlog, or one per backlog_subscribers subscribers), the next tick
    // waits, looking again every recheck, for at most max_publish_delay after
    // its first change: under load, fewer and fuller frames.
    std::size_t min_backlog = 256;
    std::size_t backlog_subscribers = 8;
    std::chrono::milliseconds recheck{5};
    std::chrono::milliseconds max_publish_delay{200};
    // The viewer count goes out at most this often.
    std::chrono::milliseconds viewers_interval{1000};
};

// How long a room remembers the answer to each (participant, rid).
struct request_log_bounds {
    std::size_t per_participant = 1000;   // the last this many rids of each participant
    std::chrono::milliseconds max_age{std::chrono::hours(24)};
};

struct room_settings {
    core::session_limits limits;
    std::size_t replay_events = 4096;  // published events kept for resuming with `since`
    request_log_bounds remembered;
    publish_pacing pacing;
    // What the server knows of a session's recording, asked when a moderator corrects its replay's range
    // (from the room's strand: it must be quick and safe there). Unset: nothing is known, a correction is refused.
    std::function<core::replay_reach(const core::session_definition&)> replay_reach;
    // In a cluster: the way to the node that sequences each session (it outlives the rooms). Null: alone.
    command_relay* relay = nullptr;
};

}  // namespace veche::hub
