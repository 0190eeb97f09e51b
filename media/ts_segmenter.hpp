#pragma once
// Cuts the muxer's MPEG-TS output into HLS segments (docs/protocol.md, "Video"). A
// segment starts at a keyframe once the one in progress holds half a target
// duration, so 1 s and 2 s GOPs give 1 s and 2 s segments; a source whose
// keyframes are too far apart is cut anyway before a segment could round past
// the target duration, because a playlist that breaks RFC 8216 stalls players
// while a segment that starts mid-GOP only costs a moment of picture.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace veche::media {

using wall_clock = std::chrono::system_clock;

struct segment_cut {
    std::shared_ptr<const std::string> data;
    double duration_s = 0;
    wall_clock::time_point started_at;  // when its first byte arrived: the segment's EXT-X-PROGRAM-DATE-TIME
    bool discontinuity = false;         // its timeline does not continue the previous segment's
    bool keyframe_start = false;
};

class ts_segmenter {
public:
    explicit ts_segmenter(std::chrono::seconds target_duration);

    // One buffer of muxer output. media_time_ns: its timestamp (PTS, or the arrival time when it has none).
    // Returns the segment this buffer closed, if any.
    std::optional<segment_cut> push(std::string_view bytes, std::int64_t media_time_ns, bool keyframe,
                                    wall_clock::time_point now);
    // Closes the segment in progress (the source stopped or was replaced) and marks the next one as a
    // discontinuity. Returns the closed segment if it held anything.
    std::optional<segment_cut> flush();

    bool empty() const { return current_.empty(); }
    // How many segments have been started so far.
    std::uint64_t started() const { return started_; }

private:
    segment_cut close(std::int64_t duration_ns);

    std::int64_t min_cut_ns_;
    std::int64_t max_cut_ns_;
    std::string current_;
    std::int64_t start_ns_ = 0;
    std::int64_t last_ns_ = 0;
    wall_clock::time_point started_at_;
    bool keyframe_start_ = false;
    bool next_discontinuity_ = false;
    std::uint64_t started_ = 0;
};

}  // namespace veche::media
