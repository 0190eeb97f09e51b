// A hall with a ladder, its relay played by hand: the top (the source as it comes), a lower rung whose encoder
// lags, and the audio-only rung, all cut on the same instants.
#include "media/hall_channel.hpp"
#include "media/recording_worker.hpp"
#include "scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>

using namespace veche::media;
using veche::test::scratch_dir;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t ms = 1'000'000;

veche::core::hall_definition hall() {
    return {"main", "Главная сцена", veche::core::source_uri::parse("srt://:9000"),
            {{"1080p", 1080, 4000}, {"360p", 360, 600}, {"180p", 180, 250}}, true};
}

// The segments a playlist lists: name → (date line, discontinuity).
std::map<std::string, std::pair<std::string, bool>> listed(const std::string& playlist) {
    std::map<std::string, std::pair<std::string, bool>> out;
    std::string date;
    bool discontinuity = false;
    std::size_t pos = 0;
    while (pos < playlist.size()) {
        const auto end = playlist.find('\n', pos);
        const auto line = playlist.substr(pos, end - pos);
        pos = end + 1;
        if (line == "#EXT-X-DISCONTINUITY") discontinuity = true;
        if (line.starts_with("#EXT-X-PROGRAM-DATE-TIME:")) date = line;
        if (line.ends_with(".ts")) {
            out[line] = {date, discontinuity};
            discontinuity = false;
        }
    }
    return out;
}

