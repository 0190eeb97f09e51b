#include "core/transcript_segment.hpp"

#include "core/json_optional.hpp"

namespace veche::core {

// A segment's JSON form is its members, by the same names (null for a missing speaker or language).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(transcript_segment, id, session, text, final, start_ms, end_ms, speaker, lang)

nlohmann::json segment_json(const transcript_segment& s) { return s; }

transcript_segment segment_from_json(const nlohmann::json& j) { return j.get<transcript_segment>(); }

}  // namespace veche::core
