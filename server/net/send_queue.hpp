#pragma once
// A connection's outgoing frames, bounded in bytes. Rooms push from their
// strands; the connection's writer takes everything waiting at once and
// sends it as one message (a batch), so a connection that fell behind
// catches up in one write instead of one per frame. Past the
// bound nothing more is queued: the connection is closed as too slow (4408)
// instead of letting memory grow while a client stalls. Replies (acks,
// errors) go ahead of waiting events, so a request is answered promptly even
// while a burst of events drains. Every queued frame is also counted in a
// backlog shared by all connections, which rooms read to batch more when the
// sockets fall behind.

#include "hub/client_link.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace veche::net {

class send_queue {
public:
    send_queue(std::size_t max_bytes, std::shared_ptr<std::atomic<std::int64_t>> backlog);
    ~send_queue();
    send_queue(const send_queue&) = delete;
    send_queue& operator=(const send_queue&) = delete;

    enum class push_result {
        queued,         // the writer is busy and will get to it
        start_writing,  // the writer was idle: the caller must start it
        overflow,       // over the bound: the queue is closed now
        closed,         // the connection is closing: dropped
    };
    push_result push(hub::frame f, bool reply = false);

    // The writer's side: the frames to write next, in order (at most
    // max_write_frames, and past the first at most max_write_bytes), into `out`; they
    // stay counted until written(). None makes the writer idle.
    void next(std::vector<hub::frame>& out);
    void written();

    static constexpr std::size_t max_write_frames = 64;
    static constexpr std::size_t max_write_bytes = 128 * 1024;

    // Refuses more frames; what waits is still written (a reply before a close frame).
    void seal();
    // Drops what waits (not the frame being written) and refuses more.
    void close();
    std::size_t bytes() const;

private:
    struct entry {
        hub::frame f;
        bool reply;
    };
    void close_locked();
    void forget(std::size_t from, std::size_t to);  // takes entries [from, to) out of the counts

    mutable std::mutex mutex_;
    std::size_t max_bytes_;
    std::shared_ptr<std::atomic<std::int64_t>> backlog_;
    std::size_t bytes_ = 0;
    // A vector with a moving head instead of a deque: an idle connection holds no block.
    std::vector<entry> frames_;
    std::size_t head_ = 0;
    std::size_t replies_waiting_ = 0;  // replies right after the frames in flight
    bool writing_ = false;
    std::size_t in_flight_ = 0;  // frames from head_ on handed to the writer
    bool closed_ = false;
};

}  // namespace veche::net
