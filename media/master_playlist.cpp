#include "media/master_playlist.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace veche::media {

void measure_bandwidth(const hls_snapshot& rung, variant& out) {
    auto measure = [&](double min_duration) {
        double bits = 0, seconds = 0, peak = 0;
        for (const auto& s : rung.segments) {
            if (s->duration_s < min_duration || !s->data) continue;
            const double b = static_cast<double>(s->data->size()) * 8.0;
            bits += b;
            seconds += s->duration_s;
            peak = std::max(peak, b / s->duration_s);
        }
        out.peak_bps = static_cast<std::uint64_t>(std::ceil(peak));
        out.average_bps = seconds > 0 ? static_cast<std::uint64_t>(std::ceil(bits / seconds)) : 0;
        return seconds > 0;
    };
    if (!measure(0.5)) measure(0);
}

std::string master_playlist(const std::vector<variant>& variants) {
    if (variants.empty()) return {};
    std::string out = "#EXTM3U\n#EXT-X-VERSION:3\n";
    for (const auto& v : variants) {
        out += "#EXT-X-STREAM-INF:BANDWIDTH=" + std::to_string(std::max<std::uint64_t>(v.peak_bps, 1)) +
               ",AVERAGE-BANDWIDTH=" + std::to_string(std::max<std::uint64_t>(v.average_bps, 1));
        if (v.info.has_video() && v.info.width > 0 && v.info.height > 0)
            out += ",RESOLUTION=" + std::to_string(v.info.width) + 'x' + std::to_string(v.info.height);
        if (!v.info.empty()) out += ",CODECS=\"" + v.info.codecs() + '"';
        if (v.info.has_video() && v.info.frame_rate > 0) {
            char rate[32];
            std::snprintf(rate, sizeof rate, ",FRAME-RATE=%.3f", v.info.frame_rate);
            out += rate;
        }
        out += '\n' + v.uri + '\n';
    }
    return out;
}

}  // namespace veche::media
