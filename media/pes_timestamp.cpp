#include "media/pes_timestamp.hpp"

namespace veche::media {

std::optional<std::int64_t> first_pes_pts_ns(std::string_view ts, bool video) {
    constexpr std::size_t packet_size = 188;
    for (std::size_t at = 0; at + packet_size <= ts.size(); at += packet_size) {
        const auto* p = reinterpret_cast<const unsigned char*>(ts.data() + at);
        if (p[0] != 0x47 || !(p[1] & 0x40) || !(p[3] & 0x10)) continue;
        const std::size_t payload = (p[3] & 0x20) ? 5u + p[4] : 4u;
        if (payload + 14 > packet_size) continue;
        const auto* pes = p + payload;
        if (pes[0] != 0 || pes[1] != 0 || pes[2] != 1 || !(pes[7] & 0x80)) continue;
        if (video && (pes[3] & 0xF0) != 0xE0) continue;
        const std::int64_t ticks = (std::int64_t(pes[9] & 0x0E) << 29) | (std::int64_t(pes[10]) << 22) |
                                   (std::int64_t(pes[11] & 0xFE) << 14) | (std::int64_t(pes[12]) << 7) | (pes[13] >> 1);
        return ticks * 100'000 / 9;  // 90 kHz → ns
    }
    return std::nullopt;
}

std::optional<std::int64_t> content_time_ns(std::string_view bytes, bool keyframe, std::optional<std::int64_t> fallback) {
    if (bytes.empty() || bytes.size() % 188 != 0 || bytes[0] != 0x47) return fallback;
    if (keyframe)
        if (auto picture = first_pes_pts_ns(bytes, true)) return picture;
    return first_pes_pts_ns(bytes, false);
}

}  // namespace veche::media
