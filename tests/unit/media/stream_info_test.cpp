// The figures of the multivariant playlist come from the streams themselves: here, segments made by GStreamer's
// encoders in the process (the slates every rung shows when its source is away).
#include "media/slate_encoder.hpp"
#include "media/stream_info.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;
using namespace std::chrono_literals;

TEST_CASE("a segment's SPS and ADTS header give its size, codecs and frame rate") {
    const std::atomic<bool> cancel{false};
    const auto picture = encode_slate(2s, cancel, 240);
    REQUIRE(picture);
    const auto info = inspect_segment(*picture);
    CHECK(info.width == 426);
    CHECK(info.height == 240);
    CHECK(info.frame_rate == Approx(25.0).margin(0.01));
    // x264's ultrafast preset makes Constrained Baseline (profile 66 = 0x42, constraint flags 0 and 1 = 0xc0);
    // it picks level 2.1 (0x15) for 426x240 at 25 fps.
    CHECK(info.video_codec == "avc1.42c015");
    CHECK(info.audio_codec == "mp4a.40.2");
    CHECK(info.codecs() == "avc1.42c015,mp4a.40.2");

    const auto sound = encode_slate(2s, cancel, 0);
    REQUIRE(sound);
    const auto audio = inspect_segment(*sound);
    CHECK_FALSE(audio.has_video());
    CHECK(audio.width == 0);
    CHECK(audio.codecs() == "mp4a.40.2");
}

TEST_CASE("what is not MPEG-TS gives nothing, and no crash") {
    CHECK(inspect_segment("").empty());
    CHECK(inspect_segment("slate-bytes").empty());
    std::string noise(188 * 20, '\x47');
    CHECK(inspect_segment(noise).empty());
    std::string truncated(188 * 4, '\0');
    for (std::size_t at = 0; at < truncated.size(); at += 188) truncated[at] = '\x47';
    CHECK(inspect_segment(truncated).empty());
}
