#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace veche {

// A Prometheus histogram with fixed upper bounds; observe() is lock-free.
class histogram {
public:
    explicit histogram(std::vector<double> upper_bounds);

    void observe(double v) noexcept;

    const std::vector<double>& upper_bounds() const noexcept { return bounds_; }
    // Cumulative count of observations <= upper_bounds()[i]; i == size() is +Inf.
    std::uint64_t cumulative_count(std::size_t i) const noexcept;
    std::uint64_t count() const noexcept { return count_.load(std::memory_order_relaxed); }
    double sum() const noexcept;

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::int64_t> sum_micros_{0};
};

}  // namespace veche
