#pragma once
// Cluster scenario 1, acknowledged commands through three nodes: one busy
// session, its voters spread evenly over the nodes of a 3-node cluster on one
// `nats-server -js` (`replicas: 1`), so that two thirds of the votes reach a
// node that does not sequence the session and are forwarded over NATS. First
// as fast as the acks come back (a window in flight per voter): the peak
// acknowledged votes/s; then paced at half that rate: the ack latency there.

#include "durable_scenario.hpp"
#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct cluster_durable_options {
    durable_options votes;     // participants, questions, in_flight, seconds (each window), threads
    std::size_t nodes = 3;
    double paced_share = 0.5;  // of the measured peak
};

void run_cluster_durable(const cluster_durable_options& o, const server_paths& paths, report& r);

}  // namespace veche::bench
