#include "cluster_cpu.hpp"

namespace veche::bench {

cluster_cpu::cluster_cpu(const veche_cluster& cluster) : cluster_(cluster) {
    for (std::size_t i = 0; i < cluster.size(); ++i) pids_.push_back(cluster.pid(i));
    pids_.push_back(cluster.nats_pid());
}

void cluster_cpu::begin() {
    from_.clear();
    for (const auto pid : pids_) from_.push_back(sample_process(pid));
}

nlohmann::json cluster_cpu::end() const {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t i = 0; i < pids_.size() && i < from_.size(); ++i) {
        const auto name = i < cluster_.size() ? veche_cluster::node_id(i) : std::string("nats-server");
        out[name] = cores_used(from_[i], sample_process(pids_[i]));
    }
    return out;
}

}  // namespace veche::bench
