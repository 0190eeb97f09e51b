#include "media/ts_segmenter.hpp"

#include <algorithm>

namespace veche::media {
namespace {

constexpr std::int64_t ms = 1'000'000;
// Timestamps of interleaved audio may run a little behind the keyframe that opened a segment;
// beyond this, or a jump forward past it, the source has restarted its clock.
constexpr std::int64_t backward_tolerance_ns = 1000 * ms;
constexpr std::int64_t forward_jump_ns = 10'000 * ms;
// A 30 fps GOP of 30 frames lasts 999.99 ms by its timestamps: cut it all the same.
constexpr std::int64_t rounding_slack_ns = 50 * ms;

}  // namespace

ts_segmenter::ts_segmenter(std::chrono::seconds target_duration)
    : min_cut_ns_(std::chrono::nanoseconds(target_duration).count() / 2 - rounding_slack_ns),
      // EXTINF rounded to the nearest integer must not exceed the target (RFC 8216 4.3.3.1).
      max_cut_ns_(std::chrono::nanoseconds(target_duration).count() + 450 * ms) {}

std::optional<segment_cut> ts_segmenter::push(std::string_view bytes, std::int64_t t, bool keyframe,
                                              wall_clock::time_point now) {
    std::optional<segment_cut> out;
    if (!current_.empty()) {
        const auto elapsed = t - start_ns_;
        if (elapsed < -backward_tolerance_ns || t - last_ns_ > forward_jump_ns) {
            out = close(last_ns_ - start_ns_);
            next_discontinuity_ = true;
        } else if (keyframe && elapsed >= min_cut_ns_) {
            out = close(elapsed);
        } else if (elapsed >= max_cut_ns_) {
            out = close(elapsed);
        }
    }
    if (current_.empty()) {
        start_ns_ = last_ns_ = t;
        started_at_ = now;
        keyframe_start_ = keyframe;
        ++started_;
    }
    current_.append(bytes);
    last_ns_ = std::max(last_ns_, t);
    return out;
}

std::optional<segment_cut> ts_segmenter::flush() {
    std::optional<segment_cut> out;
    if (!current_.empty()) out = close(last_ns_ - start_ns_);
    next_discontinuity_ = true;
    return out;
}

segment_cut ts_segmenter::close(std::int64_t duration_ns) {
    segment_cut cut;
    cut.data = std::make_shared<const std::string>(std::move(current_));
    // A segment of one buffer has no length by its timestamps; a millisecond keeps EXTINF positive.
    cut.duration_s = static_cast<double>(std::max(duration_ns, ms)) / 1e9;
    cut.started_at = started_at_;
    cut.discontinuity = next_discontinuity_;
    cut.keyframe_start = keyframe_start_;
    current_.clear();
    next_discontinuity_ = false;
    return cut;
}

}  // namespace veche::media
