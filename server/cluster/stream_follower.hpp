#pragma once
// Reads the whole stream, from its first message, in order, for ever: an
// ordered consumer (ephemeral, no acks; the client recreates it past a gap
// or a reconnect, so no message is skipped or seen twice). Every node has
// one; it feeds each session's replica. The handler runs on the NATS
// client's thread, one message after another.

#include "cluster/stream_log.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace veche::cluster {

class stream_follower {
public:
    // session, the message's stream sequence, how many messages follow it now, its data.
    using handler = std::function<void(const std::string& session, std::uint64_t sequence, std::uint64_t pending,
                                       std::string_view data)>;

    // Starts at once. Throws cluster_error.
    stream_follower(nats_link& link, const stream_log& log, handler h);
    ~stream_follower();
    stream_follower(const stream_follower&) = delete;
    stream_follower& operator=(const stream_follower&) = delete;

    // The stream sequence of the last message handled (0: none yet).
    std::uint64_t position() const { return position_; }

private:
    static void on_message(natsConnection*, natsSubscription*, natsMsg* msg, void* self);

    nats_link& link_;
    std::size_t prefix_length_;
    handler handler_;
    std::atomic<std::uint64_t> position_{0};
    nats_ptr<natsSubscription> subscription_;
};

}  // namespace veche::cluster
