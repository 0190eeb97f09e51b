#include "child_process.hpp"

#include <csignal>
#include <fcntl.h>
#include <regex>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace veche::bench {
namespace {

constexpr std::size_t kept_output = 64 * 1024;

}  // namespace

child_process::child_process(const std::string& program, const std::vector<std::string>& args,
                             std::chrono::seconds start_timeout, const std::string& ready_line) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> full{program};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // Only async-signal-safe calls here. stdout and stderr share the pipe.
        ::dup2(out[1], 1);
        ::dup2(out[1], 2);
        ::close_range(3, ~0U, 0);  // none of the generator's sockets leak into the server
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    reader_ = std::thread([this, fd = out[0]] { read_loop(fd); });

    const std::regex listening(ready_line);
    std::unique_lock lock(mutex_);
    std::smatch m;
    const bool ready =
        changed_.wait_for(lock, start_timeout, [&] { return std::regex_search(output_, m, listening) || eof_; });
    if (!ready || m.empty()) {
        const auto text = output_;
        lock.unlock();
        stop(std::chrono::seconds(1));
        throw std::runtime_error(program + " did not start: " + text);
    }
    port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

child_process::~child_process() { stop(std::chrono::seconds(5)); }

void child_process::read_loop(int fd) {
    char buf[8192];
    while (true) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        std::lock_guard lock(mutex_);
        output_.append(buf, static_cast<std::size_t>(n));
        // Keep the start (the listening line) and the end; drop the middle.
        if (output_.size() > 2 * kept_output) output_.erase(kept_output / 4, output_.size() - kept_output);
        changed_.notify_all();
    }
    ::close(fd);
    std::lock_guard lock(mutex_);
    eof_ = true;
    changed_.notify_all();
}

std::string child_process::stop(std::chrono::seconds grace) {
    if (stopped_ || pid_ <= 0) return "stopped";
    stopped_ = true;
    ::kill(pid_, SIGTERM);
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exited = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
    if (reader_.joinable()) reader_.join();
    if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
    return "signal " + std::to_string(WTERMSIG(status));
}

std::string child_process::tail() const {
    std::lock_guard lock(mutex_);
    return output_.size() > 2000 ? output_.substr(output_.size() - 2000) : output_;
}

}  // namespace veche::bench
