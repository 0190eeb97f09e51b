#include "cluster_fanout_scenario.hpp"

#include "bench_config.hpp"
#include "cluster_cpu.hpp"
#include "scenario_common.hpp"
#include "veche_cluster.hpp"

#include <iostream>

namespace veche::bench {
namespace {

// Runs the rate steps with the subscribers spread over `nodes` nodes of a fresh cluster.
fanout_outcome run_on(std::size_t nodes, int niceness, const fanout_options& o, const server_paths& paths, report& r,
                      const std::string& label) {
    veche_cluster cluster(paths, nodes, niceness);
    fanout_target t;
    t.control = cluster.endpoint(0);  // the moderator and askers: node-1
    for (std::size_t n = 0; n < nodes; ++n) t.audience.push_back(cluster.endpoint(n));
    t.pid = cluster.pid(0);
    t.staff_token = [&cluster](const std::string& role) { return cluster.staff_token(role); };
    t.label = label;
    cluster_cpu cpu(cluster);
    cpu.begin();
    const auto out = run_fanout_steps(server_kind::veche, o, t, r, 0);
    const auto cores = cpu.end();
    const auto owner = cluster.owner(fanout_session);
    std::cerr << "  " << label << ": peak " << static_cast<std::uint64_t>(out.peak_delivered_per_s)
              << " deliveries/s; owner " << (owner ? veche_cluster::node_id(*owner) : std::string("unknown"))
              << "; mean cores over the whole run " << cores.dump() << "\n";
    r.set_summary(server_kind::veche, {{label,
                                        {{"nodes", nodes},
                                         {"subscribers_per_node", o.subscribers / nodes},
                                         {"owner", owner ? veche_cluster::node_id(*owner) : std::string()},
                                         {"peak_delivered_per_s", out.peak_delivered_per_s},
                                         {"peak_window", out.peak_window},
                                         {"saturated_at", out.saturated_at},
                                         {"bytes_per_item", out.item_bytes},
                                         {"mean_cores_whole_run", cores}}}});
    cluster.stop();
    return out;
}

}  // namespace

void run_cluster_fanout(const cluster_fanout_options& o, const server_paths& paths, report& r) {
    const auto per_node = o.fanout.subscribers / o.nodes;
    const auto spread_label = std::to_string(o.nodes) + " nodes × " + std::to_string(per_node);
    const auto single_label = "1 node × " + std::to_string(o.fanout.subscribers);
    const auto spread = run_on(o.nodes, o.node_nice, o.fanout, paths, r, spread_label);
    const auto single = run_on(1, o.node_nice, o.fanout, paths, r, single_label);
    r.note("both on one nats-server -js, replicas 1, the moderator on node-1; the windows' server CPU is node-1's");
    r.note("the nodes ran at nice " + std::to_string(o.node_nice) +
           (o.node_nice ? " (the generator is not starved of the shared cores)" : " (as the generator)"));
    for (const auto& [label, out] : {std::pair{spread_label, spread}, std::pair{single_label, single}}) {
        if (out.saturated_at.empty()) r.note(label + " did not saturate by the last rate: its peak is a lower bound");
        comparison c;
        c.figure = "deliveries/s at the best step, " + label;
        c.unit = "messages/s";
        c.veche = out.peak_delivered_per_s;
        r.add_comparison(c);
    }
}

}  // namespace veche::bench
