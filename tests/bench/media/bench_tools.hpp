#pragma once
// What the media benchmarks share: a paced UDP sender that knows when each
// frame left, the CPU time of a process, and MPEG-TS frame counting.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace veche::bench {

using clock_type = std::chrono::steady_clock;

// User + system time of a process so far, in seconds (/proc/PID/stat).
double cpu_seconds(pid_t pid);

// Video frames in a TS: PES starts (payload unit start) whose stream id is 0xE0.
int count_frames(const std::string& ts);

// Sends a TS file to 127.0.0.1:port over UDP, paced by its PCR; returns when the first packet of each video
// frame was sent.
std::vector<clock_type::time_point> send_paced(const std::string& ts, std::uint16_t port);

// The DESIGN.md input, made offline: testsrc2 1280x720, 30 fps, 1 s GOP, 2.5 Mbit/s capped, AAC 48 kHz.
bool encode_input(const std::filesystem::path& file, int seconds);

std::string read_file(const std::filesystem::path& p);
double seconds_since(clock_type::time_point t0, clock_type::time_point t);

// The value at quantile q of sorted values (0 when there are none).
double quantile(const std::vector<double>& sorted, double q);

}  // namespace veche::bench
