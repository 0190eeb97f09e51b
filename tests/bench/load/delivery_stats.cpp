#include "delivery_stats.hpp"

#include <utility>

namespace veche::bench {

void delivery_stats::merge(const delivery_stats& other) {
    frames += other.frames;
    items += other.items;
    bytes += other.bytes;
    acks += other.acks;
    requests += other.requests;
    bad_frames += other.bad_frames;
    for (const auto& [code, n] : other.errors) errors[code] += n;
    for (const auto& [code, n] : other.closes) closes[code] += n;
    from_send.merge(other.from_send);
    from_commit.merge(other.from_commit);
    ack.merge(other.ack);
}

delivery_stats delivery_stats::take_sender_part() {
    delivery_stats s;
    std::swap(s.acks, acks);
    std::swap(s.requests, requests);
    std::swap(s.ack, ack);
    return s;
}

std::uint64_t delivery_stats::error_count() const {
    std::uint64_t n = 0;
    for (const auto& [code, count] : errors) n += count;
    return n;
}

std::uint64_t delivery_stats::close_count() const {
    std::uint64_t n = 0;
    for (const auto& [code, count] : closes) n += count;
    return n;
}

}  // namespace veche::bench
