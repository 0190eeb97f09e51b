// Replays against live video (issue 13 of the tracker's old numbering, docs/benchmarks.md "Replays"):
//  * how soon a replay starts playing: from the request of its multivariant playlist to the end of its first
//    segment, as a player fetches them one after the other (master, media playlist, segment), while the session
//    is live ("from the start") and once it has ended;
//  * what serving replay segments costs beside live ones: wrk on one segment that is both in the hall's live
//    window (/hls/, from memory) and in the session's replay (/vod/, from disk), the same client and load for
//    both, alternating; requests/s, bytes/s and the server's CPU time per 1,000 requests (/proc).
// A real encoder (ffmpeg over SRT, the DESIGN.md picture) feeds the hall; a moderator takes the session live
// and ends it over the WebSocket. Usage (needs build/veche beside it, ffmpeg and wrk):
//   veche_replay_bench [session seconds, default 20] [seconds per wrk run, default 10] [connections, default 50]
//                      [media.vod_cache_mb, default the server's: 0 serves every replay segment from disk]
#include "integration/forum_fixture.hpp"
#include "bench_tools.hpp"
#include "../../media/media_tools.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <regex>
#include <thread>

using namespace veche::test;
using namespace veche::bench;
using namespace std::chrono_literals;

namespace {

constexpr const char* session = pre_session;

// The first URI of a playlist (a variant of a multivariant one, or a segment).
std::string first_uri(const std::string& playlist) {
    std::istringstream lines(playlist);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] != '#') return line;
    throw std::runtime_error("a playlist without a URI: " + playlist);
}

// Seconds from asking for the replay to holding its first segment, as a player gets there.
double time_to_first_segment(std::uint16_t port) {
    const auto t0 = clock_type::now();
    const auto base = "/vod/" + std::string(session) + "/";
    const auto master = http_get(port, base + "master.m3u8");
    if (master.status != 200) throw std::runtime_error("master.m3u8: " + std::to_string(master.status));
    const auto variant = first_uri(master.body);
    const auto media = http_get(port, base + variant);
    if (media.status != 200) throw std::runtime_error(variant + ": " + std::to_string(media.status));
    const auto dir = variant.substr(0, variant.rfind('/') + 1);
    const auto segment = http_get(port, base + dir + first_uri(media.body));
    if (segment.status != 200 || segment.body.size() < 188) throw std::runtime_error("no first segment");
    return seconds_since(t0, clock_type::now());
}

struct start_times {
    std::vector<double> seconds;
    void measure(std::uint16_t port, int times) {
        for (int i = 0; i < times; ++i) seconds.push_back(time_to_first_segment(port));
        std::sort(seconds.begin(), seconds.end());
    }
};

struct load_result {
    std::string route;
    double requests_per_s = 0, bytes_per_s = 0, cpu_per_1000 = 0, cpu_cores = 0;
};

double wrk_figure(const std::string& output, const std::string& label) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(label + R"(:\s+([0-9.]+)([KMG]?)B?)")))
        throw std::runtime_error("wrk said no " + label + ": " + output);
    const double scale = m[2] == "K" ? 1024.0 : m[2] == "M" ? 1048576.0 : m[2] == "G" ? 1073741824.0 : 1.0;
    return std::stod(m[1]) * scale;
}

load_result load(pid_t server, std::uint16_t port, const std::string& path, int seconds, int connections) {
    const auto cpu0 = cpu_seconds(server);
    const auto t0 = clock_type::now();
    const auto out = run_command("wrk -t2 -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
                                     "s http://127.0.0.1:" + std::to_string(port) + path,
                                 std::chrono::seconds(seconds + 30));
    const auto wall = seconds_since(t0, clock_type::now());
    const auto cpu = cpu_seconds(server) - cpu0;
    if (out.find("Non-2xx") != std::string::npos || out.find("Socket errors") != std::string::npos)
        throw std::runtime_error("wrk got errors: " + out);
    std::smatch total;
    if (!std::regex_search(out, total, std::regex(R"(([0-9]+) requests in)"))) throw std::runtime_error("wrk: " + out);
    return load_result{path.substr(0, path.find('/', 1) + 1), wrk_figure(out, "Requests/sec"),
                       wrk_figure(out, "Transfer/sec"), cpu / std::stod(total[1]) * 1000.0, cpu / wall};
}

}  // namespace

