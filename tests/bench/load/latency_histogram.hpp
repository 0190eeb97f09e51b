#pragma once
// Latencies in microseconds, kept as counts in logarithmic buckets (32 per
// power of two, so a percentile is within about 3% of the true value) and an
// exact maximum. Millions of deliveries a second cost one increment each and
// no allocation; one histogram per generator thread, merged at the end.

#include <array>
#include <cstdint>

namespace veche::bench {

class latency_histogram {
public:
    void add(std::int64_t us);
    void merge(const latency_histogram& other);
    void clear() { *this = latency_histogram{}; }

    std::uint64_t count() const { return count_; }
    std::int64_t max() const { return max_; }
    // The value below which the fraction q (0..1) of the samples lie; 0 without samples.
    std::int64_t percentile(double q) const;

private:
    static constexpr std::size_t sub_buckets = 32;
    static constexpr std::size_t buckets = 64 + 40 * sub_buckets;  // up to 2^46 µs: more than any run
    static std::size_t index_of(std::uint64_t us);
    static std::int64_t value_of(std::size_t index);

    std::array<std::uint64_t, buckets> counts_{};
    std::uint64_t count_ = 0;
    std::int64_t max_ = 0;
};

}  // namespace veche::bench
