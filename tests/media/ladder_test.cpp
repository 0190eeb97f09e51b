// A hall with a ladder, fed by a venue's encoder (ffmpeg over SRT) and read by a player no one here wrote
// (ffprobe): the multivariant playlist says what each rung is, each rung is what it says, and every rung is cut
// on the same instants as the top, through encoder drops.
#include "media_tools.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

using namespace veche::test;
using namespace std::chrono_literals;

namespace {

nlohmann::json ladder_config(std::uint16_t srt_port, const nlohmann::json& ladder) {
    auto cfg = srt_hall_config(srt_port);
    cfg["event"]["halls"][0]["ladder"] = ladder;
    cfg["event"]["halls"][0]["audio_only"] = true;
    return cfg;
}

nlohmann::json rung(const std::string& name, int height, int kbps) {
    return {{"name", name}, {"height", height}, {"video_kbps", kbps}};
}

const nlohmann::json* stream_of(const nlohmann::json& probe, const std::string& type) {
    for (const auto& s : probe["streams"])
        if (s["codec_type"] == type) return &s;
    return nullptr;
}

std::string hex2(int v) {
    char out[3];
    std::snprintf(out, sizeof out, "%02x", v & 0xFF);
    return out;
}

// H.264 profile names as ffprobe reports them, and their profile_idc.
int profile_idc(const std::string& name) {
    if (name == "High") return 100;
    if (name == "Main") return 77;
    if (name == "Constrained Baseline" || name == "Baseline") return 66;
    return -1;
}

double metric(const std::string& text, const std::string& series) {
    const auto at = text.find(series + ' ');
    return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 1));
}

std::uint64_t sequence_of(const std::string& name) { return std::stoull(name.substr(name.find('-') + 1)); }

}  // namespace

