#include "media/state_worker.hpp"

#include <gst/gst.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace veche::media {

struct state_worker::shared {
    struct change {
        GstElement* pipeline;
        GstState state;
        std::function<void(bool)> done;
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<change> queue;
    bool busy = false;
    bool closing = false;

    void run() {
        std::unique_lock lock(mutex);
        while (true) {
            changed.wait(lock, [this] { return closing || !queue.empty(); });
            if (queue.empty()) return;
            auto c = std::move(queue.front());
            queue.pop_front();
            busy = true;
            lock.unlock();
            const bool ok = gst_element_set_state(c.pipeline, c.state) != GST_STATE_CHANGE_FAILURE;
            if (c.done) c.done(ok);
            gst_object_unref(c.pipeline);
            lock.lock();
            busy = false;
            changed.notify_all();
        }
    }
};

state_worker::state_worker() : shared_(std::make_shared<shared>()) {
    // The thread owns the shared state too: it may outlive this object when finish() gives up on it.
    std::thread([s = shared_] { s->run(); }).detach();
}

state_worker::~state_worker() { finish(std::chrono::seconds(1)); }

void state_worker::play(GstElement* pipeline, std::function<void(bool)> done) {
    std::lock_guard lock(shared_->mutex);
    shared_->queue.push_back({GST_ELEMENT(gst_object_ref(pipeline)), GST_STATE_PLAYING, std::move(done)});
    shared_->changed.notify_all();
}

void state_worker::stop(GstElement* pipeline) {
    std::lock_guard lock(shared_->mutex);
    shared_->queue.push_back({GST_ELEMENT(gst_object_ref(pipeline)), GST_STATE_NULL, nullptr});
    shared_->changed.notify_all();
}

bool state_worker::finish(std::chrono::milliseconds timeout) {
    std::unique_lock lock(shared_->mutex);
    shared_->closing = true;
    shared_->changed.notify_all();
    return shared_->changed.wait_for(lock, timeout, [this] { return shared_->queue.empty() && !shared_->busy; });
}

}  // namespace veche::media
