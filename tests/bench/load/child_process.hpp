#pragma once
// A server under test (build/veche or the node reference) in a child process.
// It is started before the generator opens any socket, its output is drained
// on a thread (a server blocked on a full stdout pipe would measure nothing),
// and it is always ended: SIGTERM, then SIGKILL when it does not exit.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace veche::bench {

class child_process {
public:
    // Runs `program args…` and waits for its "listening on 127.0.0.1:PORT" line (throws otherwise);
    // `ready_line` is that line's pattern, with the port as its first group.
    child_process(const std::string& program, const std::vector<std::string>& args,
                  std::chrono::seconds start_timeout = std::chrono::seconds(30),
                  const std::string& ready_line = R"(listening on 127\.0\.0\.1:(\d+))");
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    pid_t pid() const { return pid_; }
    std::uint16_t port() const { return port_; }
    // SIGTERM, then SIGKILL after the grace period; returns the exit status text.
    std::string stop(std::chrono::seconds grace = std::chrono::seconds(10));
    // The last lines the server printed (kept bounded).
    std::string tail() const;

private:
    void read_loop(int fd);

    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    bool stopped_ = false;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::string output_;
    bool eof_ = false;
    std::thread reader_;
};

}  // namespace veche::bench
