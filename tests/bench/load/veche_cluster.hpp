#pragma once
// The cluster the cluster benchmarks drive: one `nats-server -js` and N
// build/veche nodes (node-1 … node-N) on it with `replicas: 1`, each with the
// bench config, a data directory of its own and the same secret, so a token
// minted by one node is good on every node. Everything is stopped and the
// temp directory removed when this goes away. With a niceness the nodes
// run under `nice -n N` (nats-server does not): on one shared machine the
// generator, standing in for participants on their own devices, is then not
// starved of the cores by the nodes' many threads.

#include "nats_process.hpp"
#include "target_server.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace veche::bench {

class veche_cluster {
public:
    veche_cluster(const server_paths& paths, std::size_t nodes, int niceness = 0);
    ~veche_cluster();
    veche_cluster(const veche_cluster&) = delete;
    veche_cluster& operator=(const veche_cluster&) = delete;

    std::size_t size() const { return nodes_.size(); }
    boost::asio::ip::tcp::endpoint endpoint(std::size_t node) const;
    pid_t pid(std::size_t node) const { return nodes_.at(node)->pid(); }
    pid_t nats_pid() const { return nats_->pid(); }
    static std::string node_id(std::size_t node) { return "node-" + std::to_string(node + 1); }
    // A staff token from `veche token --config … --role ROLE`.
    std::string staff_token(const std::string& role) const;
    // The node that sequences the session, as GET /api/v1/sessions/{id} names it ("owner").
    std::optional<std::size_t> owner(const std::string& session) const;
    // The last lines every node printed, each under its name.
    std::string tails() const;
    // Stops the nodes, then NATS.
    void stop();

private:
    std::string config_path(std::size_t node) const;

    server_paths paths_;
    std::filesystem::path dir_;
    std::unique_ptr<nats_process> nats_;
    std::vector<std::unique_ptr<child_process>> nodes_;
};

}  // namespace veche::bench
