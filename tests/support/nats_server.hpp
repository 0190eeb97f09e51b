#pragma once
// A real `nats-server -js` for tests: loopback only, ports chosen up front
// (so a restart keeps them and clients reconnect), its own store directory,
// killed at the end. nats_cluster runs three of them routed together, for
// streams with three replicas.

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace veche::test {

// A port nothing listens on right now (bound to 127.0.0.1:0 and released).
std::uint16_t free_port();

class nats_server {
public:
    struct routes {
        std::string cluster_name;
        std::string server_name;
        std::uint16_t cluster_port = 0;
        std::vector<std::uint16_t> peers;  // the other servers' cluster ports
    };

    nats_server();  // alone, in a temporary directory of its own
    // Alone, with more command-line options (TLS, a user: `--tls --tlscert … --user … --pass …`).
    explicit nats_server(std::vector<std::string> extra_args);
    // One server of a cluster.
    nats_server(std::filesystem::path store_dir, routes r);

    std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }
    // Stops it (SIGTERM: a clean stop; SIGKILL: a crash); start() brings it
    // back on the same ports with the same store.
    void stop(int signal);
    void start();

private:
    std::unique_ptr<temp_dir> own_dir_;
    std::filesystem::path store_dir_;
    routes routes_;
    std::vector<std::string> extra_args_;
    std::uint16_t port_;
    std::unique_ptr<server_process> process_;
};

class nats_cluster {
public:
    nats_cluster();
    // Every server's address, comma-separated, as the `cluster.nats` key takes them.
    std::string urls() const;
    nats_server& server(std::size_t i) { return *servers_.at(i); }
    static constexpr std::size_t size = 3;

private:
    temp_dir dir_;
    std::array<std::unique_ptr<nats_server>, size> servers_;
};

}  // namespace veche::test
