#pragma once
// Scenario 3, idle: N connections opened, said hello and subscribed (Veche)
// or just opened (reference), then held; the server's memory per connection
// is its RSS growth divided by N.

#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct idle_options {
    std::size_t connections = 15000;
    double settle_seconds = 5;
    std::size_t threads = 2;
};

void run_idle(const idle_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
