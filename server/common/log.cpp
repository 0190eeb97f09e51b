#include "common/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace veche::log {
namespace {
std::atomic<level> min_level{level::info};
std::mutex write_mutex;

std::string_view prefix(level l) {
    switch (l) {
        case level::debug: return "debug: ";
        case level::warning: return "warning: ";
        case level::error: return "error: ";
        case level::info: break;
    }
    return {};
}
}  // namespace

void set_min_level(level min) { min_level.store(min); }

bool enabled(level l) { return l >= min_level.load(std::memory_order_relaxed); }

void write_line(level l, std::string_view text) {
    std::string line;
    line.reserve(text.size() + 12);
    line.append(prefix(l)).append(text).push_back('\n');
    // One fwrite per line under a lock so lines from different threads never interleave.
    std::lock_guard lock(write_mutex);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

}  // namespace veche::log
