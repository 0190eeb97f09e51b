// A venue's encoder (ffmpeg) sends its program over SRT to the real server; a real player (ffprobe) reads the
// hall's HLS from it.
#include "media_tools.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <regex>

using namespace veche::test;
using namespace std::chrono_literals;

namespace {

double metric(const std::string& text, const std::string& series) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(std::regex_replace(series, std::regex(R"([{}\"])"), R"(\$&)") +
                                               R"( (-?[0-9.e+]+))")))
        return -1e9;
    return std::stod(m[1].str());
}

const nlohmann::json* stream_of(const nlohmann::json& probe, const std::string& type) {
    for (const auto& s : probe["streams"])
        if (s["codec_type"] == type) return &s;
    return nullptr;
}

}  // namespace

TEST_CASE("an encoder's SRT stream reaches HLS players as it was sent, and is recorded") {
    temp_dir dir;
    const auto srt_port = free_udp_port();
    server_process server({"--config", write_config(dir, srt_hall_config(srt_port)), "--data", (dir / "data").string()});
    encoder ffmpeg(srt_port);
    REQUIRE(wait_for_status(server.port(), "main", "live", 20s));

    // Let a few segments of the encoder's stream be published, then play it.
    std::this_thread::sleep_for(3s);
    const auto url = "http://127.0.0.1:" + std::to_string(server.port()) + "/hls/main/index.m3u8";
    const auto probe = probe_streams(url);
    const auto* video = stream_of(probe, "video");
    const auto* audio = stream_of(probe, "audio");
    REQUIRE(video);
    REQUIRE(audio);
    // The encoder's own parameters: a transcode would have changed them (our encodes are 640x360 25 fps
    // constrained baseline, stereo).
    CHECK((*video)["codec_name"] == "h264");
    CHECK((*video)["width"] == 1280);
    CHECK((*video)["height"] == 720);
    CHECK((*video)["profile"] == "High");
    CHECK((*video)["level"] == 31);
    CHECK((*audio)["codec_name"] == "aac");
    CHECK((*audio)["sample_rate"] == "48000");
    CHECK((*audio)["channels"] == 1);

    const auto metrics = http_get(server.port(), "/metrics").body;
    const auto bitrate = metric(metrics, R"(veche_media_input_bitrate_bps{hall="main"})");
    CHECK(bitrate > 1.8e6);  // 2.5 Mbit/s asked of x264, plus AAC and the TS
    CHECK(bitrate < 4.0e6);
    CHECK(metric(metrics, R"(veche_media_keyframe_age_seconds{hall="main"})") < 2.0);
    CHECK(metric(metrics, R"(veche_media_segments_total{hall="main",kind="live"})") >= 2);
    CHECK(metric(metrics, R"(veche_media_status{hall="main"})") == 2);

    ffmpeg.kill();
    std::chrono::milliseconds took{};
    const auto stopped = server.stop(SIGTERM, &took);
    CHECK(stopped.exit_code == 0);
    CHECK(took < 5s);

    // Recorded: the live segments, each in its file under the day, listed in the day's index.
    const auto recordings = dir / "data/recordings/main/top";
    REQUIRE(std::filesystem::is_directory(recordings));
    std::vector<std::filesystem::path> files;
    for (const auto& day : std::filesystem::directory_iterator(recordings))
        for (const auto& e : std::filesystem::directory_iterator(day.path()))
            if (e.path().extension() == ".ts") files.push_back(e.path());
    REQUIRE(files.size() >= 2);
    std::sort(files.begin(), files.end());
    CHECK(std::filesystem::file_size(files[0]) > 100'000);
    const auto recorded = probe_streams(files[0].string());
    REQUIRE(stream_of(recorded, "video"));
    CHECK((*stream_of(recorded, "video"))["width"] == 1280);
}

TEST_CASE("an SRT hall with a passphrase and a stream id admits only the encoder that has both") {
    temp_dir dir;
    const auto srt_port = free_udp_port();
    const std::string secret = "passphrase=venue-secret-2026";
    server_process server({"--config", write_config(dir, srt_hall_config(srt_port, "?" + secret + "&streamid=hall-main")),
                           "--data", (dir / "data").string()});
    {
        encoder wrong_id(srt_port, "&" + secret + "&streamid=hall-other");
        CHECK_FALSE(wait_for_status(server.port(), "main", "live", 4s));
        CHECK(server.output().find("refused an SRT caller with a wrong stream id") != std::string::npos);
    }
    {
        encoder no_passphrase(srt_port, "&streamid=hall-main");
        CHECK_FALSE(wait_for_status(server.port(), "main", "live", 4s));
    }
    // Nothing got through: the hall's viewers see the slate.
    CHECK(hall_status(server.port(), "main") == "slate");
    encoder right(srt_port, "&" + secret + "&streamid=hall-main");
    CHECK(wait_for_status(server.port(), "main", "live", 15s));
    CHECK(server.output().find("venue-secret") == std::string::npos);
}
