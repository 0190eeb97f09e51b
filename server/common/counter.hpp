#pragma once

#include <atomic>
#include <cstdint>

namespace veche {

// A Prometheus counter: only ever goes up. Safe to bump from any thread.
class counter {
public:
    void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

}  // namespace veche
