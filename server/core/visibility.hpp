#pragma once
// Contract section 4: who sees which question, and the JSON each one gets.

#include "core/identity.hpp"
#include "core/question.hpp"

#include <nlohmann/json.hpp>

namespace veche::core {

// Speakers and participants see approved and answered questions.
bool visible_to_readers(question_state s);

// Everything for moderators; their own questions in every state for anyone.
bool visible_to(const question& q, const identity& who);

// The `question` object of docs/protocol.md; the author is shown for named questions,
// and for anonymous ones only when show_anonymous_author (moderators, the author).
nlohmann::json question_json(const question& q, bool show_anonymous_author);

// How `who` sees q: the full object with the author where allowed.
nlohmann::json question_json_for(const question& q, const identity& who);

// What a client gets when a question stops being visible to it.
nlohmann::json question_stub_json(const question& q);

}  // namespace veche::core
