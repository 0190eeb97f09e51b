#pragma once
// Runs build/veche (or another server: nats-server) as a child process, as
// an operator would, and reads its output. Veche picks a free port (--listen
// 127.0.0.1:0) and reports it in its "listening on HOST:PORT" line.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace veche::test {

struct process_result {
    int exit_code = -1;    // when it exited
    int signal = 0;        // when a signal ended it
    std::string out;       // stdout
    std::string err;       // stderr
};

// Runs the executable to completion (for commands that exit: bad configs, `veche token`).
process_result run_veche(const std::vector<std::string>& args, std::chrono::seconds timeout = std::chrono::seconds(20),
                         const std::vector<std::string>& extra_env = {});

// Runs another program (found on PATH) to completion and returns its stdout.
std::string run_command(const std::vector<std::string>& program_and_args);
// The same, with its exit status and stderr.
process_result run_program(const std::vector<std::string>& program_and_args);

class server_process {
public:
    // Starts `veche serve ARGS --listen 127.0.0.1:0` and waits for the listening line (throws on failure).
    explicit server_process(std::vector<std::string> serve_args, const std::vector<std::string>& extra_env = {});
    // Starts another program (found on PATH) and waits until its stdout or
    // stderr matches ready; port() is the pattern's first group, when it has one.
    server_process(const std::string& program, const std::vector<std::string>& args, const std::string& ready);
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    // The server's resident memory (VmRSS), in KiB.
    long rss_kib() const;

    // Sends the signal and waits for the exit; returns how it ended and how long it took.
    process_result stop(int signal, std::chrono::milliseconds* took = nullptr,
                        std::chrono::seconds timeout = std::chrono::seconds(15));
    // Everything the server has printed so far.
    std::string output() const;
    // Waits until the output contains text (true) or the timeout passes (false).
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout);

private:
    void run(const std::string& program, const std::vector<std::string>& args, const std::vector<std::string>& env,
             const std::string& ready);
    void read_loop(int fd, bool is_stdout);

    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::string out_;
    std::string err_;
    int open_streams_ = 0;
    std::thread out_reader_;
    std::thread err_reader_;
    std::optional<process_result> result_;
};

}  // namespace veche::test
