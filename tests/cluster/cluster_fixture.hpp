#pragma once
// Three Veche nodes on the demo forum sharing one NATS JetStream (one server,
// or a cluster of three), each with its own data directory, as an operator
// runs them; and the ways people get in through any node.

#include "support/http_client.hpp"
#include "support/nats_server.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"
#include "support/ws_client.hpp"

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace veche::test {

inline constexpr const char* busy_session = "sila-v-lyudyakh";  // pre-moderation

class cluster_fixture {
public:
    static constexpr std::size_t nodes = 3;

    // nats_urls: where the nodes find NATS; replicas: the stream's copies.
    cluster_fixture(const std::string& nats_urls, int replicas);
    // VECHE_CLUSTER_LOGS=1 prints every node's output at the end.
    ~cluster_fixture();

    std::uint16_t port(std::size_t node) const { return ports_[node]; }
    std::string node_id(std::size_t node) const { return "node-" + std::to_string(node + 1); }
    bool running(std::size_t node) const { return servers_[node] != nullptr; }

    void start(std::size_t node);
    // SIGKILL (a crash) or SIGTERM (a clean stop); the node stays down until start().
    void stop(std::size_t node, int signal);

    // Starts again the nodes that stopped themselves (exit 70: their lease went to another node while they
    // held changes the log did not take), as their supervisor would; how many. Checks how they stopped.
    std::size_t restart_stopped();

    // GET /api/v1/sessions/{id} on that node → "owner" (nothing while nobody sequences it).
    std::optional<std::string> owner_seen_by(std::size_t node, const std::string& session);
    // The node index that sequences the session, once every running node agrees (waits up to `wait`).
    std::optional<std::size_t> owner(const std::string& session, std::chrono::milliseconds wait);

    std::string staff_token(const std::string& role);
    std::string join(std::size_t node);
    std::unique_ptr<ws_client> connect(std::size_t node, const std::string& token);

private:
    temp_dir dir_;
    std::string config_path_;
    std::array<std::unique_ptr<server_process>, nodes> servers_;
    std::array<std::atomic<std::uint16_t>, nodes> ports_{};
};

}  // namespace veche::test
