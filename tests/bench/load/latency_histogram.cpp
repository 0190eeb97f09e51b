#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace veche::bench {

// Below 64 µs one bucket per µs; above, 32 buckets per power of two.
std::size_t latency_histogram::index_of(std::uint64_t us) {
    if (us < 64) return static_cast<std::size_t>(us);
    const auto top = static_cast<std::size_t>(std::bit_width(us) - 1);  // >= 6
    const auto sub = static_cast<std::size_t>(us >> (top - 5)) - sub_buckets;  // 0..31
    return std::min(buckets - 1, 64 + (top - 6) * sub_buckets + sub);
}

std::int64_t latency_histogram::value_of(std::size_t index) {
    if (index < 64) return static_cast<std::int64_t>(index);
    const auto top = (index - 64) / sub_buckets + 6;
    const auto sub = (index - 64) % sub_buckets + sub_buckets;
    // The middle of the bucket: half a bucket's width above its lower bound.
    const auto low = static_cast<std::int64_t>(sub) << (top - 5);
    return low + ((std::int64_t{1} << (top - 5)) / 2);
}

void latency_histogram::add(std::int64_t us) {
    if (us < 0) us = 0;  // a delivery seen before its ack reached the sender counts as immediate
    ++counts_[index_of(static_cast<std::uint64_t>(us))];
    ++count_;
    max_ = std::max(max_, us);
}

void latency_histogram::merge(const latency_histogram& other) {
    for (std::size_t i = 0; i < buckets; ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    max_ = std::max(max_, other.max_);
}

std::int64_t latency_histogram::percentile(double q) const {
    if (count_ == 0) return 0;
    const auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets; ++i) {
        seen += counts_[i];
        if (seen >= std::max<std::uint64_t>(rank, 1)) return std::min(value_of(i), max_);
    }
    return max_;
}

}  // namespace veche::bench
