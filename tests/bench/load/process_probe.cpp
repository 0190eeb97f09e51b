#include "process_probe.hpp"

#include "wall_clock.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace veche::bench {

process_sample sample_process(pid_t pid) {
    process_sample s;
    s.wall_us = wall_us();
    const auto dir = "/proc/" + std::to_string(pid);
    {
        std::ifstream in(dir + "/stat");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        // The command name may hold spaces: the fields start after its closing parenthesis.
        const auto close = text.rfind(')');
        if (close != std::string::npos) {
            std::istringstream fields(text.substr(close + 2));
            std::string f;
            double utime = 0, stime = 0;
            for (int i = 3; i <= 15 && fields >> f; ++i) {
                if (i == 14) utime = std::stod(f);
                if (i == 15) stime = std::stod(f);
            }
            s.cpu_seconds = (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
        }
    }
    std::ifstream status(dir + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            s.rss_bytes = std::stoll(line.substr(6)) * 1024;  // the kernel reports kB
            break;
        }
    }
    return s;
}

double cores_used(const process_sample& from, const process_sample& to) {
    const double wall = static_cast<double>(to.wall_us - from.wall_us) / 1e6;
    return wall > 0 ? (to.cpu_seconds - from.cpu_seconds) / wall : 0;
}

}  // namespace veche::bench
