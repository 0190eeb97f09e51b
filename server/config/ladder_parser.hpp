#pragma once

#include "core/event_definition.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace veche::config {

// The name of the audio-only rung in URLs (/hls/{hall}/audio/index.m3u8): no rung of a ladder may take it.
inline constexpr std::string_view audio_rung_name = "audio";

// A hall's "ladder" array (docs/protocol.md, "Video"), checked: names are ids, unique and not "audio"; heights are
// even, 144 to 2160 and unique; video_kbps 64 to 20,000; at most 5 rungs. Returned tallest first.
std::vector<core::rung_definition> parse_ladder(const nlohmann::json& value, const std::string& path);

}  // namespace veche::config
