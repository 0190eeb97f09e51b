#pragma once
// The server a scenario drives: Veche (build/veche with the bench config, a
// fresh data directory in /tmp) or the reference (node + the ws broadcast
// server). Started as a child process before the generator opens a socket,
// stopped and its temp directory removed when this goes away.

#include "child_process.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace veche::bench {

enum class server_kind { veche, reference };
const char* to_string(server_kind k);

struct server_paths {
    std::string veche;             // the veche executable
    std::string node = "node";
    std::string reference_script;  // tests/bench/load/reference/broadcast_server.mjs
    std::string cpus;              // when set, the server runs on these CPUs only (taskset -c CPUS)
};

class target_server {
public:
    target_server(server_kind kind, const server_paths& paths);
    ~target_server();
    target_server(const target_server&) = delete;
    target_server& operator=(const target_server&) = delete;

    server_kind kind() const { return kind_; }
    pid_t pid() const { return process_->pid(); }
    boost::asio::ip::tcp::endpoint endpoint() const;
    // A staff token from `veche token --config … --role ROLE` (Veche only).
    std::string staff_token(const std::string& role) const;
    std::string stop() { return process_->stop(); }
    // Stops Veche (SIGTERM) and starts it again on the same data; returns the
    // seconds from the start until it listens.
    double restart();
    std::string tail() const { return process_->tail(); }

private:
    std::unique_ptr<child_process> launch(const std::string& program, std::vector<std::string> args) const;

    server_kind kind_;
    server_paths paths_;
    std::filesystem::path dir_;
    std::string config_path_;
    std::unique_ptr<child_process> process_;
};

}  // namespace veche::bench
