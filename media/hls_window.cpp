#include "media/hls_window.hpp"

#include "core/time_format.hpp"

#include <algorithm>
#include <cstdio>

namespace veche::media {

hls_window::hls_window(std::int64_t epoch, std::chrono::seconds target_duration, std::chrono::seconds window,
                       std::size_t spare)
    : epoch_(epoch),
      target_s_(static_cast<long>(target_duration.count())),
      window_s_(static_cast<double>(window.count())),
      spare_(spare) {}

const hls_segment& hls_window::append(std::shared_ptr<const std::string> data, double duration_s,
                                      std::int64_t program_date_ms, bool discontinuity) {
    auto s = std::make_shared<hls_segment>();
    s->sequence = next_sequence_;
    // The segmenter never cuts past the target; this guard keeps the playlist valid whatever it is given.
    s->duration_s = std::min(duration_s, static_cast<double>(target_s_) + 0.499);
    s->program_date_ms = program_date_ms;
    s->data = std::move(data);
    // The first segment ever has nothing before it to be discontinuous with.
    s->discontinuity = discontinuity && s->sequence > 0;
    if (s->discontinuity) ++discontinuities_;
    s->discontinuity_sequence = discontinuities_;
    return push(std::move(s));
}

const hls_segment& hls_window::append_as(const hls_segment& top, std::shared_ptr<const std::string> data) {
    if (top.sequence != next_sequence_) {
        // A playlist numbers its segments by their place in it: a gap can only be a fresh start.
        segments_.clear();
        first_listed_ = top.sequence;
    }
    auto s = std::make_shared<hls_segment>(top);
    s->data = std::move(data);
    discontinuities_ = s->discontinuity_sequence;
    return push(std::move(s));
}

const hls_segment& hls_window::push(std::shared_ptr<hls_segment> s) {
    s->name = std::to_string(epoch_) + '-' + std::to_string(s->sequence) + ".ts";
    next_sequence_ = s->sequence + 1;
    segments_.push_back(std::move(s));
    // The first listed segment only moves forward (adding a segment never lengthens the suffix needed to fill
    // the window).
    first_listed_ = std::max(first_listed_, segments_[listed_from()]->sequence);
    const auto first = static_cast<std::size_t>(first_listed_ - segments_.front()->sequence);
    for (auto before = first; before > spare_; --before) segments_.pop_front();
    return *segments_.back();
}

std::uint64_t hls_window::discontinuity_sequence() const {
    if (segments_.empty()) return 0;
    // The tags before the first listed segment: its own number, less its own tag.
    const auto& first = segments_[static_cast<std::size_t>(first_listed_ - segments_.front()->sequence)];
    return first->discontinuity_sequence - (first->discontinuity ? 1 : 0);
}

std::size_t hls_window::listed_from() const {
    double total = 0;
    std::size_t i = segments_.size();
    while (i > 0 && total < window_s_) total += segments_[--i]->duration_s;
    return std::max(i, static_cast<std::size_t>(first_listed_ - segments_.front()->sequence));
}

std::string hls_window::playlist() const {
    std::string out = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + std::to_string(target_s_) +
                      "\n#EXT-X-MEDIA-SEQUENCE:" + std::to_string(first_listed_) +
                      "\n#EXT-X-DISCONTINUITY-SEQUENCE:" + std::to_string(discontinuity_sequence()) + '\n';
    for (const auto& s : segments_) {
        if (s->sequence < first_listed_) continue;
        if (s->discontinuity) out += "#EXT-X-DISCONTINUITY\n";
        char extinf[48];
        std::snprintf(extinf, sizeof extinf, "#EXTINF:%.3f,\n", s->duration_s);
        out += "#EXT-X-PROGRAM-DATE-TIME:" + core::format_rfc3339(s->program_date_ms) + '\n';
        out += extinf;
        out += s->name + '\n';
    }
    return out;
}

std::shared_ptr<const hls_snapshot> hls_window::snapshot() const {
    auto snap = std::make_shared<hls_snapshot>();
    snap->playlist = std::make_shared<const std::string>(playlist());
    snap->segments.assign(segments_.begin(), segments_.end());
    return snap;
}

}  // namespace veche::media
