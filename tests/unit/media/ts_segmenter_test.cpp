#include "media/ts_segmenter.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace veche::media;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t ms = 1'000'000;

// Feeds frames of a 25 fps stream with a keyframe every `gop` frames; returns the cuts.
std::vector<segment_cut> feed(ts_segmenter& s, int frames, int gop, std::int64_t start_ns = 0) {
    std::vector<segment_cut> cuts;
    const auto wall = wall_clock::now();
    for (int i = 0; i < frames; ++i) {
        const std::int64_t t = start_ns + i * 40 * ms;
        if (auto c = s.push(std::string(188, char('a' + i % 26)), t, i % gop == 0, wall + std::chrono::nanoseconds(t)))
            cuts.push_back(*c);
    }
    return cuts;
}

}  // namespace

TEST_CASE("segments start at keyframes and last one GOP once it is half the target") {
    ts_segmenter s(2s);
    const auto cuts = feed(s, 25 * 6 + 1, 25);  // 1 s GOPs
    REQUIRE(cuts.size() == 6);
    for (const auto& c : cuts) {
        CHECK(c.keyframe_start);
        CHECK(c.duration_s == Approx(1.0));
        CHECK(c.data->size() == 25 * 188);
        CHECK_FALSE(c.discontinuity);
    }

    ts_segmenter quick(2s);
    const auto short_gops = feed(quick, 100 + 1, 10);  // 0.4 s GOPs: cut at the first keyframe past 1 s
    REQUIRE(short_gops.size() == 3);
    CHECK(short_gops[0].duration_s == Approx(1.2));
}

TEST_CASE("a GOP longer than the target is cut before a segment could round past it") {
    ts_segmenter s(2s);
    const auto cuts = feed(s, 25 * 10, 25 * 5);  // 5 s GOPs
    REQUIRE(cuts.size() >= 3);
    for (const auto& c : cuts) CHECK(c.duration_s < 2.5);
    // The cut after a keyframe-less stretch does not start at a keyframe.
    CHECK(std::any_of(cuts.begin(), cuts.end(), [](const segment_cut& c) { return !c.keyframe_start; }));
}

TEST_CASE("a timestamp jump closes the segment and marks the next as a discontinuity") {
    ts_segmenter s(2s);
    auto cuts = feed(s, 80, 25);
    REQUIRE(cuts.size() == 3);
    // The source restarted its clock near zero: the 5 frames in progress close, the new timeline is discontinuous.
    auto more = feed(s, 26, 25, 0);
    REQUIRE(more.size() == 2);
    CHECK(more[0].duration_s == Approx(0.16));
    CHECK_FALSE(more[0].discontinuity);
    CHECK(more[1].discontinuity);
    CHECK(more[1].duration_s == Approx(1.0));
}

TEST_CASE("flush closes what is in progress and the next segment starts a new timeline") {
    ts_segmenter s(2s);
    CHECK_FALSE(s.flush().has_value());
    feed(s, 10, 25);
    const auto closed = s.flush();
    REQUIRE(closed.has_value());
    CHECK(closed->data->size() == 10 * 188);
    CHECK(closed->duration_s == Approx(0.36));
    CHECK(s.empty());
    const auto after = feed(s, 26, 25, 100'000 * ms);
    REQUIRE(after.size() == 1);
    CHECK(after[0].discontinuity);
}
