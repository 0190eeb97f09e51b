#include "common/histogram.hpp"

#include <algorithm>

namespace veche {

histogram::histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {
    std::sort(bounds_.begin(), bounds_.end());
}

void histogram::observe(double v) noexcept {
    const auto it = std::lower_bound(bounds_.begin(), bounds_.end(), v);
    buckets_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    // The sum is kept in millionths so it can live in an integer atomic.
    sum_micros_.fetch_add(static_cast<std::int64_t>(v * 1e6), std::memory_order_relaxed);
}

std::uint64_t histogram::cumulative_count(std::size_t i) const noexcept {
    std::uint64_t total = 0;
    for (std::size_t b = 0; b <= i && b <= bounds_.size(); ++b) total += buckets_[b].load(std::memory_order_relaxed);
    return total;
}

double histogram::sum() const noexcept {
    return static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / 1e6;
}

}  // namespace veche
