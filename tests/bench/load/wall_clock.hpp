#pragma once
// Every time in the load generator is wall-clock microseconds: the server
// stamps each event with its commit time on the same clock (`at_ms`), and the
// generator and the server run on one machine, so the two can be subtracted.

#include <chrono>
#include <cstdint>

namespace veche::bench {

inline std::int64_t wall_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace veche::bench
