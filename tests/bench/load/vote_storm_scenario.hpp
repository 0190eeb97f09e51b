#pragma once
// Scenario 2, vote storm: every participant subscribes to one session and,
// within a few seconds, votes on a few of its questions while all of them
// watch the totals. Measured: from a vote's ack (and from the moment it was
// due) until every subscriber has a total that includes it. The reference
// gets the same votes, each broadcast as one message to everyone; when it
// owes too many deliveries the voters wait (its memory would otherwise grow
// without bound), and that wait counts in its latency.

#include "report.hpp"
#include "target_server.hpp"

#include <cstdint>

namespace veche::bench {

struct storm_options {
    std::size_t participants = 5000;
    std::size_t questions = 50;
    std::size_t votes_each = 5;         // distinct questions each participant votes for
    double storm_seconds = 5;           // the votes are spread over this long
    double drain_seconds = 30;          // afterwards, how long the stragglers get
    std::size_t threads = 2;
    std::uint64_t reference_backlog = 3'000'000;  // deliveries the reference may owe before voters wait
    unsigned seed = 7;
};

void run_vote_storm(const storm_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
