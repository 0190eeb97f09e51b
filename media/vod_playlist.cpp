#include "media/vod_playlist.hpp"

#include "core/time_format.hpp"
#include "media/master_playlist.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace veche::media {
namespace {

// Consecutive segments of one take follow each other within this (the rungs' dates are the top's).
constexpr std::int64_t continuity_slack_ms = 500;

}  // namespace

std::string vod_playlist(const std::vector<recorded_segment>& slice, bool ended) {
    std::int64_t longest_ms = 1000;
    for (const auto& s : slice)
        if (!s.gap) longest_ms = std::max(longest_ms, s.duration_ms);
    // RFC 8216 4.3.3.1: no EXTINF may round to more than the target duration.
    const auto target = (longest_ms + 499) / 1000;
    std::string out = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + std::to_string(target) +
                      "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:" + (ended ? "VOD" : "EVENT") + '\n';
    bool after_gap = false;
    const recorded_segment* previous = nullptr;
    for (const auto& s : slice) {
        if (s.gap) {
            after_gap = true;
            continue;
        }
        const bool jump = previous && std::abs(s.program_date_ms - previous->end_ms()) > continuity_slack_ms;
        if (previous && (after_gap || s.discontinuity || jump)) out += "#EXT-X-DISCONTINUITY\n";
        char extinf[48];
        std::snprintf(extinf, sizeof extinf, "#EXTINF:%.3f,\n", static_cast<double>(s.duration_ms) / 1000.0);
        out += "#EXT-X-PROGRAM-DATE-TIME:" + core::format_rfc3339(s.program_date_ms) + '\n';
        out += extinf;
        out += s.name + '\n';
        previous = &s;
        after_gap = false;
    }
    if (ended) out += "#EXT-X-ENDLIST\n";
    return out;
}

std::string vod_master(const std::vector<vod_rung>& rungs) {
    std::vector<variant> variants;
    for (const auto& r : rungs) {
        double bits = 0, seconds = 0, peak = 0;
        const recorded_segment* first = nullptr;
        for (const auto& s : r.slice) {
            if (s.gap || s.duration_ms < 500) continue;
            if (!first) first = &s;
            const double b = static_cast<double>(s.bytes) * 8.0, d = static_cast<double>(s.duration_ms) / 1000.0;
            bits += b;
            seconds += d;
            peak = std::max(peak, b / d);
        }
        if (!first) continue;
        variant v{r.uri, first->info};
        v.peak_bps = static_cast<std::uint64_t>(std::ceil(peak));
        v.average_bps = static_cast<std::uint64_t>(std::ceil(bits / seconds));
        variants.push_back(std::move(v));
    }
    return master_playlist(variants);
}

}  // namespace veche::media
