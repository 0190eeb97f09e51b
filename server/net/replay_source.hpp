#pragma once
// What the replay routes (/vod/, timeline.json) need from the rest of the
// server, declared here so the net layer depends on no implementation (the
// app joins the hub's session times to media's recordings; tests fake it).

#include "core/replay_clock.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace veche::net {

// The stretch of program time a session's replay covers: from when it went live to when it ended (none while
// it is live), as corrected by a moderator.
struct replay_window {
    std::string hall;
    std::int64_t from_ms = 0;
    std::optional<std::int64_t> to_ms;
};

class replay_source {
public:
    virtual ~replay_source() = default;

    // All are called from any network thread and must be safe there.
    // Nothing for an unknown session or one that was never live.
    virtual std::optional<replay_window> window(std::string_view session) const = 0;
    // A rung's playlist of the slice (rung empty: the top), or nothing when the hall recorded none of it.
    virtual std::optional<std::string> playlist(std::string_view hall, std::string_view rung, std::int64_t from_ms,
                                                std::int64_t to_ms, bool ended) const = 0;
    virtual std::optional<std::string> master(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const = 0;
    // Where a recorded segment of the slice is, found by the recording's index (name is only a key into it).
    virtual std::optional<std::filesystem::path> segment(std::string_view hall, std::string_view rung,
                                                         std::string_view name, std::int64_t from_ms,
                                                         std::int64_t to_ms) const = 0;
    // The slice's clock: the top's recorded segments of it, as its playlist lists them (empty: none).
    virtual core::replay_clock clock(std::string_view hall, std::int64_t from_ms, std::int64_t to_ms) const = 0;
    // Where the hall's recording has got to (the end of its last segment or gap), in program time; nothing
    // when it has recorded nothing. An ended session's replay is final only once this passes its end.
    virtual std::optional<std::int64_t> recorded_until(std::string_view hall) const = 0;
    // The directory every recording is under: no file outside it is served.
    virtual std::filesystem::path recordings_root() const = 0;
};

}  // namespace veche::net
