// The hall's encoder drops five times (killed, as a pulled cable) and comes back: viewers get the slate
// within 3 s and live again after, and the playlist stays valid all along (RFC 8216: constant target duration,
// media and discontinuity sequences that only grow, no end) with every listed segment fetchable.
#include "media_tools.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

using namespace veche::test;
using namespace std::chrono_literals;

namespace {

// Reads the playlist again and again and checks each against the previous one.
class playlist_watch {
public:
    explicit playlist_watch(std::uint16_t port) : port_(port) {}

    hls_playlist sample() {
        const auto reply = http_get(port_, "/hls/main/index.m3u8");
        REQUIRE(reply.status == 200);
        const auto p = hls_playlist::parse(reply.body);
        ++samples_;
        REQUIRE(!p.segments.empty());
        CHECK_FALSE(p.ended);
        if (target_ < 0) target_ = p.target_duration;
        CHECK(p.target_duration == target_);
        CHECK(p.media_sequence >= last_.media_sequence);
        CHECK(p.discontinuity_sequence >= last_.discontinuity_sequence);
        for (std::size_t i = 0; i < p.segments.size(); ++i) {
            const auto& s = p.segments[i];
            CHECK(s.dated);
            CHECK(std::lround(s.duration) <= target_);
            // Names end in their sequence number: the list has no holes.
            CHECK(s.name.ends_with("-" + std::to_string(p.sequence_of(i)) + ".ts"));
            if (fetched_.insert(s.name).second) {
                const auto seg = http_get(port_, "/hls/main/" + s.name);
                CHECK(seg.status == 200);
                CHECK(!seg.body.empty());
                CHECK(seg.body.size() % 188 == 0);
                CHECK(seg.body[0] == 0x47);
            }
        }
        last_ = p;
        return p;
    }

    // Samples every 250 ms for `how_long`.
    void watch(std::chrono::milliseconds how_long) {
        const auto end = std::chrono::steady_clock::now() + how_long;
        while (std::chrono::steady_clock::now() < end) {
            sample();
            std::this_thread::sleep_for(250ms);
        }
    }

    long long last_sequence() const { return last_.sequence_of(last_.segments.size() - 1); }
    int samples() const { return samples_; }
    std::size_t fetched() const { return fetched_.size(); }

private:
    std::uint16_t port_;
    int target_ = -1;
    int samples_ = 0;
    hls_playlist last_;
    std::set<std::string> fetched_;
};

}  // namespace

TEST_CASE("five encoder drops: slate within 3 s, live again after, the playlist valid throughout") {
    temp_dir dir;
    const auto srt_port = free_udp_port();
    server_process server({"--config", write_config(dir, srt_hall_config(srt_port)), "--data", (dir / "data").string()});
    playlist_watch playlist(server.port());
    long long discontinuities = -1;

    for (int cycle = 1; cycle <= 5; ++cycle) {
        INFO("cycle " << cycle);
        encoder ffmpeg(srt_port);
        REQUIRE(wait_for_status(server.port(), "main", "live", 15s));
        playlist.watch(2500ms);

        const auto before = playlist.sample();
        ffmpeg.kill();
        const auto to_slate = wait_for_status(server.port(), "main", "slate", 5s);
        REQUIRE(to_slate);
        CHECK(*to_slate <= 3s);

        // The playlist goes on: new segments, the slate behind a discontinuity.
        const auto deadline = std::chrono::steady_clock::now() + 6s;
        hls_playlist now = playlist.sample();
        while (playlist.last_sequence() < before.sequence_of(before.segments.size() - 1) + 2 &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(250ms);
            now = playlist.sample();
        }
        CHECK(playlist.last_sequence() >= before.sequence_of(before.segments.size() - 1) + 2);
        bool spliced = false;
        for (std::size_t i = 0; i < now.segments.size(); ++i)
            if (now.sequence_of(i) > before.sequence_of(before.segments.size() - 1) && now.segments[i].discontinuity)
                spliced = true;
        CHECK(spliced);
        CHECK(now.discontinuity_sequence >= discontinuities);
        discontinuities = now.discontinuity_sequence;
    }
    CHECK(playlist.samples() > 40);
    CHECK(playlist.fetched() > 30);
}
