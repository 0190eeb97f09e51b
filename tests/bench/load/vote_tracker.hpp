#pragma once
// Follows every vote of a storm to every subscriber. A vote is known by its
// question and the total it produced (Veche's ack carries it; the reference's
// publisher numbers its messages the same way). When a subscriber learns a
// question's total went from L to C, it has seen votes L+1…C: each such
// delivery's latency is counted, and per vote the last subscriber to see it
// gives "the time until everyone saw it". Per-thread arrays, merged at the end.

#include "latency_histogram.hpp"

#include <atomic>
#include <cstdint>
#include <vector>

namespace veche::bench {

class vote_tracker {
public:
    vote_tracker(std::size_t questions, std::size_t max_votes_per_question, std::size_t shards);

    // Where a vote starts: its ack (0 when there is none, as with the reference) and when it was meant to be sent.
    void set_origin(std::size_t q, std::int64_t v, std::int64_t ack_us, std::int64_t send_us);
    // On thread `shard`: a subscriber's total of question q went from `known` to `now_total`, at `now`.
    // `sampled` subscribers also add each delivery to the per-delivery histograms: with every
    // subscriber that would be hundreds of millions of samples, CPU taken from the server measured.
    void seen(std::size_t shard, std::size_t q, std::int64_t known, std::int64_t now_total, std::int64_t now,
              bool sampled);

    struct result {
        latency_histogram delivery_from_ack;   // each (vote, sampled subscriber): ack → that subscriber has the total
        latency_histogram delivery_from_send;  // each (vote, sampled subscriber): vote due → subscriber has it
        latency_histogram everyone_from_ack;   // each vote: ack → the last subscriber has it
        latency_histogram everyone_from_send;  // each vote: vote sent → the last subscriber has it
        std::uint64_t votes = 0;               // votes with an origin
        std::uint64_t incomplete = 0;          // votes some subscriber had not seen by the end (counted as end_us)
    };
    // After the generator's threads have stopped: `expected` subscribers should have seen each vote;
    // a vote someone missed counts as seen at `end_us` (so its latency is a lower bound).
    result finish(std::size_t expected, std::int64_t end_us) const;

private:
    struct seen_later {
        std::uint32_t index;
        std::int64_t at;
    };
    struct alignas(64) shard_state {
        std::vector<std::int64_t> last_seen;   // per vote: when its last subscriber (so far) saw it
        std::vector<std::uint32_t> seen_by;    // per vote: how many subscribers saw it
        latency_histogram from_ack, from_send;
        std::vector<seen_later> unresolved;    // seen before the ack arrived: resolved at the end
    };
    std::size_t index(std::size_t q, std::int64_t v) const { return q * stride_ + static_cast<std::size_t>(v); }

    std::size_t questions_;
    std::size_t stride_;
    std::vector<std::atomic<std::int64_t>> ack_us_;
    std::vector<std::atomic<std::int64_t>> send_us_;
    std::vector<shard_state> shards_;
};

}  // namespace veche::bench
