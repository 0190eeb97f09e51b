#include "support/server_process.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <regex>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace veche::test {
namespace {

struct spawned {
    pid_t pid;
    int out_fd;
    int err_fd;
};

spawned spawn(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
              const std::string& program = VECHE_BIN) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    // Everything the child needs is built before fork: the child only calls
    // async-signal-safe functions.
    std::vector<std::string> full{program};
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        const auto name = entry.substr(0, entry.find('=') + 1);
        const bool overridden = std::any_of(extra_env.begin(), extra_env.end(),
                                            [&](const std::string& x) { return x.starts_with(name); });
        if (!overridden) env_strings.push_back(entry);
    }
    env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        // A test that aborts (a failed REQUIRE in a thread, a sanitizer
        // report) must not leave its server running: the child dies with the
        // thread that started it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        if (program.find('/') == std::string::npos) ::execvpe(argv[0], argv.data(), envp.data());
        else ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    return {pid, out_pipe[0], err_pipe[0]};
}

process_result decode_status(int status) {
    process_result r;
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

// Waits for the child up to the deadline; kills it past that.
int wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return status;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace

namespace {

process_result run_to_end(const spawned& child, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string out, err;
    pollfd fds[2] = {{child.out_fd, POLLIN, 0}, {child.err_fd, POLLIN, 0}};
    int open = 2;
    while (open > 0 && std::chrono::steady_clock::now() < deadline) {
        if (::poll(fds, 2, 100) <= 0) continue;
        for (auto& f : fds) {
            if (f.fd < 0 || !(f.revents & (POLLIN | POLLHUP))) continue;
            char buf[4096];
            const auto n = ::read(f.fd, buf, sizeof buf);
            if (n <= 0) {
                ::close(f.fd);
                f.fd = -1;
                --open;
            } else {
                (f.fd == child.out_fd ? out : err).append(buf, static_cast<std::size_t>(n));
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);
    auto result = decode_status(wait_until(child.pid, deadline));
    result.out = std::move(out);
    result.err = std::move(err);
    return result;
}

}  // namespace

process_result run_veche(const std::vector<std::string>& args, std::chrono::seconds timeout,
                         const std::vector<std::string>& extra_env) {
    return run_to_end(spawn(args, extra_env), timeout);
}

process_result run_program(const std::vector<std::string>& program_and_args) {
    const std::vector<std::string> args(program_and_args.begin() + 1, program_and_args.end());
    return run_to_end(spawn(args, {}, program_and_args.front()), std::chrono::seconds(60));
}

std::string run_command(const std::vector<std::string>& program_and_args) { return run_program(program_and_args).out; }

server_process::server_process(std::vector<std::string> serve_args, const std::vector<std::string>& extra_env) {
    std::vector<std::string> args{"serve"};
    args.insert(args.end(), serve_args.begin(), serve_args.end());
    args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    run(VECHE_BIN, args, extra_env, R"(listening on 127\.0\.0\.1:(\d+))");
}

server_process::server_process(const std::string& program, const std::vector<std::string>& args,
                               const std::string& ready) {
    run(program, args, {}, ready);
}

void server_process::run(const std::string& program, const std::vector<std::string>& args,
                         const std::vector<std::string>& env, const std::string& ready) {
    const auto child = spawn(args, env, program);
    pid_ = child.pid;
    open_streams_ = 2;
    out_reader_ = std::thread([this, fd = child.out_fd] { read_loop(fd, true); });
    err_reader_ = std::thread([this, fd = child.err_fd] { read_loop(fd, false); });

    const std::regex ready_line(ready);
    std::unique_lock lock(mutex_);
    std::smatch m;
    std::string seen;
    const bool started = changed_.wait_for(lock, std::chrono::seconds(60), [&] {
        seen = out_ + err_;
        return std::regex_search(seen, m, ready_line) || open_streams_ == 0;
    });
    if (!started || m.empty()) {
        const auto text = program + " did not start:\n" + out_ + err_;
        lock.unlock();
        stop(SIGKILL);
        throw std::runtime_error(text);
    }
    if (m.size() > 1 && m[1].matched) port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

server_process::~server_process() {
    if (!result_) stop(SIGKILL);
}

void server_process::read_loop(int fd, bool is_stdout) {
    char buf[4096];
    while (true) {
        const auto n = ::read(fd, buf, sizeof buf);
        if (n <= 0) break;
        std::lock_guard lock(mutex_);
        (is_stdout ? out_ : err_).append(buf, static_cast<std::size_t>(n));
        changed_.notify_all();
    }
    ::close(fd);
    std::lock_guard lock(mutex_);
    --open_streams_;
    changed_.notify_all();
}

process_result server_process::stop(int signal, std::chrono::milliseconds* took, std::chrono::seconds timeout) {
    if (result_) return *result_;
    const auto start = std::chrono::steady_clock::now();
    ::kill(pid_, signal);
    auto r = decode_status(wait_until(pid_, start + timeout));
    if (took) *took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    if (out_reader_.joinable()) out_reader_.join();
    if (err_reader_.joinable()) err_reader_.join();
    std::lock_guard lock(mutex_);
    r.out = out_;
    r.err = err_;
    result_ = r;
    return r;
}

std::string server_process::output() const {
    std::lock_guard lock(mutex_);
    return out_ + err_;
}

bool server_process::wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
        return out_.find(text) != std::string::npos || err_.find(text) != std::string::npos;
    });
}

long server_process::rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    throw std::runtime_error("no VmRSS for process " + std::to_string(pid_));
}

}  // namespace veche::test
