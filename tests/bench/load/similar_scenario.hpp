#pragma once
// Scenario 5, similar questions under load (issue 14's target): a session
// of 5,000 questions, 1,000 participants subscribed to it who vote all the
// time, and a few participants "typing" who send `similar` requests as the
// web page does (once per pause). Measured: from a `similar` request sent to
// its answer, p50/p99/max, against the target of 50 ms p99; beside it the
// server's own time per request (veche_similar_seconds) and the cost of an
// ask while the session fills (indexing and a durable commit). Veche only:
// the reference has no such request.

#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct similar_options {
    std::size_t voters = 1000;       // subscribed, voting
    std::size_t typists = 20;        // sending `similar`
    std::size_t questions = 5000;
    std::size_t askers = 50;         // the questions are asked by this many voters, one after another each
    double votes_per_s = 1000;       // in all
    double similar_per_s = 40;       // in all: two a second per typist
    double warmup_seconds = 3;
    double seconds = 20;
    std::size_t threads = 2;
    unsigned seed = 42;
};

void run_similar(const similar_options& o, const server_paths& paths, report& r);

}  // namespace veche::bench
