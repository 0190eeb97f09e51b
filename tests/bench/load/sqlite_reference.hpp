#pragma once
// The durable-writes reference: one SQLite transaction per vote (WAL,
// synchronous=FULL, the same two rows Veche writes for a vote with a rid),
// for a few seconds, in a temp directory on the same disk.

namespace veche::bench {

struct sqlite_reference_result {
    double votes_per_s = 0;
    double seconds = 0;
    unsigned long long votes = 0;
};

sqlite_reference_result run_sqlite_reference(double seconds);

}  // namespace veche::bench
