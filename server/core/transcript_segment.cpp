#include "core/transcript_segment.hpp"

namespace veche::core {

nlohmann::json segment_json(const transcript_segment& s) {
    return {
        {"id", s.id},
        {"session", s.session},
        {"text", s.text},
        {"final", s.final},
        {"start_ms", s.start_ms},
        {"end_ms", s.end_ms},
        {"speaker", s.speaker ? nlohmann::json(*s.speaker) : nlohmann::json(nullptr)},
        {"lang", s.lang ? nlohmann::json(*s.lang) : nlohmann::json(nullptr)},
    };
}

}  // namespace veche::core