TEST_CASE("the multivariant playlist declares what each rung is, and each rung is that") {
    temp_dir dir;
    const auto srt_port = free_udp_port();
    const auto ladder = nlohmann::json::array({rung("720p", 720, 2500), rung("360p", 360, 800), rung("240p", 240, 300)});
    server_process server(
        {"--config", write_config(dir, ladder_config(srt_port, ladder)), "--data", (dir / "data").string()});
    encoder ffmpeg(srt_port, {}, "640x360", "800k");
    REQUIRE(wait_for_status(server.port(), "main", "live", 20s));
    std::this_thread::sleep_for(4s);
    const auto base = "http://127.0.0.1:" + std::to_string(server.port()) + "/hls/main/";

    // 720p is taller than the source: skipped, said once, not offered.
    CHECK(server.output().find("720p skipped (taller than the source)") != std::string::npos);
    const auto master = http_get(server.port(), "/hls/main/master.m3u8");
    REQUIRE(master.status == 200);
    CHECK(master.header("content-type") == "application/vnd.apple.mpegurl");
    const auto variants = parse_master(master.body);
    REQUIRE(variants.size() == 3);
    CHECK(variants[0].uri == "360p/index.m3u8");
    CHECK(variants[1].uri == "240p/index.m3u8");
    CHECK(variants[2].uri == "audio/index.m3u8");

    for (const auto& v : variants) {
        INFO(v.uri);
        const auto& a = v.attributes;
        CHECK(std::stoull(a.at("BANDWIDTH")) >= std::stoull(a.at("AVERAGE-BANDWIDTH")));
        CHECK(std::stoull(a.at("AVERAGE-BANDWIDTH")) > 30'000);
        const auto probe = probe_streams(base + v.uri);
        const auto* audio = stream_of(probe, "audio");
        REQUIRE(audio);  // the sound is in every rung
        CHECK((*audio)["codec_name"] == "aac");
        CHECK((*audio)["profile"] == "LC");
        const auto* video = stream_of(probe, "video");
        if (v.uri == "audio/index.m3u8") {
            CHECK_FALSE(video);
            CHECK(a.count("RESOLUTION") == 0);
            CHECK(a.at("CODECS") == "mp4a.40.2");
            continue;
        }
        REQUIRE(video);
        CHECK(a.at("RESOLUTION") == std::to_string((*video)["width"].get<int>()) + "x" +
                                        std::to_string((*video)["height"].get<int>()));
        // avc1.PPCCLL: profile_idc, constraint flags, level_idc, as in the stream's SPS.
        const auto& codecs = a.at("CODECS");
        CHECK_THAT(codecs, Catch::EndsWith(",mp4a.40.2"));
        CHECK(codecs.substr(0, 7) == "avc1." + hex2(profile_idc((*video)["profile"].get<std::string>())));
        CHECK(codecs.substr(9, 2) == hex2((*video)["level"].get<int>()));
        CHECK(std::stod(a.at("FRAME-RATE")) == Approx(30.0).margin(0.05));
    }
    CHECK(variants[0].attributes.at("RESOLUTION") == "640x360");
    CHECK(variants[0].attributes.at("CODECS").starts_with("avc1.64"));  // the encoder's High profile, relayed as is
    CHECK(variants[1].attributes.at("RESOLUTION") == "426x240");
    CHECK(variants[1].attributes.at("CODECS").starts_with("avc1.4d"));  // our encode: Main profile

    // A player that reads the multivariant playlist itself finds both pictures.
    const auto all = probe_streams(base + "master.m3u8", 60s);
    std::multiset<int> heights;
    for (const auto& s : all["streams"])
        if (s["codec_type"] == "video") heights.insert(s["height"].get<int>());
    CHECK(heights == std::multiset<int>{240, 360});

    // Each segment lasts what its EXTINF says: to a picture (30 fps); the sound alone to a pair of AAC frames of
    // 1024 samples at 48 kHz, the unit its segments are cut in (audio_packer.hpp).
    for (const auto* name : {"360p", "240p", "audio"}) {
        INFO(name);
        const auto playlist = hls_playlist::parse(http_get(server.port(), "/hls/main/" + std::string(name) + "/index.m3u8").body);
        REQUIRE(playlist.segments.size() >= 3);
        for (std::size_t i = playlist.segments.size() - 3; i < playlist.segments.size(); ++i) {
            const auto& s = playlist.segments[i];
            const auto file = dir.write(std::string(name) + "-" + s.name, http_get(server.port(), "/hls/main/" + std::string(name) + "/" + s.name).body);
            const auto counted = nlohmann::json::parse(run_command(
                "ffprobe -v error -count_frames -show_entries stream=codec_type,nb_read_frames -of json '" + file.string() + "'", 30s));
            const bool audio_rung = std::string(name) == "audio";
            const auto* stream = stream_of(counted, audio_rung ? "audio" : "video");
            REQUIRE(stream);
            const double frames = std::stod((*stream)["nb_read_frames"].get<std::string>());
            const double seconds = audio_rung ? frames * 1024 / 48000 : frames / 30;
            CHECK(std::abs(seconds - s.duration) <= (audio_rung ? 2 * 1024.0 / 48000 : 1.0 / 30) + 0.002);
        }
    }

    const auto metrics = http_get(server.port(), "/metrics").body;
    CHECK(metric(metrics, R"(veche_media_rung_segments_total{hall="main",rung="240p"})") >= 3);
    CHECK(metric(metrics, R"(veche_media_rung_frames_total{hall="main",rung="240p"})") >= 90);
    const auto per_frame = metric(metrics, R"(veche_media_rung_encode_seconds_per_frame{hall="main",rung="240p"})");
    CHECK(per_frame > 0);
    CHECK(per_frame < 1.0 / 30);
    CHECK(metric(metrics, R"(veche_media_rung_behind{hall="main",rung="240p"})") == 0);
    CHECK(metric(metrics, R"(veche_media_rung_bitrate_bps{hall="main",rung="audio"})") > 30'000);

    ffmpeg.kill();
    CHECK(server.stop(SIGTERM).exit_code == 0);
    // The recording keeps every rung, each in a directory of its own with the top's segment names.
    const auto recordings = dir / "data/recordings/main";
    for (const auto* sub : {"240p", "audio"}) {
        INFO(sub);
        std::vector<std::filesystem::path> segments;
        for (const auto& day : std::filesystem::directory_iterator(recordings / "rungs" / sub))
            for (const auto& e : std::filesystem::directory_iterator(day.path()))
                if (e.path().extension() == ".ts") segments.push_back(e.path());
        REQUIRE_FALSE(segments.empty());
        const auto& segment = segments.front();
        CHECK(std::filesystem::exists(recordings / "top" / segment.parent_path().filename() / segment.filename()));
        const auto probe = probe_streams(segment.string());
        CHECK(stream_of(probe, "audio"));
        if (std::string(sub) == "240p") CHECK((*stream_of(probe, "video"))["height"] == 240);
        else CHECK_FALSE(stream_of(probe, "video"));
    }
}

TEST_CASE("every rung keeps the top's sequence numbers, dates and cuts through five encoder drops") {
    temp_dir dir;
    const auto srt_port = free_udp_port();
    const auto ladder = nlohmann::json::array({rung("180p", 180, 300), rung("144p", 144, 150)});
    server_process server(
        {"--config", write_config(dir, ladder_config(srt_port, ladder)), "--data", (dir / "data").string()});

    // Everything each rung ever listed, by sequence number, and the first timestamp of each segment.
    struct seen {
        hls_playlist::entry entry;
        std::optional<std::int64_t> video_pts, audio_pts;
    };
    const std::vector<std::string> rungs{"", "144p", "audio"};  // "": the top, /hls/main/index.m3u8
    std::map<std::string, std::map<std::uint64_t, seen>> listed;
    auto sample = [&] {
        for (const auto& r : rungs) {
            const auto prefix = "/hls/main/" + (r.empty() ? std::string{} : r + "/");
            const auto reply = http_get(server.port(), prefix + "index.m3u8");
            if (reply.status != 200) continue;
            const auto p = hls_playlist::parse(reply.body);
            for (std::size_t i = 0; i < p.segments.size(); ++i) {
                const auto& e = p.segments[i];
                CHECK(sequence_of(e.name) == static_cast<std::uint64_t>(p.sequence_of(i)));
                auto [it, fresh] = listed[r].try_emplace(sequence_of(e.name), seen{e, {}, {}});
                if (!fresh) continue;
                const auto bytes = http_get(server.port(), prefix + e.name).body;
                it->second.video_pts = first_pts(bytes, true);
                it->second.audio_pts = first_pts(bytes, false);
            }
        }
    };
    auto watch = [&](std::chrono::milliseconds how_long) {
        const auto end = std::chrono::steady_clock::now() + how_long;
        while (std::chrono::steady_clock::now() < end) {
            sample();
            std::this_thread::sleep_for(250ms);
        }
    };

    for (int cycle = 1; cycle <= 5; ++cycle) {
        INFO("cycle " << cycle);
        encoder ffmpeg(srt_port, {}, "320x180", "300k");
        REQUIRE(wait_for_status(server.port(), "main", "live", 20s));
        watch(3s);
        ffmpeg.kill();
        REQUIRE(wait_for_status(server.port(), "main", "slate", 5s));
        watch(3s);
    }
    watch(1s);

    const auto& top = listed.at("");
    std::size_t compared = 0, live = 0;
    for (const auto* name : {"144p", "audio"}) {
        INFO(name);
        const auto& r = listed.at(name);
        REQUIRE(!r.empty());
        // From its first segment on, the rung has every segment the top has, in the same place.
        for (auto it = top.lower_bound(r.begin()->first); it != top.end(); ++it) {
            const auto sequence = it->first;
            INFO("segment " << sequence);
            const auto found = r.find(sequence);
            if (found == r.end()) {
                // Only the newest may still be on its way.
                CHECK(sequence >= r.rbegin()->first);
                continue;
            }
            ++compared;
            const auto& a = it->second;
            const auto& b = found->second;
            CHECK(b.entry.date == a.entry.date);
            CHECK(b.entry.discontinuity == a.entry.discontinuity);
            CHECK(b.entry.duration == a.entry.duration);
            if (std::string(name) == "audio") CHECK_FALSE(b.video_pts);
            // The slate lasts a whole target duration; live segments one GOP (1 s): compare the cuts of those.
            if (a.entry.duration > 1.5 || !a.video_pts) continue;
            ++live;
            const auto rung_pts = std::string(name) == "audio" ? b.audio_pts : b.video_pts;
            REQUIRE(rung_pts);
            CHECK(std::abs(*rung_pts - *a.video_pts) <= 3000);  // one frame at 30 fps, in 90 kHz units
        }
    }
    CHECK(compared > 40);
    CHECK(live > 20);
    const auto metrics = http_get(server.port(), "/metrics").body;
    CHECK(metric(metrics, R"(veche_media_rung_behind{hall="main",rung="144p"})") == 0);
    CHECK(server.output().find("missed") == std::string::npos);
}
