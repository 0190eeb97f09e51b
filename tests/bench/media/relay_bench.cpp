// Measures the relay against `gst-launch-1.0 … hlssink2` on the same input (DESIGN.md, media; issue 4):
//  * CPU per hall: the process's user+system time while it relays one 720p30 2.5 Mbit/s hall;
//  * publish delay: from the moment a segment's last frame has arrived (the first packet of the next frame
//    has been sent) to the moment the segment appears in the playlist.
// The input is made once with ffmpeg (the encoder of DESIGN.md, offline) and sent over UDP by this program,
// paced by its PCR, so the send time of every frame is known exactly. Usage:
//   veche_media_bench [seconds of stream, default 45]   (needs build/veche beside it, ffmpeg, gst-launch-1.0)
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "bench_tools.hpp"
#include "../../media/media_tools.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <set>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace veche::test;
using namespace veche::bench;
using namespace std::chrono_literals;

namespace {

struct result {
    double cpu_percent = 0;
    std::vector<double> delays_ms;
    int segments = 0;
    bool aligned = true;
};

// Watches a playlist while the input is sent: CPU over [cpu_from, cpu_to] s of the stream (coarse polling,
// 10 Hz), then the delays (fine polling, 200 Hz) until the input ends.
template <typename ReadPlaylist, typename ReadSegment>
result measure(pid_t pid, const std::string& input, std::uint16_t udp_port, double cpu_from, double cpu_to,
               ReadPlaylist read_playlist, ReadSegment read_segment) {
    std::vector<clock_type::time_point> frame_sent;
    std::atomic<bool> sent{false};
    const auto t0 = clock_type::now();
    std::thread sender([&] {
        frame_sent = send_paced(input, udp_port);
        sent = true;
    });

    struct seen {
        std::string name;
        clock_type::time_point at;
        int frames;
    };
    std::vector<seen> order;
    std::set<std::string> known;
    double cpu_start = -1, cpu_end = -1;
    while (!sent) {
        const auto now = clock_type::now();
        const double t = seconds_since(t0, now);
        if (cpu_start < 0 && t >= cpu_from) cpu_start = cpu_seconds(pid);
        if (cpu_end < 0 && t >= cpu_to) cpu_end = cpu_seconds(pid);
        std::istringstream lines(read_playlist());
        for (std::string line; std::getline(lines, line);)
            if (!line.empty() && line[0] != '#' && known.insert(line).second)
                order.push_back({line, now, count_frames(read_segment(line))});
        std::this_thread::sleep_for(cpu_end < 0 ? 100ms : 5ms);
    }
    sender.join();

    result r;
    r.cpu_percent = (cpu_end - cpu_start) / (cpu_to - cpu_from) * 100;
    int cumulative = 0;
    for (const auto& s : order) {
        cumulative += s.frames;
        if (cumulative % 30 != 0) r.aligned = false;  // 1 s GOPs at 30 fps: cuts fall on multiples of 30
        // Only segments first seen during fine polling count (the first packet of the next frame marks the
        // moment the segment's last frame has arrived).
        if (seconds_since(t0, s.at) < cpu_to + 0.5 || static_cast<std::size_t>(cumulative) >= frame_sent.size())
            continue;
        r.delays_ms.push_back(std::chrono::duration<double, std::milli>(s.at - frame_sent[cumulative]).count());
    }
    r.segments = static_cast<int>(order.size());
    std::sort(r.delays_ms.begin(), r.delays_ms.end());
    return r;
}

void report(const std::string& who, const result& r) {
    auto pct = [&](double q) { return quantile(r.delays_ms, q); };
    std::printf("%-10s cpu %.2f%% of one core | publish delay ms: median %.0f, p90 %.0f, max %.0f (%zu segments) | "
                "%d segments, cuts %s\n",
                who.c_str(), r.cpu_percent, pct(0.5), pct(0.9), r.delays_ms.empty() ? 0.0 : r.delays_ms.back(),
                r.delays_ms.size(), r.segments, r.aligned ? "on keyframes" : "NOT aligned to the input's GOPs");
}

}  // namespace

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::stoi(argv[1]) : 45;
    temp_dir dir;
    const auto input_path = dir / "input.ts";
    std::cout << "bench: encoding " << seconds << " s of input (1280x720, 30 fps, 1 s GOP, 2.5 Mbit/s)" << std::endl;
    if (!encode_input(input_path, seconds)) return 1;
    const auto input = read_file(input_path);
    const double cpu_from = 3, cpu_to = std::max(10.0, seconds * 0.45);

    {  // Veche: one hall whose source is this UDP port.
        const auto port = free_udp_port();
        nlohmann::json cfg = nlohmann::json::parse(read_file(std::string(VECHE_SOURCE_DIR) + "/config/demo.json"));
        cfg["event"]["halls"] = {{{"id", "main"}, {"name", "Главная сцена"}, {"source", "udp://:" + std::to_string(port)}}};
        for (auto& s : cfg["event"]["sessions"]) s["hall"] = "main";
        const auto config = dir.write("veche.json", cfg.dump());
        server_process server({"--config", config.string(), "--data", (dir / "data").string()});
        // Send as soon as the relay listens: before the 2 s watchdog, so that no slate comes first and the
        // first segment starts with the input's first frame.
        if (!server.wait_for_output("hall main: relay started", 20s)) return 1;
        const auto r = measure(
            server.pid(), input, port, cpu_from, cpu_to,
            [&] { return http_get(server.port(), "/hls/main/index.m3u8").body; },
            [&](const std::string& name) { return http_get(server.port(), "/hls/main/" + name).body; });
        report("veche", r);
    }
    {  // The same input through hlssink2 (1 s target, like our cuts at each 1 s keyframe).
        const auto port = free_udp_port();
        const auto out = dir / "hlssink2";
        std::filesystem::create_directories(out);
        const auto pipeline = "gst-launch-1.0 -q udpsrc port=" + std::to_string(port) +
                              " caps=\"video/mpegts,systemstream=(boolean)true,packetsize=(int)188\" ! tsparse ! "
                              "tsdemux name=d d. ! queue ! h264parse ! hls.video d. ! queue ! aacparse ! hls.audio "
                              "hlssink2 name=hls target-duration=1 playlist-length=6 max-files=30 location=" +
                              (out / "seg%05d.ts").string() + " playlist-location=" + (out / "index.m3u8").string();
        const pid_t pid = ::fork();
        if (pid == 0) {
            const int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execl("/bin/sh", "sh", "-c", ("exec " + pipeline).c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        std::this_thread::sleep_for(2s);
        const auto r = measure(
            pid, input, port, cpu_from, cpu_to, [&] { return read_file(out / "index.m3u8"); },
            [&](const std::string& name) { return read_file(out / name); });
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        report("hlssink2", r);
    }
    return 0;
}
