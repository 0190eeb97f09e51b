#pragma once
// Small pieces every scenario uses: the generator's own process sample, a
// window's bounds, question numbers out of ids, sleeping in a bounded way.

#include "process_probe.hpp"
#include "report.hpp"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <thread>
#include <unistd.h>

namespace veche::bench {

inline process_sample generator_sample() { return sample_process(::getpid()); }

// The number after the last '.' of a question id ("fanout.123" → 123), or -1.
inline std::int64_t question_number(std::string_view id) {
    const auto dot = id.rfind('.');
    if (dot == std::string_view::npos) return -1;
    std::int64_t n = -1;
    const auto [end, ec] = std::from_chars(id.data() + dot + 1, id.data() + id.size(), n);
    return ec == std::errc{} && end == id.data() + id.size() ? n : -1;
}

inline void sleep_s(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }

// Starts a window: its samples of the server and the generator.
inline void begin_window(window& w, pid_t server) {
    w.server_from = sample_process(server);
    w.generator_from = generator_sample();
}

// Ends it: the samples again and the length in seconds.
inline void end_window(window& w, pid_t server) {
    w.server_to = sample_process(server);
    w.generator_to = generator_sample();
    w.seconds = static_cast<double>(w.server_to.wall_us - w.server_from.wall_us) / 1e6;
}

// Waits while `progress()` keeps growing, until it stops for `quiet_s` or `limit_s` passes.
template <class F>
void wait_until_quiet(F&& progress, double quiet_s, double limit_s) {
    const auto start = std::chrono::steady_clock::now();
    auto last = progress();
    auto last_change = start;
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < limit_s) {
        sleep_s(0.1);
        const auto now_value = progress();
        const auto now = std::chrono::steady_clock::now();
        if (now_value != last) {
            last = now_value;
            last_change = now;
        } else if (std::chrono::duration<double>(now - last_change).count() >= quiet_s) {
            return;
        }
    }
}

}  // namespace veche::bench
