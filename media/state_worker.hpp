#pragma once
// Changes pipeline states on a thread of its own, in the order asked. Starting
// a network source can block (an SRT caller connects inside the state change,
// for seconds when the far end is down) and so can stopping one (an RTSP
// teardown): none of that may hold up the media thread, and a stop queued
// after a start must never overtake it.

#include <chrono>
#include <functional>
#include <memory>

using GstElement = struct _GstElement;

namespace veche::media {

class state_worker {
public:
    state_worker();
    ~state_worker();
    state_worker(const state_worker&) = delete;
    state_worker& operator=(const state_worker&) = delete;

    // Takes a reference on the pipeline; done(ok) is called on the worker's thread once the change returned.
    void play(GstElement* pipeline, std::function<void(bool ok)> done);
    void stop(GstElement* pipeline);

    // Waits for the queue to empty; past the timeout the thread is left to finish alone (it holds what it
    // needs), so that shutting down stays bounded. Returns whether it finished.
    bool finish(std::chrono::milliseconds timeout);

private:
    struct shared;
    std::shared_ptr<shared> shared_;
};

}  // namespace veche::media