struct fixture {
    scratch_dir dir;
    veche::metrics_registry metrics;
    veche::config::media_settings settings;
    recording_worker worker{metrics};  // not started: writes happen at once, on the test's thread
    hall_recording recording{dir.path / "recordings/main", hall(), worker, metrics};
    hall_channel channel;
    steady_clock::time_point t0 = steady_clock::now();
    wall_clock::time_point w0 = wall_clock::time_point(std::chrono::seconds(1'767'261'600));

    fixture() : channel(hall(), settings, 1, &recording, metrics) {
        channel.set_slate(std::make_shared<const std::string>("slate-top"), 2s);
        for (std::size_t i = 0; i < channel.ladder().size(); ++i)
            channel.ladder().set_slate(i, std::make_shared<const std::string>("slate-" + std::to_string(i)), 2s);
        // A 640x360 source: 1080p is taller (skipped), 360p is the source itself, 180p is encoded.
        channel.ladder().set_plan(plan_ladder(hall().ladder, {640, 360}));
    }

    steady_clock::time_point at(double s) const {
        return t0 + std::chrono::duration_cast<steady_clock::duration>(std::chrono::duration<double>(s));
    }

    // The source's frames [from, to) at 25 fps with a keyframe every second, at media time = stream time.
    void top(int from, int to) {
        for (int f = from; f < to; ++f) {
            const double s = f * 0.04;
            channel.on_buffer(std::string(1000, 'v'), f * 40 * ms, f % 25 == 0, at(s),
                              w0 + std::chrono::duration_cast<wall_clock::duration>(std::chrono::duration<double>(s)));
        }
    }
    // The 180p rung's encoder output for the same frames, `lag` seconds later.
    void encoded(int from, int to, double lag = 0.1) {
        for (int f = from; f < to; ++f) channel.on_rung_buffer(2, std::string(300, 'e'), f * 40 * ms, f % 25 == 0, at(f * 0.04 + lag));
    }
    // The audio-only rung's AAC frames (21.33 ms) over the same span.
    void audio(int from_frame, int to_frame) {
        for (int a = from_frame * 40 * 3 / 64; a < to_frame * 40 * 3 / 64; ++a)
            channel.on_rung_buffer(3, std::string(50, 'a'), a * 64 * ms / 3, false, at(a * 0.0213));
    }

    std::string playlist(const std::string& rung) const {
        const auto snap = channel.ladder().snapshot()->rung(rung);
        return snap ? *snap->playlist : std::string{};
    }
};

}  // namespace

TEST_CASE("every rung of a hall lists the same segments, dates and discontinuities as the top") {
    fixture f;
    f.top(0, 151);  // six 1 s segments and the first frame of the seventh
    // The top never waited for the rungs: its segments are out, the lower rungs have nothing yet.
    REQUIRE(f.channel.snapshot());
    CHECK(listed(*f.channel.snapshot()->playlist).size() == 6);
    CHECK(f.channel.ladder().snapshot()->rung("180p") == nullptr);

    f.encoded(0, 151);
    f.audio(0, 151);
    const auto top = listed(*f.channel.snapshot()->playlist);
    for (const auto* rung : {"360p", "180p", "audio"}) {
        INFO(rung);
        CHECK(listed(f.playlist(rung)) == top);
    }
    // 360p is the top itself, under its ladder name; 1080p is taller than the source and not offered.
    CHECK(f.channel.ladder().snapshot()->rung("360p") == f.channel.snapshot());
    CHECK(f.channel.ladder().snapshot()->rung("1080p") == nullptr);
    const auto master = *f.channel.ladder().snapshot()->master;
    CHECK_THAT(master, Catch::StartsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH="));
    CHECK(master.find("\n360p/index.m3u8\n") < master.find("\n180p/index.m3u8\n"));
    CHECK(master.find("\n180p/index.m3u8\n") < master.find("\naudio/index.m3u8\n"));
    CHECK(master.find("1080p") == std::string::npos);
    // 300 bytes a frame at 25 fps: 60 kbit/s in the 180p rung.
    CHECK_THAT(master, Catch::Contains("BANDWIDTH=60000,AVERAGE-BANDWIDTH=60000\n180p/index.m3u8"));
    auto metrics = f.metrics.render();
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_bitrate_bps{hall=\"main\",rung=\"180p\"} 60000"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_lag_seconds{hall=\"main\",rung=\"180p\"} 0.1"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_behind{hall=\"main\",rung=\"180p\"} 0"));

    // The source goes: the top's last segment, then the slate in every rung at once, behind one discontinuity.
    CHECK(f.channel.tick(f.at(6.1 + 2.1), f.w0 + 8s));
    const auto slate = listed(*f.channel.snapshot()->playlist);
    CHECK(slate.size() == 8);
    CHECK(slate.at("1-7.ts").second);
    for (const auto* rung : {"180p", "audio"}) {
        INFO(rung);
        CHECK(listed(f.playlist(rung)) == slate);
    }
    CHECK(*f.channel.ladder().snapshot()->rung("180p")->find("1-7.ts") == "slate-2");
    CHECK(*f.channel.ladder().snapshot()->rung("audio")->find("1-7.ts") == "slate-3");

    // Every rung recorded its live segments, in a directory of its own, under the names the top's have.
    const auto recorded_top = f.recording.top().slice(0, std::numeric_limits<std::int64_t>::max());
    for (const auto* rung : {"180p", "audio"}) {
        INFO(rung);
        REQUIRE(std::filesystem::is_directory(f.dir.path / "recordings/main/rungs" / rung / "20260101"));
        const auto slice = f.recording.rung(rung)->slice(0, std::numeric_limits<std::int64_t>::max());
        REQUIRE_FALSE(slice.empty());
        for (const auto& s : slice)
            CHECK(std::any_of(recorded_top.begin(), recorded_top.end(), [&](const auto& t) {
                return t.name == s.name && t.program_date_ms == s.program_date_ms;
            }));
    }
    CHECK(f.recording.rung("180p")->bytes() == 151 * 300);

    metrics = f.metrics.render();
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_segments_total{hall=\"main\",rung=\"180p\"} 8"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_segments_total{hall=\"main\",rung=\"360p\"} 8"));
}

TEST_CASE("a rung whose encoder falls behind is reported, and misses what it cannot provide") {
    fixture f;
    f.top(0, 126);
    f.audio(0, 126);
    // 180p delivers its pictures 3 s late: its segments come after the top's, past a target duration.
    f.encoded(0, 126, 3.0);
    const auto metrics = f.metrics.render();
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_behind{hall=\"main\",rung=\"180p\"} 1"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_rung_lag_seconds{hall=\"main\",rung=\"180p\"} 3"));
    CHECK(listed(f.playlist("180p")).size() == 5);
}

TEST_CASE("a hall without a ladder has a multivariant playlist of its one rung") {
    scratch_dir dir;
    veche::metrics_registry metrics;
    veche::config::media_settings settings;
    const veche::core::hall_definition side{"side", "Зал", veche::core::source_uri::parse("srt://:9001"), {}, false};
    hall_channel channel(side, settings, 1, {}, metrics);
    CHECK(channel.ladder().snapshot() == nullptr);
    for (int f = 0; f < 51; ++f)
        channel.on_buffer(std::string(500, 'v'), f * 40 * ms, f % 25 == 0, steady_clock::now(), wall_clock::now());
    const auto master = *channel.ladder().snapshot()->master;
    CHECK_THAT(master, Catch::Matches("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=100000,"
                                      "AVERAGE-BANDWIDTH=100000\nindex.m3u8\n"));
    CHECK(channel.ladder().snapshot()->rungs.empty());
    CHECK(metrics.render().find("veche_media_rung_") == std::string::npos);
}
