// CPU per rung: the whole server's CPU time (/proc) while it relays one 720p30 hall, without a ladder and then
// with one more rung at a time; the rung's cost is the difference. Publish delay: from the moment a segment's
// last source frame has arrived (the first packet of the next frame has been sent) to the moment the rung's
// playlist first lists the segment (polled every 5 ms).
#include "bench_tools.hpp"
#include "ladder_modes.hpp"
#include "../../media/media_tools.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

namespace veche::bench {
namespace {

using namespace std::chrono_literals;

struct setup {
    std::string label;
    nlohmann::json ladder;  // null: none
    bool audio_only = false;
    std::string rung;  // the rung measured ("" for the top)
};

struct outcome {
    double cpu_percent = 0;
    std::vector<double> top_delays_ms, rung_delays_ms;
    std::string metrics;
};

std::uint64_t sequence_of(const std::string& name) { return std::stoull(name.substr(name.find('-') + 1)); }

outcome measure(const setup& s, const std::string& input, const test::temp_dir& dir, double cpu_from, double cpu_to) {
    const auto port = test::free_udp_port();
    auto cfg = nlohmann::json::parse(read_file(std::string(VECHE_SOURCE_DIR) + "/config/demo.json"));
    nlohmann::json hall = {{"id", "main"}, {"name", "Главная сцена"}, {"source", "udp://:" + std::to_string(port)}};
    if (!s.ladder.is_null()) hall["ladder"] = s.ladder;
    if (s.audio_only) hall["audio_only"] = true;
    cfg["event"]["halls"] = nlohmann::json::array({hall});
    for (auto& session : cfg["event"]["sessions"]) session["hall"] = "main";
    const auto config = dir.write("veche-" + s.label + ".json", cfg.dump());
    test::server_process server({"--config", config.string(), "--data", (dir / ("data-" + s.label)).string()});
    if (!server.wait_for_output("hall main: relay started", 20s)) throw std::runtime_error("the relay did not start");

    std::vector<clock_type::time_point> frame_sent;
    std::atomic<bool> sent{false};
    const auto t0 = clock_type::now();
    std::thread sender([&] {
        frame_sent = send_paced(input, port);
        sent = true;
    });
    // When each playlist first listed each sequence number, and the top's frames per segment.
    std::map<std::uint64_t, clock_type::time_point> top_seen, rung_seen;
    std::map<std::uint64_t, int> frames;
    // When the server was slow to start, the slate came first: the input's frames start after a discontinuity.
    std::optional<std::uint64_t> live_from;
    double cpu_start = -1, cpu_end = -1;
    auto poll = [&](const std::string& path, std::map<std::uint64_t, clock_type::time_point>& seen, bool count) {
        const auto now = clock_type::now();
        std::istringstream lines(test::http_get(server.port(), path + "index.m3u8").body);
        bool discontinuity = false;
        for (std::string line; std::getline(lines, line);) {
            discontinuity = discontinuity || line == "#EXT-X-DISCONTINUITY";
            if (!line.ends_with(".ts")) continue;
            const auto sequence = sequence_of(line);
            if (count && discontinuity && !live_from) live_from = sequence;
            discontinuity = false;
            if (!seen.emplace(sequence, now).second || !count) continue;
            frames[sequence] = count_frames(test::http_get(server.port(), path + line).body);
        }
    };
    while (!sent) {
        const double t = seconds_since(t0, clock_type::now());
        if (cpu_start < 0 && t >= cpu_from) cpu_start = cpu_seconds(server.pid());
        if (cpu_end < 0 && t >= cpu_to) cpu_end = cpu_seconds(server.pid());
        poll("/hls/main/", top_seen, true);
        if (!s.rung.empty()) poll("/hls/main/" + s.rung + "/", rung_seen, false);
        std::this_thread::sleep_for(cpu_end < 0 ? 100ms : 5ms);
    }
    sender.join();

    outcome out;
    out.cpu_percent = (cpu_end - cpu_start) / (cpu_to - cpu_from) * 100;
    out.metrics = test::http_get(server.port(), "/metrics").body;
    // A segment's last frame has arrived when the first packet of the next frame is sent: frame_sent[frames so far].
    std::size_t cumulative = 0;
    for (const auto& [sequence, n] : frames) {
        if (live_from && sequence < *live_from) continue;
        cumulative += static_cast<std::size_t>(n);
        if (cumulative >= frame_sent.size()) break;
        const auto done = frame_sent[cumulative];
        auto delay = [&](const auto& seen, std::vector<double>& into) {
            const auto it = seen.find(sequence);
            // Only what fine polling saw counts.
            if (it != seen.end() && seconds_since(t0, it->second) > cpu_to + 0.5)
                into.push_back(std::chrono::duration<double, std::milli>(it->second - done).count());
        };
        delay(top_seen, out.top_delays_ms);
        delay(rung_seen, out.rung_delays_ms);
    }
    std::sort(out.top_delays_ms.begin(), out.top_delays_ms.end());
    std::sort(out.rung_delays_ms.begin(), out.rung_delays_ms.end());
    return out;
}

double metric(const std::string& text, const std::string& series) {
    std::smatch m;
    const auto pattern = std::regex_replace(series, std::regex(R"([{}\"])"), R"(\$&)") + R"( (-?[0-9.e+-]+))";
    return std::regex_search(text, m, std::regex(pattern)) ? std::stod(m[1].str()) : -1;
}

std::string delays(const std::vector<double>& d) {
    char out[96];
    std::snprintf(out, sizeof out, "median %.0f, p90 %.0f, max %.0f ms (%zu)", quantile(d, 0.5), quantile(d, 0.9),
                  d.empty() ? 0.0 : d.back(), d.size());
    return out;
}

}  // namespace

int run_rung_costs(int seconds) {
    test::temp_dir dir;
    const auto input_path = dir / "input.ts";
    std::cout << "bench: encoding " << seconds << " s of input (1280x720, 30 fps, 1 s GOP, 2.5 Mbit/s)" << std::endl;
    if (!encode_input(input_path, seconds)) return 1;
    const auto input = read_file(input_path);
    const double cpu_from = 3, cpu_to = std::max(10.0, seconds * 0.45);
    const nlohmann::json top = {{"name", "720p"}, {"height", 720}, {"video_kbps", 2500}};
    const std::vector<setup> setups{
        {"passthrough", nullptr, false, ""},
        {"360p", {top, {{"name", "360p"}, {"height", 360}, {"video_kbps", 600}}}, false, "360p"},
        {"480p", {top, {{"name", "480p"}, {"height", 480}, {"video_kbps", 1000}}}, false, "480p"},
        {"audio", nullptr, true, "audio"},
    };
    double baseline = 0;
    for (const auto& s : setups) {
        const auto r = measure(s, input, dir, cpu_from, cpu_to);
        if (s.rung.empty()) baseline = r.cpu_percent;
        std::printf("%-11s server cpu %5.2f%% of one core", s.label.c_str(), r.cpu_percent);
        if (!s.rung.empty()) std::printf(", the rung %+.2f%%", r.cpu_percent - baseline);
        std::printf(" | top publish delay %s", delays(r.top_delays_ms).c_str());
        if (!s.rung.empty()) {
            const std::string labels = "{hall=\"main\",rung=\"" + s.rung + "\"}";
            std::printf(" | rung publish delay %s", delays(r.rung_delays_ms).c_str());
            if (s.rung != "audio")
                std::printf(" | encoder %.2f ms/frame, %.0f dropped",
                            metric(r.metrics, "veche_media_rung_encode_seconds_per_frame" + labels) * 1000,
                            metric(r.metrics, "veche_media_rung_dropped_frames_total" + labels));
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace veche::bench
