#pragma once
// Scenario 1, fan-out: N subscribers on one session while a moderator
// approves questions at rising rates until the server saturates (deliveries
// fall below 90% of what was published, p99 passes 1 s, or clients are cut).
// The reference gets the same schedule: one message per approval, broadcast.

#include "report.hpp"
#include "target_server.hpp"

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

void run_fanout(const fanout_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
