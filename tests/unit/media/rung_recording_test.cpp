#include "media/recording_worker.hpp"
#include "media/rung_recording.hpp"
#include "media/vod_playlist.hpp"
#include "scratch_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>

using namespace veche::media;
using veche::test::scratch_dir;

namespace {

constexpr std::int64_t day0 = 1'767'261'600'000;  // 2026-01-01T10:00:00Z
constexpr std::int64_t forever = std::numeric_limits<std::int64_t>::max();

struct fixture {
    scratch_dir dir;
    veche::metrics_registry metrics;
    recording_worker worker{metrics};
    std::shared_ptr<std::atomic<std::int64_t>> hall_bytes = std::make_shared<std::atomic<std::int64_t>>(0);
    rung_recording rung{dir / "top", worker, hall_bytes};

    void segment(int n, std::int64_t at, std::size_t size = 100) {
        rung.record("1-" + std::to_string(n) + ".ts", at, 2.0, false,
                    std::make_shared<const std::string>(size, static_cast<char>('a' + n % 26)));
    }
    std::filesystem::path index(const char* day = "20260101") const { return dir / "top" / day / "index.tsv"; }
};

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("recording: every segment in a file of its own, listed by date, read back after a restart") {
    fixture f;
    f.segment(0, day0);
    f.segment(1, day0 + 2000);
    f.rung.record_gap(day0 + 4000, 2.0);
    f.segment(3, day0 + 6000, 50);
    CHECK(f.rung.bytes() == 250);
    CHECK(*f.hall_bytes == 250);
    const auto slice = f.rung.slice(day0 + 1000, day0 + 6001);
    REQUIRE(slice.size() == 4);  // the first one runs past the start, so it is in
    CHECK(slice[2].gap);
    CHECK(slice[3].name == "1-3.ts");
    CHECK(f.rung.slice(day0 + 2000, day0 + 4000).size() == 1);
    CHECK(f.rung.file_of("1-1.ts", day0, forever) == f.dir / "top/20260101/1-1.ts");
    CHECK_FALSE(f.rung.file_of("1-1.ts", day0 + 5000, forever));  // outside the slice
    CHECK_FALSE(f.rung.file_of("../index.tsv", day0, forever));

    rung_recording again(f.dir / "top", f.worker, f.hall_bytes);
    CHECK(again.load() == 4);
    CHECK(again.slice(0, forever).size() == 4);
}

TEST_CASE("recording: after a crash the index names only whole segments, and goes on after a torn line") {
    fixture f;
    f.segment(0, day0);
    f.segment(1, day0 + 2000);
    f.segment(2, day0 + 4000);
    // A kill in the middle of a line, and a segment whose file was cut short.
    { std::ofstream(f.index(), std::ios::app | std::ios::binary) << "seg\t1-3.ts\t17672616"; }
    std::filesystem::resize_file(f.dir / "top/20260101/1-1.ts", 10);
    rung_recording again(f.dir / "top", f.worker, std::make_shared<std::atomic<std::int64_t>>(0));
    CHECK(again.load() == 2);
    again.record("1-4.ts", day0 + 6000, 2.0, false, std::make_shared<const std::string>(7, 'x'));
    const auto text = read(f.index());
    CHECK(text.find("17672616\nseg\t1-4.ts") != std::string::npos);  // the torn line got its end
    rung_recording third(f.dir / "top", f.worker, std::make_shared<std::atomic<std::int64_t>>(0));
    CHECK(third.load() == 3);
    CHECK(third.slice(0, forever).back().name == "1-4.ts");
}

TEST_CASE("recording: index lines that are torn or not the recorder's are refused") {
    recorded_segment s;
    s.name = "17-3.ts";
    s.program_date_ms = day0;
    s.duration_ms = 2000;
    s.bytes = 10;
    s.info.width = 1280;
    s.info.height = 720;
    s.info.video_codec = "avc1.64001f";
    s.info.audio_codec = "mp4a.40.2";
    const auto line = index_line(s);
    const auto back = parse_index_line(line);
    REQUIRE(back);
    CHECK(back->name == s.name);
    CHECK(back->info.codecs() == "avc1.64001f,mp4a.40.2");
    CHECK_FALSE(parse_index_line(line.substr(0, line.size() - 1)));
    for (const auto* name : {"../x.ts", "/etc/passwd", "1-2.ts/..", "a-1.ts", "1-1.m3u8", "-1.ts"}) {
        auto bad = line;
        bad.replace(4, 7, name);
        CHECK_FALSE(parse_index_line(bad));
    }
    CHECK(parse_index_line("gap\t1767261600000\t2000\n")->gap);
    CHECK_FALSE(parse_index_line("gap\t1767261600000\t-5\n"));
}

TEST_CASE("recording: retention deletes whole days that ended before the cutoff") {
    fixture f;
    f.segment(0, day0 - 86'400'000);
    f.segment(1, day0);
    CHECK(std::filesystem::is_directory(f.dir / "top/20251231"));
    CHECK(f.rung.expire(day0 - 11 * 3'600'000) == 0);  // the day before ends at midnight, 10 hours before day0
    CHECK(f.rung.expire(day0) == 100);
    CHECK_FALSE(std::filesystem::exists(f.dir / "top/20251231"));
    CHECK(f.rung.slice(0, forever).size() == 1);
    CHECK(f.rung.bytes() == 100);
}

TEST_CASE("recording: a disk that refuses writes stops the recording and counts what is left out") {
    fixture f;
    f.segment(0, day0);
    // The next day's directory cannot be made (a file is in its place), as a full disk would refuse it.
    { std::ofstream(f.dir / "top/20260102") << "x"; }
    constexpr std::int64_t day1 = day0 + 86'400'000;
    f.segment(1, day1);
    CHECK(f.worker.stopped_recording());
    f.segment(2, day0 + 4000);  // within the retry pause: left out without trying, even where it could be written
    CHECK(f.rung.slice(0, forever).size() == 1);
    const auto metrics = f.metrics.render();
    CHECK_THAT(metrics, Catch::Contains("veche_media_recording_stopped 1"));
    CHECK_THAT(metrics, Catch::Contains("veche_media_recording_dropped_total 2"));
}

TEST_CASE("replay playlists: EVENT while live, VOD with an end after, a gap starts a new timeline") {
    std::vector<recorded_segment> slice;
    for (int i = 0; i < 3; ++i) {
        recorded_segment s;
        s.name = "1-" + std::to_string(i) + ".ts";
        s.program_date_ms = day0 + i * 2000;
        s.duration_ms = 2000;
        s.bytes = 250'000;
        slice.push_back(s);
    }
    slice.insert(slice.begin() + 2, recorded_segment{true, "", day0 + 4000, 6000, 0, false, {}});
    slice.back().program_date_ms = day0 + 10'000;
    const auto live = vod_playlist(slice, false);
    CHECK_THAT(live, Catch::Contains("#EXT-X-PLAYLIST-TYPE:EVENT\n"));
    CHECK_THAT(live, !Catch::Contains("ENDLIST"));
    const auto ended = vod_playlist(slice, true);
    CHECK_THAT(ended, Catch::StartsWith("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"));
    CHECK_THAT(ended, Catch::Contains("#EXT-X-PLAYLIST-TYPE:VOD\n"));
    CHECK_THAT(ended, Catch::EndsWith("#EXT-X-ENDLIST\n"));
    CHECK_THAT(ended, Catch::Contains("1-1.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T10:00:10Z\n"
                                      "#EXTINF:2.000,\n1-2.ts\n"));
    CHECK_THAT(ended, Catch::Contains("#EXT-X-PROGRAM-DATE-TIME:2026-01-01T10:00:00Z\n#EXTINF:2.000,\n1-0.ts\n"));

    const auto master = vod_master({{"index.m3u8", slice}, {"240p/index.m3u8", {}}});
    CHECK_THAT(master, Catch::Contains("BANDWIDTH=1000000,AVERAGE-BANDWIDTH=1000000"));
    CHECK_THAT(master, !Catch::Contains("240p"));
    CHECK(vod_master({{"index.m3u8", {}}}).empty());
}
