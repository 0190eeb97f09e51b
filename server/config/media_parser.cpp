#include "config/media_parser.hpp"

#include "config/json_object_reader.hpp"

namespace veche::config {

media_settings parse_media(const nlohmann::json& value) {
    json_object_reader r(value, "media");
    media_settings m;
    m.target_duration_s = static_cast<std::uint32_t>(r.optional_integer("target_duration_s", m.target_duration_s, 1, 10));
    m.window_s = static_cast<std::uint32_t>(r.optional_integer("window_s", m.window_s, 3, 600));
    // RFC 8216 6.2.2: a live playlist must not get shorter than three target durations.
    if (m.window_s < 3 * m.target_duration_s)
        r.fail("window_s", "must be at least 3 × target_duration_s (" + std::to_string(3 * m.target_duration_s) + ")");
    m.source_timeout_ms =
        static_cast<std::uint32_t>(r.optional_integer("source_timeout_ms", m.source_timeout_ms, 500, 60000));
    m.retry_ms = static_cast<std::uint32_t>(r.optional_integer("retry_ms", m.retry_ms, 100, 60000));
    m.record = r.optional_bool("record", m.record);
    m.retention_days =
        static_cast<std::uint32_t>(r.optional_integer("retention_days", m.retention_days, 0, 100'000));
    m.vod_cache_mb = static_cast<std::uint32_t>(r.optional_integer("vod_cache_mb", m.vod_cache_mb, 0, 1'048'576));
    m.encoder = r.optional_string("encoder").value_or(m.encoder);
    if (m.encoder != "x264enc" && m.encoder != "vaapih264enc" && m.encoder != "nvh264enc")
        r.fail("encoder", "must be \"x264enc\", \"vaapih264enc\" or \"nvh264enc\", not \"" + m.encoder + "\"");
    r.finish();
    return m;
}

}  // namespace veche::config
