#include "media/recording_worker.hpp"

#include "common/log.hpp"

namespace veche::media {

recording_worker::recording_worker(metrics_registry& metrics, std::size_t queue_limit, std::chrono::milliseconds retry)
    : queue_limit_(queue_limit),
      retry_(retry),
      stopped_(metrics.make_gauge("veche_media_recording_stopped",
                                  "1 while recordings cannot be written (disk full or failing); the live relay goes on",
                                  {})),
      dropped_(metrics.make_counter("veche_media_recording_dropped_total",
                                    "Segments left out of the recordings: the disk failed or could not keep up", {})),
      written_(metrics.make_counter("veche_media_recording_writes_total", "Segments and gaps written to the recordings",
                                    {})) {}

recording_worker::~recording_worker() { stop(); }

void recording_worker::start(std::function<void()> housekeeping, std::chrono::milliseconds period) {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this, fn = std::move(housekeeping), period]() mutable { run(std::move(fn), period); });
}

void recording_worker::post(job j) {
    {
        std::lock_guard lock(mutex_);
        if (thread_.joinable() && !stopping_) {
            if (queue_.size() >= queue_limit_) {
                dropped_.inc();
                return;
            }
            queue_.push_back(std::move(j));
            wake_.notify_one();
            return;
        }
        if (stopping_) return;
    }
    execute(j);
}

void recording_worker::drain() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void recording_worker::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
}

bool recording_worker::stopped_recording() const { return stopped_.value() != 0; }

void recording_worker::run(std::function<void()> housekeeping, std::chrono::milliseconds period) {
    auto next_housekeeping = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
        if (housekeeping && std::chrono::steady_clock::now() >= next_housekeeping) {
            busy_ = true;
            lock.unlock();
            housekeeping();
            lock.lock();
            busy_ = false;
            next_housekeeping = std::chrono::steady_clock::now() + period;
        }
        if (queue_.empty()) {
            idle_.notify_all();
            if (stopping_) return;
            wake_.wait_until(lock, next_housekeeping);
            continue;
        }
        auto j = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        execute(j);
        lock.lock();
        busy_ = false;
    }
}

void recording_worker::execute(const job& j) {
    const auto now = std::chrono::steady_clock::now();
    if (failing_ && now < retry_at_) {
        dropped_.inc();
        return;
    }
    if (const auto ec = j()) {
        dropped_.inc();
        if (!failing_)
            log::error("recording: stopped, cannot write (", ec.message(), "); the live relay goes on, retrying every ",
                       std::chrono::duration_cast<std::chrono::seconds>(retry_).count(), " s");
        failing_ = true;
        stopped_.set(1);
        retry_at_ = now + retry_;
        return;
    }
    written_.inc();
    if (failing_) {
        log::info("recording: writing again");
        failing_ = false;
        stopped_.set(0);
    }
}

}  // namespace veche::media
