#include "media/hall_channel.hpp"
#include "media/recording_worker.hpp"
#include "scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <limits>

using namespace veche::media;
using veche::test::scratch_dir;
using namespace std::chrono_literals;

namespace {

veche::core::hall_definition definition() {
    return {"main", "Главная сцена", veche::core::source_uri::parse("srt://:9000"), {}, false};
}

struct fixture {
    scratch_dir dir;
    veche::metrics_registry metrics;
    veche::config::media_settings settings;
    recording_worker worker{metrics};  // not started: writes happen at once, on the test's thread
    hall_recording recording;
    hall_channel channel;
    std::vector<stream_status> statuses;
    steady_clock::time_point t0 = steady_clock::now();
    wall_clock::time_point w0 = wall_clock::time_point(std::chrono::seconds(1'767'261'600));
    std::size_t live_bytes = 0;
    bool joined = false;
    int frame = 0;  // frames of a 25 fps source with 1 s GOPs, across takes

    explicit fixture(bool with_slate = true)
        : recording(dir / "recordings/main", definition(), worker, metrics),
          channel(definition(), settings, 1, &recording, metrics) {
        channel.set_status_listener([this](stream_status s) { statuses.push_back(s); });
        if (with_slate) channel.set_slate(std::make_shared<const std::string>("slate-bytes"), 2s);
    }

    // Sends `count` frames starting at `at` (seconds after t0); returns the time after the last one.
    double send(double at, int count) {
        for (int i = 0; i < count; ++i, ++frame) {
            const auto offset = std::chrono::duration<double>(at + i * 0.04);
            const auto now = t0 + std::chrono::duration_cast<steady_clock::duration>(offset);
            const auto wall = w0 + std::chrono::duration_cast<wall_clock::duration>(offset);
            const std::string bytes(1000, 'v');
            channel.on_buffer(bytes, static_cast<std::int64_t>(frame) * 40'000'000, frame % 25 == 0, now, wall);
            // From the first keyframe on, everything is live (and recorded).
            joined = joined || frame % 25 == 0;
            if (joined) live_bytes += bytes.size();
        }
        return at + count * 0.04;
    }

    bool tick(double at) {
        const auto offset = std::chrono::duration<double>(at);
        return channel.tick(t0 + std::chrono::duration_cast<steady_clock::duration>(offset),
                            w0 + std::chrono::duration_cast<wall_clock::duration>(offset));
    }

    std::string playlist() const {
        const auto snap = channel.snapshot();
        return snap ? *snap->playlist : std::string{};
    }
};

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a hall goes live on a keyframe, shows the slate when the source stops and rejoins it") {
    fixture f;
    CHECK(f.channel.status() == stream_status::offline);

    // Mid-GOP data is dropped: live starts at a keyframe.
    f.frame = 10;
    f.send(0, 15);
    CHECK(f.channel.status() == stream_status::offline);
    CHECK(f.channel.snapshot() == nullptr);
    double t = f.send(0.6, 76);  // three 1 s GOPs and a keyframe
    CHECK(f.channel.status() == stream_status::live);
    CHECK(count(f.playlist(), ".ts\n") == 3);

    // No data: nothing happens before the timeout, then the slate follows the last partial segment.
    CHECK_FALSE(f.tick(t + 1.9));
    CHECK(f.channel.status() == stream_status::live);
    CHECK(f.tick(t + 2.1));
    CHECK(f.channel.status() == stream_status::slate);
    auto text = f.playlist();
    CHECK(count(text, ".ts\n") == 5);
    CHECK(count(text, "#EXT-X-DISCONTINUITY\n") == 1);
    CHECK_THAT(text, Catch::EndsWith("#EXTINF:2.000,\n1-4.ts\n"));
    CHECK(*f.channel.snapshot()->find("1-4.ts") == "slate-bytes");

    // The slate goes on, one copy per target duration, without more discontinuities.
    CHECK_FALSE(f.tick(t + 3.0));
    CHECK(count(f.playlist(), ".ts\n") == 5);
    CHECK_FALSE(f.tick(t + 4.2));
    CHECK(count(f.playlist(), ".ts\n") == 6);
    CHECK(count(f.playlist(), "#EXT-X-DISCONTINUITY\n") == 1);

    // The source comes back: live again from its first keyframe, after a discontinuity.
    f.frame = 0;
    t = f.send(t + 5, 51);
    CHECK(f.channel.status() == stream_status::live);
    text = f.playlist();
    CHECK(count(text, "#EXT-X-DISCONTINUITY\n") == 2);
    CHECK(count(text, ".ts\n") == 8);
    CHECK(f.statuses == std::vector<stream_status>{stream_status::live, stream_status::slate, stream_status::live});

    f.channel.stop();
    CHECK(f.channel.status() == stream_status::offline);
    CHECK_FALSE(f.tick(t + 10));
    CHECK(f.channel.status() == stream_status::offline);

    // Every live byte recorded, one file per segment under the day, the slate marked as a gap between the takes.
    std::size_t recorded = 0;
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(f.dir / "recordings/main/top/20260101")) {
        if (entry.path().filename() == "index.tsv") continue;
        ++files;
        recorded += std::filesystem::file_size(entry.path());
    }
    CHECK(recorded == f.live_bytes);
    const auto slice = f.recording.top().slice(0, std::numeric_limits<std::int64_t>::max());
    CHECK(std::count_if(slice.begin(), slice.end(), [](const auto& s) { return !s.gap; }) == files);
    CHECK(std::count_if(slice.begin(), slice.end(), [](const auto& s) { return s.gap; }) == 2);
    CHECK(f.recording.bytes() == f.live_bytes);
    // Read back as after a restart: the same index.
    hall_recording again(f.dir / "recordings/main", definition(), f.worker, f.metrics);
    again.load();
    CHECK(again.top().slice(0, std::numeric_limits<std::int64_t>::max()).size() == slice.size());

