#include "cluster/append_batcher.hpp"

#include <map>

namespace veche::cluster {

append_batcher::append_batcher(std::chrono::milliseconds linger, append_group append)
    : linger_(linger), append_(std::move(append)), thread_([this] { run(); }) {}

append_batcher::~append_batcher() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void append_batcher::post(queued q) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(q));
    }
    wake_.notify_one();
}

void append_batcher::run() {
    auto last_round = std::chrono::steady_clock::now() - linger_;
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        // Too soon after the last round: what comes meanwhile joins this one.
        if (wake_.wait_until(lock, last_round + linger_, [&] { return stopping_; })) return;
        last_round = std::chrono::steady_clock::now();
        std::vector<queued> round;
        round.swap(queue_);
        lock.unlock();
        std::map<std::string, std::vector<queued>, std::less<>> by_session;
        for (auto& q : round) by_session[q.batch->session].push_back(std::move(q));
        for (auto& [session, group] : by_session) append_(group);
        lock.lock();
    }
}

}  // namespace veche::cluster
