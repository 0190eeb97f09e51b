#pragma once
// Scenario 1, fan-out: N subscribers on one session while a moderator
// approves questions at rising rates until the server saturates (deliveries
// fall below 90% of what was published, p99 passes 1 s, or clients are cut).
// The reference gets the same schedule: one message per approval, broadcast.

#include "report.hpp"
#include "target_server.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <functional>
#include <string>
#include <vector>

namespace veche::bench {

struct fanout_options {
    std::size_t subscribers = 5000;
    std::vector<double> rates{10, 20, 40, 80, 160, 320, 640, 1280, 2560};  // approvals a second, one step each
    double step_seconds = 4;
    std::size_t threads = 2;   // generator threads reading the subscribers
    std::size_t askers = 8;    // participants who ask the questions beforehand
    std::size_t reference_item_bytes = 0;  // 0: as big as Veche's question events in the same run
};

// What the subscribers got at the best step, and where the server saturated.
struct fanout_outcome {
    double peak_delivered_per_s = 0;
    std::string peak_window;
    std::string saturated_at;  // empty: not saturated by the last step
    double item_bytes = 0;     // mean bytes per delivered item
};

// Where the fan-out runs: the moderator and askers on one server, the
// subscribers split evenly (in order) over one or more (the nodes of a cluster).
struct fanout_target {
    boost::asio::ip::tcp::endpoint control;
    std::vector<boost::asio::ip::tcp::endpoint> audience;
    pid_t pid = 0;  // the process whose CPU and memory the windows sample
    std::function<std::string(const std::string& role)> staff_token;  // Veche only
    std::string label;  // "3 nodes": in the log and before the windows' labels
    static fanout_target of(const target_server& server);
};

// The rate steps against one target that is already running.
fanout_outcome run_fanout_steps(server_kind kind, const fanout_options& o, const fanout_target& target, report& r,
                                std::size_t item_bytes);

void run_fanout(const fanout_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
