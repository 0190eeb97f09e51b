#pragma once
// The two halves of the ladder's benchmark (docs/benchmarks.md, "Video ladder").

#include <string>

namespace veche::bench {

// CPU per rung and segment publish delay of every rung, for a 720p30 source sent over UDP: the hall without
// a ladder, then with a 360p rung, a 480p rung and the audio-only rung, one at a time. Returns the exit code.
int run_rung_costs(int seconds);

// Every rung of a hall against its top over `minutes` of an ffmpeg SRT source of `size` that drops `drops`
// times: sequence numbers, dates, discontinuities and the first timestamp of each segment. Returns the exit
// code (1 when a segment is out of place or cut more than a frame away from the top's cut).
int run_alignment(double minutes, int drops, const std::string& size);

}  // namespace veche::bench
