#include "cluster_fixture.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <thread>

namespace veche::test {

cluster_fixture::cluster_fixture(const std::string& nats_urls, int replicas) {
    auto config = demo_config();
    for (auto& hall : config["event"]["halls"]) hall["source"] = "none";  // no video needed here
    // Only the speed of the cluster limits a storm; and the checks read whole snapshots of a session that
    // many rounds of storms filled with thousands of questions (more than the default 1 MiB queue takes).
    config["limits"] = {{"asks_per_minute", 10000},
                        {"votes_per_second", 10000},
                        {"votes_burst", 10000},
                        {"messages_per_second", 10000},
                        {"messages_burst", 10000},
                        {"send_queue_bytes", 256 * 1024 * 1024}};
    config["cluster"] = {{"nats", nats_urls}, {"node", node_id(0)}, {"replicas", replicas}};
    config_path_ = write_config(dir_, config);
    for (std::size_t i = 0; i < nodes; ++i) {
        config["cluster"]["node"] = node_id(i);
        write_config(dir_, config, node_id(i) + ".json");
        start(i);
    }
}

cluster_fixture::~cluster_fixture() {
    if (!std::getenv("VECHE_CLUSTER_LOGS")) return;
    for (std::size_t i = 0; i < nodes; ++i)
        if (servers_[i]) std::cerr << "--- " << node_id(i) << " ---\n" << servers_[i]->output();
}

void cluster_fixture::start(std::size_t node) {
    servers_[node] = std::make_unique<server_process>(std::vector<std::string>{
        "--config", (dir_ / (node_id(node) + ".json")).string(), "--data", (dir_ / (node_id(node) + "-data")).string()});
    ports_[node] = servers_[node]->port();
}

void cluster_fixture::stop(std::size_t node, int signal) {
    if (!servers_[node]) return;
    servers_[node]->stop(signal);
    servers_[node].reset();
}

std::size_t cluster_fixture::restart_stopped() {
    std::size_t restarted = 0;
    for (std::size_t node = 0; node < nodes; ++node) {
        if (!servers_[node] || !servers_[node]->wait_for_output("stopping the server", std::chrono::milliseconds(0)))
            continue;
        const auto r = servers_[node]->stop(SIGKILL);
        CHECK((r.exit_code == 70 || r.signal == SIGKILL));
        servers_[node].reset();
        start(node);
        ++restarted;
    }
    return restarted;
}

std::optional<std::string> cluster_fixture::owner_seen_by(std::size_t node, const std::string& session) {
    const auto r = http_get(port(node), "/api/v1/sessions/" + session);
    if (r.status != 200) return std::nullopt;
    const auto owner = r.json()["owner"];
    if (!owner.is_string()) return std::nullopt;
    return owner.get<std::string>();
}

std::optional<std::size_t> cluster_fixture::owner(const std::string& session, std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (true) {
        std::optional<std::string> agreed;
        bool all = true;
        for (std::size_t i = 0; i < nodes && all; ++i) {
            if (!servers_[i]) continue;
            const auto seen = owner_seen_by(i, session);
            all = seen && (!agreed || *agreed == *seen);
            agreed = seen;
        }
        if (all && agreed)
            for (std::size_t i = 0; i < nodes; ++i)
                if (servers_[i] && node_id(i) == *agreed) return i;
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string cluster_fixture::staff_token(const std::string& role) {
    auto r = run_veche({"token", "--config", config_path_, "--role", role});
    if (r.exit_code != 0) throw std::runtime_error("veche token failed: " + r.err);
    return r.out.substr(0, r.out.find('\n'));
}

std::string cluster_fixture::join(std::size_t node) {
    auto r = http_post(port(node), "/api/v1/join", "{}");
    if (r.status != 200) throw std::runtime_error("join failed: " + r.body);
    return r.json()["token"];
}

std::unique_ptr<ws_client> cluster_fixture::connect(std::size_t node, const std::string& token) {
    auto c = std::make_unique<ws_client>(port(node));
    c->hello(token);
    return c;
}

}  // namespace veche::test
