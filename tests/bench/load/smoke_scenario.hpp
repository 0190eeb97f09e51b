#pragma once
// The short run the test suite keeps (ctest label `bench`), so the generator
// cannot rot: a few hundred participants join, say hello and subscribe; some
// ask, the moderator approves, everyone votes. It fails unless every client
// got ready, every request was acknowledged without an error, every
// subscriber saw every approved question and ends with the final totals, and
// (with the reference) every subscriber got every broadcast message.

#include "report.hpp"
#include "target_server.hpp"

namespace veche::bench {

struct smoke_options {
    std::size_t participants = 300;
    std::size_t questions = 15;
    std::size_t votes_each = 2;
    double timeout_seconds = 20;  // for each phase
    std::size_t threads = 2;
};

void run_smoke(const smoke_options& o, const server_paths& paths, report& r, bool veche, bool reference);

}  // namespace veche::bench
