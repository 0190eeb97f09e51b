#include "media/rung_aligner.hpp"

#include <catch2/catch.hpp>

using namespace veche::media;

namespace {

constexpr std::int64_t ms = 1'000'000;

hls_segment place(std::uint64_t sequence, bool discontinuity = false) {
    hls_segment s;
    s.sequence = sequence;
    s.duration_s = 1.0;
    s.program_date_ms = 1'767'261'600'000 + static_cast<std::int64_t>(sequence) * 1000;
    s.discontinuity = discontinuity;
    s.discontinuity_sequence = discontinuity ? 1 : 0;
    return s;
}

// A 25 fps picture with a keyframe every second, each frame one buffer named after its time in ms.
void frames(rung_aligner& a, int from_ms, int to_ms, int keyframe_every_ms = 1000) {
    for (int t = from_ms; t < to_ms; t += 40) a.push("f" + std::to_string(t) + ";", t * ms, t % keyframe_every_ms == 0);
}

}  // namespace

TEST_CASE("a rung's segments take the places of the top's segments that start at the same time") {
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    a.top_started(0);
    frames(a, 0, 1000);
    CHECK(a.take_ready().empty());  // the segment is open until the next cut
    a.top_started(1000 * ms);
    a.top_published(place(7), 0);
    frames(a, 1000, 2000);
    a.top_started(2000 * ms);
    frames(a, 2000, 2040);
    a.top_published(place(8), 1000 * ms);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 2);
    CHECK(ready[0].place.sequence == 7);
    CHECK(ready[0].place.program_date_ms == place(7).program_date_ms);
    CHECK(ready[0].data->starts_with("f0;"));
    CHECK(ready[0].data->ends_with("f960;"));
    CHECK(ready[1].place.sequence == 8);
    CHECK(ready[1].data->starts_with("f1000;"));
    CHECK(ready[1].data->ends_with("f1960;"));
    CHECK(a.missed() == 0);
}

TEST_CASE("the rung cuts at its own keyframe of the cut's time, not before, and drops what came before the first") {
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    frames(a, 0, 1000, 500);  // before the top started anything
    a.top_started(1000 * ms);
    // Keyframes every half second: only the one at the top's cut opens a segment.
    frames(a, 1000, 3000, 500);
    a.top_started(3000 * ms);
    frames(a, 3000, 3040, 500);
    a.top_published(place(0), 1000 * ms);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].data->starts_with("f1000;"));
    CHECK(ready[0].data->ends_with("f2960;"));
}

TEST_CASE("a lost keyframe: the rung cuts at its first picture past the cut once it is clearly lost") {
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    a.top_started(0);
    frames(a, 0, 1000);
    a.top_started(1000 * ms);
    // The pictures from 1000 on are not keyframes (the encoder never got the one it was to force).
    for (int t = 1000; t < 1480; t += 40) a.push("f" + std::to_string(t) + ";", t * ms, false);
    a.top_published(place(0), 0);
    CHECK(a.take_ready().empty());  // it may still come
    a.push("f1520;", 1520 * ms, false);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].data->ends_with("f960;"));
}

TEST_CASE("the audio-only rung cuts at the audio frame next to the cut") {
    rung_aligner a(rung_aligner::cut_rule::any_frame);
    // AAC frames of 21.333 ms, no keyframe flag; the audio runs ahead of the top's announcements.
    auto push_audio = [&](int from, int to) {
        for (int i = from; i < to; ++i) a.push("a" + std::to_string(i) + ";", i * 21'333'333LL, false);
    };
    push_audio(0, 20);
    a.top_started(100 * ms);
    push_audio(20, 100);
    a.top_started(1100 * ms);
    a.top_published(place(3), 100 * ms);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    // Frame 4 starts at 85.3 ms, 14.7 ms before the cut: within half a pair of frames (audio_packer.hpp), it
    // opens the segment. Frame 51 starts at 1088 ms, 12 ms before the next cut: it opens the next.
    CHECK(ready[0].data->starts_with("a4;"));
    CHECK(ready[0].data->ends_with("a50;"));
}

