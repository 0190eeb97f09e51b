// The built-in demo forum shows a moving test picture with sound in every hall, with nothing installed but Veche.
#include "media_tools.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace veche::test;
using namespace std::chrono_literals;

namespace {

// The first decoded frame of a segment, as raw grey pixels.
std::string first_frame(const temp_dir& dir, std::uint16_t port, const std::string& hall, const std::string& name) {
    const auto seg = http_get(port, "/hls/" + hall + "/" + name);
    REQUIRE(seg.status == 200);
    const auto file = dir.write(hall + "-" + name, seg.body);
    return run_command("ffmpeg -v error -i '" + file.string() + "' -frames:v 1 -f rawvideo -pix_fmt gray -", 20s);
}

}  // namespace

TEST_CASE("every demo hall plays a moving picture with sound") {
    temp_dir dir;
    server_process server({"--data", (dir / "data").string()});
    const auto event = http_get(server.port(), "/api/v1/event").json();
    REQUIRE(event["halls"].size() == 3);
    for (const auto& hall : event["halls"]) {
        const auto id = hall["id"].get<std::string>();
        INFO(id);
        REQUIRE(wait_for_status(server.port(), id, "live", 15s));
    }
    std::this_thread::sleep_for(2500ms);
    for (const auto& hall : event["halls"]) {
        const auto id = hall["id"].get<std::string>();
        INFO(id);
        const auto url = "http://127.0.0.1:" + std::to_string(server.port()) + "/hls/" + id + "/index.m3u8";
        const auto probe = probe_streams(url);
        std::set<std::string> codecs;
        for (const auto& s : probe["streams"]) codecs.insert(s["codec_name"].get<std::string>());
        CHECK(codecs == std::set<std::string>{"h264", "aac"});

        const auto playlist = hls_playlist::parse(http_get(server.port(), "/hls/" + id + "/index.m3u8").body);
        REQUIRE(playlist.segments.size() >= 2);
        const auto a = first_frame(dir, server.port(), id, playlist.segments.front().name);
        const auto b = first_frame(dir, server.port(), id, playlist.segments.back().name);
        CHECK(a.size() == 640u * 360u);
        CHECK(a != b);  // the picture moves (and the clock runs)
    }
    // The synthetic picture is recorded too, so that the demo has replays: each hall's segments and their index.
    for (const auto* id : {"main", "prosveshchenie", "presentations"}) {
        INFO(id);
        CHECK(std::filesystem::is_directory(dir / "data/recordings" / id / "top"));
    }
}
