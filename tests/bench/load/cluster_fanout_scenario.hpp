#pragma once
// Cluster scenario 2, fan-out through three nodes: every subscriber of one
// session gets every event. First 3 nodes of a cluster on one
// `nats-server -js` (`replicas: 1`) with a third of the subscribers each,
// then one node (a cluster of one, same NATS path) holding all of them, at
// the same approval rates in the same run: deliveries/s and their latency
// from the approval side by side.

#include "fanout_scenario.hpp"
#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct cluster_fanout_options {
    fanout_options fanout;  // subscribers (in all), rates, step_seconds, threads
    std::size_t nodes = 3;
    // The nodes' `nice` in both arms: the generator reads 9,000 sockets beside three nodes on two cores.
    int node_nice = 10;
};

void run_cluster_fanout(const cluster_fanout_options& o, const server_paths& paths, report& r);

}  // namespace veche::bench
