#pragma once
// The server's one reading of the wall clock, in the unit the wire uses
// (milliseconds since the Unix epoch: `at_ms`, token times, `server_time`).
// The domain (server/core) never reads a clock: callers pass this in.

#include <chrono>
#include <cstdint>

namespace veche {

inline std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace veche
