// Rung alignment over a long run: a venue's encoder (ffmpeg over SRT) feeds a hall with a ladder and drops
// now and then (killed, as a pulled cable); every rung must list the top's sequence numbers with the same
// dates and discontinuities, and start each live segment within one frame (30 fps) of the top's.
#include "../../media/media_tools.hpp"
#include "ladder_modes.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <thread>

namespace veche::bench {
namespace {

using namespace std::chrono_literals;
using test::hls_playlist;

struct seen {
    hls_playlist::entry entry;
    std::optional<std::int64_t> video_pts, audio_pts;
};
using listing = std::map<std::uint64_t, seen>;

std::uint64_t sequence_of(const std::string& name) { return std::stoull(name.substr(name.find('-') + 1)); }

void sample(std::uint16_t port, const std::string& rung, listing& into) {
    const auto prefix = "/hls/main/" + (rung.empty() ? std::string{} : rung + "/");
    const auto reply = test::http_get(port, prefix + "index.m3u8");
    if (reply.status != 200) return;
    for (const auto& e : hls_playlist::parse(reply.body).segments) {
        auto [it, fresh] = into.try_emplace(sequence_of(e.name), seen{e, {}, {}});
        if (!fresh) continue;
        const auto bytes = test::http_get(port, prefix + e.name).body;
        it->second.video_pts = test::first_pts(bytes, true);
        it->second.audio_pts = test::first_pts(bytes, false);
    }
}

// Compares a rung with the top; returns the number of faults.
int compare(const std::string& name, const listing& top, const listing& rung, bool audio) {
    int faults = 0, compared = 0, live = 0, missing = 0;
    double worst_ms = 0;
    if (rung.empty()) {
        std::printf("%-6s listed nothing\n", name.c_str());
        return 1;
    }
    for (auto it = top.lower_bound(rung.begin()->first); it != top.end(); ++it) {
        const auto found = rung.find(it->first);
        if (found == rung.end()) {
            if (it->first < rung.rbegin()->first) {
                std::printf("%-6s segment %llu missing (%s)\n", name.c_str(), static_cast<unsigned long long>(it->first),
                            it->second.entry.date.c_str());
                ++missing;
            }
            continue;
        }
        ++compared;
        const auto& a = it->second;
        const auto& b = found->second;
        if (b.entry.date != a.entry.date || b.entry.discontinuity != a.entry.discontinuity ||
            b.entry.duration != a.entry.duration || (audio && b.video_pts)) {
            std::printf("%-6s segment %llu: not in the top's place\n", name.c_str(),
                        static_cast<unsigned long long>(it->first));
            ++faults;
        }
        // The slate lasts a whole target duration; live segments one GOP.
        if (a.entry.duration > 1.5 || !a.video_pts) continue;
        ++live;
        const auto pts = audio ? b.audio_pts : b.video_pts;
        const double off_ms = pts ? std::abs(static_cast<double>(*pts - *a.video_pts)) / 90.0 : 1e9;
        worst_ms = std::max(worst_ms, off_ms);
        if (off_ms > 1000.0 / 30) {
            std::printf("%-6s segment %llu: starts %.1f ms from the top's cut\n", name.c_str(),
                        static_cast<unsigned long long>(it->first), off_ms);
            ++faults;
        }
    }
    std::printf("%-6s %d segments in the top's places (%d live), %d missing, worst start %.1f ms from the top's cut\n",
                name.c_str(), compared, live, missing, worst_ms);
    return faults + missing;
}

}  // namespace

int run_alignment(double minutes, int drops, const std::string& size) {
    test::temp_dir dir;
    const int height = std::stoi(size.substr(size.find('x') + 1));
    const int lower = height >= 360 ? 240 : 144;
    const auto srt_port = test::free_udp_port();
    auto cfg = test::srt_hall_config(srt_port);
    cfg["event"]["halls"][0]["ladder"] = {
        {{"name", std::to_string(height) + "p"}, {"height", height}, {"video_kbps", 800}},
        {{"name", std::to_string(lower) + "p"}, {"height", lower}, {"video_kbps", 250}}};
    cfg["event"]["halls"][0]["audio_only"] = true;
    test::server_process server({"--config", test::write_config(dir, cfg), "--data", (dir / "data").string()});
    const std::string rung = std::to_string(lower) + "p";
    std::map<std::string, listing> listed;
    auto watch = [&](std::chrono::milliseconds how_long) {
        const auto end = std::chrono::steady_clock::now() + how_long;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& r : {std::string{}, rung, std::string("audio")}) sample(server.port(), r, listed[r]);
            std::this_thread::sleep_for(500ms);
        }
    };
    const auto cycle = std::chrono::milliseconds(static_cast<long long>(minutes * 60'000 / std::max(drops, 1)));
    const auto off = 8s;
    std::printf("bench: %.1f min of a %s source over SRT, %d drops, ladder %dp (as it comes), %s, audio\n", minutes,
                size.c_str(), drops, height, rung.c_str());
    std::fflush(stdout);
    for (int i = 0; i < std::max(drops, 1); ++i) {
        {
            test::encoder ffmpeg(srt_port, {}, size, "800k");
            watch(std::chrono::duration_cast<std::chrono::milliseconds>(cycle - off));
        }
        if (drops > 0) watch(off);
    }
    watch(2s);
    const auto metrics = test::http_get(server.port(), "/metrics").body;
    int faults = compare(rung, listed[""], listed[rung], false) + compare("audio", listed[""], listed["audio"], true);
    const auto log = server.output();
    std::printf("top    %zu segments; the server log %s \"missed\"\n", listed[""].size(),
                log.find("missed") == std::string::npos ? "never says" : "SAYS");
    if (log.find("missed") != std::string::npos) ++faults;
    if (faults > 0) {
        // What the server said of its rungs and of the source, to see where it went wrong.
        std::istringstream lines(log);
        for (std::string line; std::getline(lines, line);)
            if (line.find("rung") != std::string::npos || line.find("source") != std::string::npos ||
                line.find(": live") != std::string::npos)
                std::printf("  server: %s\n", line.c_str());
    }
    std::printf("%s\n", faults == 0 ? "aligned" : "NOT ALIGNED");
    return faults == 0 ? 0 : 1;
}

}  // namespace veche::bench
