#pragma once
// A thread of its own that runs the jobs posted to it one after another, in
// the order they came. For slow reads (timeline.json, audit.csv) that must
// hold up neither the rooms nor a network thread. Destroying it stops it:
// the job under way finishes, the jobs still waiting are dropped (their
// requests are answered by their connections' closing). Declare it as the
// last member of its owner, so it stops before what its jobs use is gone.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace veche {

class job_thread {
public:
    job_thread();
    ~job_thread();
    job_thread(const job_thread&) = delete;
    job_thread& operator=(const job_thread&) = delete;

    // Safe from any thread, also from a job (which then runs after those already waiting).
    void post(std::function<void()> job);

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace veche