int main(int argc, char** argv) {
    const int session_s = argc > 1 ? std::atoi(argv[1]) : 20;
    const int load_s = argc > 2 ? std::atoi(argv[2]) : 10;
    const int connections = argc > 3 ? std::atoi(argv[3]) : 50;
    const std::optional<int> cache_mb = argc > 4 ? std::optional(std::atoi(argv[4])) : std::nullopt;
    const auto srt_port = free_udp_port();
    forum_fixture forum([&](nlohmann::json& cfg) {
        cfg = srt_hall_config(srt_port);
        cfg["media"] = {{"window_s", 600}};  // live segments stay in memory through the whole run
        if (cache_mb) cfg["media"]["vod_cache_mb"] = *cache_mb;
    });
    auto ffmpeg = std::make_unique<encoder>(srt_port);
    if (!wait_for_status(forum.port(), "main", "live", 20s)) throw std::runtime_error("the hall never went live");
    auto mod = forum.connect(forum.staff_token("moderator"));
    const auto control = [&](const char* action) {
        const auto r = mod->request({{"type", "session_control"}, {"session", session}, {"action", action}});
        if (r["type"] != "ack") throw std::runtime_error(r.dump());
    };
    control("live");
    std::this_thread::sleep_for(std::chrono::seconds(session_s / 2));
    start_times live;
    live.measure(forum.port(), 20);
    std::this_thread::sleep_for(std::chrono::seconds(session_s - session_s / 2));
    control("end");
    // The ended replay turns VOD once the segment running at the end is on disk.
    for (int i = 0; i < 100 && http_get(forum.port(), "/vod/" + std::string(session) + "/index.m3u8")
                                       .body.find("#EXT-X-ENDLIST") == std::string::npos;
         ++i)
        std::this_thread::sleep_for(100ms);
    start_times ended;
    ended.measure(forum.port(), 20);
    ffmpeg.reset();  // the hall turns to its slate: both routes are measured with the same background

    // One segment in both: the live window and the replay.
    const auto vod = hls_playlist::parse(http_get(forum.port(), "/vod/" + std::string(session) + "/index.m3u8").body);
    const auto live_list = http_get(forum.port(), "/hls/main/index.m3u8").body;
    std::string name;
    for (const auto& s : vod.segments)
        if (live_list.find(s.name) != std::string::npos) name = s.name;
    if (name.empty()) throw std::runtime_error("no segment is both live and in the replay");
    const auto size = http_get(forum.port(), "/hls/main/" + name).body.size();
    if (size != http_get(forum.port(), "/vod/" + std::string(session) + "/" + name).body.size())
        throw std::runtime_error("the live and the recorded segment differ");

    std::vector<load_result> runs;
    for (int round = 0; round < 2; ++round)
        for (const auto& path : {"/hls/main/" + name, "/vod/" + std::string(session) + "/" + name})
            runs.push_back(load(forum.server->pid(), forum.port(), path, load_s, connections));

    std::printf("replay start (master, playlist, first segment), 20 times each, ms:\n");
    std::printf("  while live: median %.2f  max %.2f\n", quantile(live.seconds, 0.5) * 1000, live.seconds.back() * 1000);
    std::printf("  once ended: median %.2f  max %.2f\n", quantile(ended.seconds, 0.5) * 1000, ended.seconds.back() * 1000);
    std::printf("segment %s, %zu bytes; wrk -t2 -c%d, %d s per run, alternating; media.vod_cache_mb %s:\n",
                name.c_str(), size, connections, load_s, cache_mb ? std::to_string(*cache_mb).c_str() : "default");
    std::printf("  %-6s %12s %12s %16s %12s\n", "route", "requests/s", "MiB/s", "CPU s per 1000", "server CPU");
    for (const auto& r : runs)
        std::printf("  %-6s %12.0f %12.1f %16.4f %12.2f\n", r.route.c_str(), r.requests_per_s,
                    r.bytes_per_s / 1048576.0, r.cpu_per_1000, r.cpu_cores);
    const bool fast = live.seconds.back() < 1.0 && ended.seconds.back() < 1.0;
    std::printf("target: replay starts within 1 s: %s\n", fast ? "met" : "NOT met");
    return 0;
}
