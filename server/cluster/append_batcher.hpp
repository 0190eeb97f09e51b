#pragma once
// Group commit for the stream. The batches rooms hand in while an append is
// under way, or within `linger` of the last round's start, go out together:
// each session's batches, in their order, to one callback that stores them
// in as few messages as fit. Every stream message costs every node a
// delivery, a decode and a local commit, so a busy session costs at most
// 1 / linger rounds a second whatever its command rate; an idle one waits
// for nothing. The appends run on a thread of its own, one round at a time.
// Destroying it stops it: the round under way finishes, the batches still
// waiting are dropped (the node is stopping).

#include "store/event_store.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace veche::cluster {

class append_batcher {
public:
    struct queued {
        std::shared_ptr<const store::write_batch> batch;
        std::function<void(bool)> committed;
    };
    // Stores one session's batches (in the order they came) and calls each one's committed.
    using append_group = std::function<void(std::vector<queued>& group)>;

    append_batcher(std::chrono::milliseconds linger, append_group append);
    ~append_batcher();
    append_batcher(const append_batcher&) = delete;
    append_batcher& operator=(const append_batcher&) = delete;

    void post(queued q);

private:
    void run();

    std::chrono::milliseconds linger_;
    append_group append_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<queued> queue_;
    bool stopping_ = false;
    std::thread thread_;  // last: it starts once everything it uses is made
};

}  // namespace veche::cluster
