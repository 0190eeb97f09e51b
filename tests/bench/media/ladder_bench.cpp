// The video ladder's benchmark (issue 12 targets; docs/benchmarks.md):
//   veche_ladder_bench costs [seconds, default 45]
//       CPU per encoded rung and publish delay per rung, 720p30 source (needs ffmpeg)
//   veche_ladder_bench alignment [minutes, default 10] [drops, default 10] [WxH, default 640x360]
//       rung alignment over a long run with encoder drops (needs ffmpeg with SRT)
#include "ladder_modes.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "costs") return veche::bench::run_rung_costs(argc > 2 ? std::stoi(argv[2]) : 45);
    if (mode == "alignment")
        return veche::bench::run_alignment(argc > 2 ? std::stod(argv[2]) : 10.0, argc > 3 ? std::stoi(argv[3]) : 10,
                                           argc > 4 ? argv[4] : "640x360");
    std::fprintf(stderr, "usage: veche_ladder_bench costs [seconds] | alignment [minutes] [drops] [WxH]\n");
    return 2;
}
