#pragma once
// A `nats-server -js` for the cluster benchmarks: loopback only, on a port it
// picks itself, with a store directory of its own in /tmp that goes away with
// it. Started before any Veche node, stopped after the last.

#include "child_process.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace veche::bench {

class nats_process {
public:
    nats_process();
    ~nats_process();
    nats_process(const nats_process&) = delete;
    nats_process& operator=(const nats_process&) = delete;

    std::string url() const { return "nats://127.0.0.1:" + std::to_string(process_->port()); }
    pid_t pid() const { return process_->pid(); }
    void stop() { process_->stop(); }

private:
    std::filesystem::path dir_;
    std::unique_ptr<child_process> process_;
};

}  // namespace veche::bench
