#pragma once
// One stored change as JSON and back, whole: every field of the change and
// of the objects it carries (a question's author and anonymity, a poll's
// counts), so what is written can be read back exactly. The store's session
// log keeps changes in this form; the timeline, the audit and a replicated
// stream read them back from it. Pure: no I/O.
//
//   {"seq":7,"type":"question_changed","was_visible_to_readers":false,"question":{…}}
//   {"seq":8,"type":"vote_changed","question":"s1.3","participant":"p-1","on":true,"total":4}
//   {"seq":9,"type":"session_changed","status":{"state":"live","qa_open":true,"moderation":"pre"}}
//   {"seq":10,"type":"segment_finalized","segment":{…}}
//   {"seq":11,"type":"poll_changed","poll":{…}}
//   {"seq":12,"type":"ballot_cast","poll_id":"s1.p1","participant":"p-1","choices":[0],"poll":{…}}
//
// A field this version does not know is ignored, and one it expects but does
// not find takes its default, so rows written by another version still read.

#include "core/session_change.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

nlohmann::json change_json(const change& c);
// Nothing when the JSON is not a change (not an object, an unknown type, a
// required field missing or of the wrong type, an unknown enum name).
std::optional<change> change_from_json(const nlohmann::json& j);

// The same as serialized text, as the store keeps it.
std::string change_text(const change& c);
std::optional<change> change_from_text(std::string_view text);

}  // namespace veche::core