    const auto metrics = f.metrics.render();
    CHECK_THAT(metrics, Catch::Contains("veche_media_segments_total{hall=\"main\",kind=\"slate\"} 2"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_slate_seconds_total{hall=\"main\"} 4"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_input_bitrate_bps{hall=\"main\"} 200000"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_status{hall=\"main\"} 0"));
}

TEST_CASE("a source that never delivers shows the slate, or stays offline without one") {
    fixture with;
    CHECK_FALSE(with.tick(1.0));
    CHECK(with.channel.status() == stream_status::offline);
    CHECK_FALSE(with.tick(2.5));
    CHECK(with.channel.status() == stream_status::slate);
    CHECK(count(with.playlist(), ".ts\n") == 1);
    CHECK(with.playlist().find("#EXT-X-DISCONTINUITY\n") == std::string::npos);

    // A relay that fails and is rebuilt again and again still leaves its viewers on the slate.
    fixture failing;
    failing.channel.source_restarted();
    CHECK_FALSE(failing.tick(1.5));
    failing.channel.source_restarted();
    CHECK_FALSE(failing.tick(2.5));
    CHECK(failing.channel.status() == stream_status::slate);

    fixture without(false);
    CHECK_FALSE(without.tick(5.0));
    CHECK(without.channel.status() == stream_status::offline);
    CHECK(without.channel.snapshot() == nullptr);
}

TEST_CASE("when the encoder comes back, the old take's tail does not start the new take") {
    fixture f;
    double t = f.send(0, 51);  // two 1 s GOPs and a keyframe
    REQUIRE(f.tick(t + 2.1));  // lost; the slate follows
    // The demuxer passes on the old take's last picture, a keyframe stamped just after the old take, when the
    // new encoder's data comes in 8 s later.
    const auto now = f.t0 + std::chrono::seconds(10);
    f.channel.on_buffer(std::string(1000, 'Z'), 51 * 40'000'000LL, true, now, f.w0 + std::chrono::seconds(10));
    f.frame = 250;
    f.send(10.04, 51);
    const auto snap = f.channel.snapshot();
    REQUIRE(snap);
    for (const auto& s : snap->segments) CHECK(s->data->find('Z') == std::string::npos);
    // The new take starts at its own first keyframe, after the slate, with a whole GOP.
    const auto& last = *snap->segments.back();
    CHECK(last.duration_s == Approx(1.0));
    CHECK(f.channel.status() == stream_status::live);
}
