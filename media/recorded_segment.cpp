#include "media/recorded_segment.hpp"

#include <charconv>
#include <cstdio>
#include <vector>

namespace veche::media {
namespace {

bool is_digits(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

template <typename T>
std::optional<T> number(std::string_view s) {
    T value{};
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return value;
}

// Codec names are written by us ("avc1.64001f", "mp4a.40.2") or empty: nothing else is taken back.
bool is_codec(std::string_view s) {
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')) return false;
    return s.size() <= 32;
}

std::vector<std::string_view> fields_of(std::string_view line) {
    std::vector<std::string_view> fields;
    for (std::size_t at = 0;;) {
        const auto tab = line.find('\t', at);
        fields.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
        if (tab == std::string_view::npos) return fields;
        at = tab + 1;
    }
}

}  // namespace

bool is_recorded_segment_name(std::string_view name) {
    if (!name.ends_with(".ts")) return false;
    name.remove_suffix(3);
    const auto dash = name.find('-');
    return dash != std::string_view::npos && is_digits(name.substr(0, dash)) && is_digits(name.substr(dash + 1));
}

std::string index_line(const recorded_segment& s) {
    if (s.gap) return "gap\t" + std::to_string(s.program_date_ms) + '\t' + std::to_string(s.duration_ms) + '\n';
    char fps[32];
    std::snprintf(fps, sizeof fps, "%.3f", s.info.frame_rate);
    return "seg\t" + s.name + '\t' + std::to_string(s.program_date_ms) + '\t' + std::to_string(s.duration_ms) + '\t' +
           std::to_string(s.bytes) + '\t' + (s.discontinuity ? "1" : "0") + '\t' + std::to_string(s.info.width) +
           '\t' + std::to_string(s.info.height) + '\t' + fps + '\t' + s.info.video_codec + '\t' + s.info.audio_codec +
           '\n';
}

std::optional<recorded_segment> parse_index_line(std::string_view line) {
    if (!line.ends_with('\n')) return std::nullopt;
    line.remove_suffix(1);
    const auto f = fields_of(line);
    recorded_segment s;
    if (f.size() == 3 && f[0] == "gap") {
        const auto at = number<std::int64_t>(f[1]);
        const auto duration = number<std::int64_t>(f[2]);
        if (!at || !duration || *duration < 0) return std::nullopt;
        s.gap = true;
        s.program_date_ms = *at;
        s.duration_ms = *duration;
        return s;
    }
    if (f.size() != 11 || f[0] != "seg" || !is_recorded_segment_name(f[1])) return std::nullopt;
    const auto at = number<std::int64_t>(f[2]);
    const auto duration = number<std::int64_t>(f[3]);
    const auto bytes = number<std::uint64_t>(f[4]);
    const auto width = number<int>(f[6]);
    const auto height = number<int>(f[7]);
    if (!at || !duration || *duration < 0 || !bytes || (f[5] != "0" && f[5] != "1") || !width || !height ||
        !is_codec(f[9]) || !is_codec(f[10]))
        return std::nullopt;
    s.name = std::string(f[1]);
    s.program_date_ms = *at;
    s.duration_ms = *duration;
    s.bytes = *bytes;
    s.discontinuity = f[5] == "1";
    s.info.width = *width;
    s.info.height = *height;
    s.info.frame_rate = std::strtod(std::string(f[8]).c_str(), nullptr);
    s.info.video_codec = std::string(f[9]);
    s.info.audio_codec = std::string(f[10]);
    return s;
}

}  // namespace veche::media
