#pragma once
// CPU time and resident memory of a process, from /proc/PID: what the server
// (Veche or the reference) costs while the generator drives it.

#include <cstdint>
#include <sys/types.h>

namespace veche::bench {

struct process_sample {
    double cpu_seconds = 0;     // user + system since the process started
    std::int64_t rss_bytes = 0;  // VmRSS
    std::int64_t wall_us = 0;    // when the sample was taken
};

// A sample of the process now (zeros when it is gone).
process_sample sample_process(pid_t pid);

// Share of one core used between two samples (1.0 = one core busy).
double cores_used(const process_sample& from, const process_sample& to);

}  // namespace veche::bench
