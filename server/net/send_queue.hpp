#pragma once
// A connection's outgoing frames, bounded in bytes. Rooms push from their
// strands; the connection's writer takes frames one at a time. Past the
// bound nothing more is queued: the connection is closed as too slow (4408)
// instead of letting memory grow while a client stalls.

#include "hub/client_link.hpp"

#include <cstddef>
#include <deque>
#include <mutex>

namespace veche::net {

class send_queue {
public:
    explicit send_queue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    enum class push_result {
        queued,         // the writer is busy and will get to it
        start_writing,  // the writer was idle: the caller must start it
        overflow,       // over the bound: the queue is closed now
        closed,         // the connection is closing: dropped
    };
    push_result push(hub::frame f);

    // The writer's side: the frame to write next (it stays counted until
    // written()), or null when there is none, which makes the writer idle.
    hub::frame next();
    void written();

    // Refuses more frames; what waits is still written (a reply before a close frame).
    void seal();
    // Drops what waits (not the frame being written) and refuses more.
    void close();
    std::size_t bytes() const;

private:
    void close_locked();

    mutable std::mutex mutex_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;
    std::deque<hub::frame> frames_;
    bool writing_ = false;
    bool closed_ = false;
};

}  // namespace veche::net
