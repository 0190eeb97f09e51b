#pragma once
// The CPU the whole cluster used over a window: every Veche node and the
// NATS server, sampled at its start and its end (cores, 1.0 = one core busy).

#include "process_probe.hpp"
#include "veche_cluster.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace veche::bench {

class cluster_cpu {
public:
    explicit cluster_cpu(const veche_cluster& cluster);
    void begin();
    // {"node-1": cores, …, "nats-server": cores}
    nlohmann::json end() const;

private:
    const veche_cluster& cluster_;
    std::vector<pid_t> pids_;
    std::vector<process_sample> from_;
};

}  // namespace veche::bench