TEST_CASE("the slate takes its place in order, after the rung's last live segment") {
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    a.top_started(0);
    frames(a, 0, 1000);
    a.top_started(1000 * ms);
    frames(a, 1000, 1400);
    // The source is lost: the top publishes its last segment and then the slate, before the rung's flush.
    a.top_published(place(4), 0);
    a.top_published(place(5), 1000 * ms);
    a.top_published(place(6, true), std::nullopt);
    auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].place.sequence == 4);
    a.flush();
    ready = a.take_ready();
    REQUIRE(ready.size() == 2);
    CHECK(ready[0].place.sequence == 5);
    CHECK(ready[0].data->ends_with("f1360;"));
    CHECK(ready[1].place.sequence == 6);
    CHECK(ready[1].place.discontinuity);
    CHECK(ready[1].data == nullptr);
}

TEST_CASE("a rung that cannot provide a segment misses it and goes on with the next") {
    rung_aligner a(rung_aligner::cut_rule::keyframe, 3);
    a.top_started(0);
    a.top_started(1000 * ms);
    // Nothing from the rung for the first second: its encoder dropped it all.
    frames(a, 1000, 2000);
    a.top_published(place(0), 0);
    a.top_started(2000 * ms);
    frames(a, 2000, 2040);
    a.top_published(place(1), 1000 * ms);
    auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].place.sequence == 1);
    CHECK(a.missed() == 1);

    // A rung stalled altogether: the top goes on, and past a few waiting segments the rung gives them up.
    for (std::uint64_t n = 2; n < 8; ++n) {
        a.top_started(static_cast<std::int64_t>(n + 1) * 1000 * ms);
        a.top_published(place(n), static_cast<std::int64_t>(n) * 1000 * ms);
    }
    CHECK(a.take_ready().empty());
    CHECK(a.missed() == 4);
}

TEST_CASE("a source whose clock starts again: the rung follows the top onto the new clock") {
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    a.top_started(50'000 * ms);
    frames(a, 50'000, 51'000);
    a.top_published(place(0), 50'000 * ms);
    a.top_started(1000 * ms);  // the top saw the jump back and cut there
    frames(a, 1000, 2000);
    a.top_started(2000 * ms);
    frames(a, 2000, 2040);
    a.top_published(place(1, true), 1000 * ms);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 2);
    CHECK(ready[0].data->ends_with("f50960;"));
    CHECK(ready[1].data->starts_with("f1000;"));
    CHECK(ready[1].data->ends_with("f1960;"));
}

TEST_CASE("every segment starts with the stream's PAT and PMT, which the rung's muxer sends only seldom") {
    auto packet = [](int pid, char fill) {
        std::string p(188, fill);
        p[0] = 0x47;
        p[1] = static_cast<char>(pid >> 8);
        p[2] = static_cast<char>(pid & 0xFF);
        p[3] = 0x10;
        if (pid == 0) {
            // pointer 0; PAT section: table 0, length, ts id, version, numbers; program 1 on PID 0x20
            const char section[] = {0, 0, char(0xB0), 13, 0, 1, char(0xC1), 0, 0, 0, 1, char(0xE0), 0x20};
            p.replace(4, sizeof section, section, sizeof section);
        }
        return p;
    };
    rung_aligner a(rung_aligner::cut_rule::keyframe);
    const auto pat = packet(0, 'p');
    const auto pmt = packet(0x20, 'm');
    a.push(pat + pmt, 0, false);  // the muxer's first tables, before anything is cut
    a.top_started(0);
    a.push(packet(0x100, 'k'), 0, true);
    a.push(packet(0x100, 'd'), 500 * ms, false);
    a.top_started(1000 * ms);
    a.push(packet(0x100, 'K'), 1000 * ms, true);
    a.top_published(place(0), 0);
    const auto ready = a.take_ready();
    REQUIRE(ready.size() == 1);
    CHECK(*ready[0].data == pat + pmt + packet(0x100, 'k') + packet(0x100, 'd'));
}
