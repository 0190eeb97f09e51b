#pragma once
// The thread that writes recordings to disk, so that the media thread (and
// with it the live relay) never waits for the disk. Writes are queued; when
// the disk fails (full, read-only, gone) recording stops with one log line
// and veche_media_recording_stopped 1, the live relay and the hub go on, and
// a write is tried again once a minute. The queue is bounded: a disk too
// slow to keep up loses segments of the recording, never the relay's memory.
// It also runs the hourly housekeeping (retention).

#include "common/metrics_registry.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>

namespace veche::media {

class recording_worker {
public:
    using job = std::function<std::error_code()>;

    explicit recording_worker(metrics_registry& metrics, std::size_t queue_limit = 256,
                              std::chrono::milliseconds retry = std::chrono::minutes(1));
    ~recording_worker();
    recording_worker(const recording_worker&) = delete;
    recording_worker& operator=(const recording_worker&) = delete;

    // housekeeping runs on the worker at once and then every `period`.
    void start(std::function<void()> housekeeping, std::chrono::milliseconds period);
    // Any thread. Before start() (or without it) jobs run on the caller's thread.
    void post(job j);
    // Waits until every queued job has run.
    void drain();
    // Runs what is queued and ends the thread.
    void stop();

    bool stopped_recording() const;

private:
    void run(std::function<void()> housekeeping, std::chrono::milliseconds period);
    void execute(const job& j);

    std::size_t queue_limit_;
    std::chrono::milliseconds retry_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<job> queue_;
    bool busy_ = false;
    bool stopping_ = false;
    std::thread thread_;

    // The worker's own (or the caller's, before start).
    bool failing_ = false;
    std::chrono::steady_clock::time_point retry_at_;

    gauge& stopped_;
    counter& dropped_;
    counter& written_;
};

}  // namespace veche::media
