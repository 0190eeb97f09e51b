#pragma once

#include "core/time_format.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace veche::core {

// One line of the live transcript (a `segment` of docs/protocol.md).
struct transcript_segment {
    std::string id;  // chosen by the captioner
    std::string session;
    std::string text;
    bool final = false;
    epoch_ms start_ms = 0;
    epoch_ms end_ms = 0;
    std::optional<std::string> speaker;
    std::optional<std::string> lang;

    bool operator==(const transcript_segment&) const = default;
};

nlohmann::json segment_json(const transcript_segment& s);
// The reverse, for segments the server wrote itself; throws nlohmann::json::exception when a field is missing
// or of the wrong type.
transcript_segment segment_from_json(const nlohmann::json& j);

}  // namespace veche::core
