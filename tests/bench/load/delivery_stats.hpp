#pragma once
// What one generator thread counted: deliveries (batch items count one each),
// acks, errors, closes and latencies. Each thread owns one; they are merged
// when a measurement window ends.

#include "latency_histogram.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace veche::bench {

struct delivery_stats {
    std::uint64_t frames = 0;      // WebSocket messages received by subscribers
    std::uint64_t items = 0;       // delivered messages: events, batch items one by one
    std::uint64_t bytes = 0;       // payload bytes received by subscribers
    std::uint64_t acks = 0;        // acks of requests (asks, votes, approvals)
    std::uint64_t requests = 0;    // requests sent
    std::uint64_t bad_frames = 0;  // frames the scanner could not read
    std::map<std::string, std::uint64_t> errors;     // error messages by code
    std::map<std::uint16_t, std::uint64_t> closes;   // connections ended, by close code (0: no close frame)
    latency_histogram from_send;    // the publisher sent it (an approval, a vote's ack) → a subscriber has it
    latency_histogram from_commit;  // the server's commit (at_ms) → a subscriber has it (Veche only)
    latency_histogram ack;          // a request sent → its ack

    void merge(const delivery_stats& other);
    // Moves what belongs to the senders (requests, acks, ack latency) into a stats of its own:
    // for scenarios where the same clients send and watch.
    delivery_stats take_sender_part();
    std::uint64_t error_count() const;
    std::uint64_t close_count() const;
};

}  // namespace veche::bench
