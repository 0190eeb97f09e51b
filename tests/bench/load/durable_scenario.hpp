#pragma once
// Scenario 4, durable writes: participants vote as fast as their acks come
// back (a window of votes in flight each), switching votes on and off so that
// every vote changes a row; counted are the acks, each of which means the
// vote is on disk (SQLite WAL, synchronous=FULL, group commit). The reference
// here is not the ws server (it stores nothing) but the way a server without
// group commit stores a vote: one SQLite transaction per vote, on the same
// disk, in the same run.

#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct durable_options {
    std::size_t participants = 1000;
    std::size_t questions = 100;
    std::size_t in_flight = 32;   // votes each participant keeps waiting for their ack
    double warmup_seconds = 2;
    double seconds = 10;
    double reference_seconds = 3;
    std::size_t threads = 2;
    // With `acks`: after the window, voting goes on until this many votes are
    // acknowledged in all; then Veche is restarted on the same data and its
    // start-up time and memory with that request log are reported.
    std::uint64_t acks = 0;
};

void run_durable(const durable_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
