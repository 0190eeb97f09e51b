#pragma once

#include <atomic>
#include <cstdint>

namespace veche {

// A Prometheus gauge holding an integer (connections, queue bytes, rooms).
class gauge {
public:
    void set(std::int64_t v) noexcept { value_.store(v, std::memory_order_relaxed); }
    void add(std::int64_t d) noexcept { value_.fetch_add(d, std::memory_order_relaxed); }
    void sub(std::int64_t d) noexcept { value_.fetch_sub(d, std::memory_order_relaxed); }
    std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::int64_t> value_{0};
};

}  // namespace veche
