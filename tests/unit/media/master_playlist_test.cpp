#include "media/master_playlist.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;

namespace {

std::shared_ptr<const hls_segment> segment(std::size_t bytes, double seconds) {
    auto s = std::make_shared<hls_segment>();
    s->duration_s = seconds;
    s->data = std::make_shared<const std::string>(bytes, 'x');
    return s;
}

}  // namespace

TEST_CASE("the multivariant playlist lists each rung with what a player picks by") {
    variant top{"720p/index.m3u8", {1280, 720, 30.0, "avc1.64001f", "mp4a.40.2"}, 2'800'000, 2'600'000};
    variant low{"360p/index.m3u8", {640, 360, 29.97, "avc1.4d401e", "mp4a.40.2"}, 700'000, 650'000};
    variant audio{"audio/index.m3u8", {0, 0, 0, "", "mp4a.40.2"}, 70'000, 68'000};
    CHECK(master_playlist({top, low, audio}) ==
          "#EXTM3U\n#EXT-X-VERSION:3\n"
          "#EXT-X-STREAM-INF:BANDWIDTH=2800000,AVERAGE-BANDWIDTH=2600000,RESOLUTION=1280x720,"
          "CODECS=\"avc1.64001f,mp4a.40.2\",FRAME-RATE=30.000\n720p/index.m3u8\n"
          "#EXT-X-STREAM-INF:BANDWIDTH=700000,AVERAGE-BANDWIDTH=650000,RESOLUTION=640x360,"
          "CODECS=\"avc1.4d401e,mp4a.40.2\",FRAME-RATE=29.970\n360p/index.m3u8\n"
          "#EXT-X-STREAM-INF:BANDWIDTH=70000,AVERAGE-BANDWIDTH=68000,CODECS=\"mp4a.40.2\"\naudio/index.m3u8\n");
    CHECK(master_playlist({}).empty());
}

TEST_CASE("BANDWIDTH is the peak segment, AVERAGE-BANDWIDTH the whole, and stubs count only when alone") {
    hls_snapshot rung;
    rung.segments = {segment(250'000, 2.0), segment(150'000, 1.0), segment(100'000, 2.0), segment(50'000, 0.1)};
    variant v;
    measure_bandwidth(rung, v);
    CHECK(v.peak_bps == 1'200'000);              // 150 kB in 1 s
    CHECK(v.average_bps == 500'000 * 8 / 5);     // 500 kB in 5 s; the 0.1 s stub left out
    hls_snapshot stub;
    stub.segments = {segment(5'000, 0.04)};
    measure_bandwidth(stub, v);
    CHECK(v.peak_bps == 1'000'000);
    CHECK(v.average_bps == 1'000'000);
}
