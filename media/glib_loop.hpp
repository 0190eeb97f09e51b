#pragma once
// The one GLib main loop that runs every pipeline's bus, the appsink hand-offs
// and the watchdog, on its own thread (media never blocks the hub).

#include <chrono>
#include <functional>
#include <thread>

using GMainContext = struct _GMainContext;
using GMainLoop = struct _GMainLoop;

namespace veche::media {

class glib_loop {
public:
    glib_loop();  // not copied: it owns its thread
    ~glib_loop();

    void start();
    // Runs fn on the loop's thread, from any thread.
    void post(std::function<void()> fn);
    // Calls fn on the loop's thread every interval while the loop runs.
    void every(std::chrono::milliseconds interval, std::function<void()> fn);
    // Quits the loop after what is queued before it and joins the thread. Nothing that runs on the loop
    // blocks for long (state changes happen on the state_worker), so this returns promptly.
    void stop();

    GMainContext* context() const { return context_; }

private:
    GMainContext* context_;
    GMainLoop* loop_;
    std::thread thread_;
};

}  // namespace veche::media
