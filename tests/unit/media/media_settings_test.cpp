#include "config/config_error.hpp"
#include "config/media_parser.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace veche::config;

namespace {

std::string fault_of(const nlohmann::json& media) {
    try {
        parse_media(media);
    } catch (const config_error& e) {
        return e.what();
    }
    return "accepted";
}

}  // namespace

TEST_CASE("the media section has defaults and takes each key") {
    const auto defaults = parse_media(nlohmann::json::object());
    CHECK(defaults.target_duration_s == 2);
    CHECK(defaults.window_s == 12);
    CHECK(defaults.source_timeout_ms == 2000);
    CHECK(defaults.retry_ms == 1000);
    CHECK(defaults.record);
    CHECK(defaults.retention_days == 0);
    CHECK(defaults.vod_cache_mb == 256);
    CHECK(defaults.encoder == "x264enc");

    const auto m = parse_media(nlohmann::json{{"target_duration_s", 4}, {"window_s", 20}, {"source_timeout_ms", 3000},
                                              {"retry_ms", 500}, {"record", false},
                                              {"retention_days", 30}, {"vod_cache_mb", 0}});
    CHECK(m.target_duration_s == 4);
    CHECK(m.window_s == 20);
    CHECK(m.source_timeout_ms == 3000);
    CHECK(m.retry_ms == 500);
    CHECK_FALSE(m.record);
    CHECK(m.retention_days == 30);
    CHECK(m.vod_cache_mb == 0);
}

TEST_CASE("bad media settings name their key") {
    CHECK_THAT(fault_of({{"target_duration_s", 0}}), Catch::StartsWith("media.target_duration_s"));
    CHECK_THAT(fault_of({{"window_s", 5}}), Catch::StartsWith("media.window_s: must be at least 3"));
    CHECK_THAT(fault_of({{"source_timeout_ms", 10}}), Catch::StartsWith("media.source_timeout_ms"));
    CHECK_THAT(fault_of({{"record", "yes"}}), Catch::StartsWith("media.record"));
    CHECK_THAT(fault_of({{"retention_days", -1}}), Catch::StartsWith("media.retention_days"));
    CHECK_THAT(fault_of({{"vod_cache_mb", "lots"}}), Catch::StartsWith("media.vod_cache_mb"));
    CHECK_THAT(fault_of({{"segment_s", 2}}), Catch::Contains("segment_s"));
    CHECK(fault_of({{"encoder", "ffmpeg"}}) ==
          "media.encoder: must be \"x264enc\", \"vaapih264enc\" or \"nvh264enc\", not \"ffmpeg\"");
    CHECK(parse_media({{"encoder", "vaapih264enc"}}).encoder == "vaapih264enc");
}
