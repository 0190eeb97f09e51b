#pragma once
// Contract section 4: who sees which question, and the JSON each one gets.

#include "core/identity.hpp"
#include "core/question.hpp"
#include "core/session_change.hpp"

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

// What speakers and participants (other than its author) get for a change of a question: the whole question
// (question_json without an anonymous author), the stub (it stopped being visible to them), or nothing (they
// never saw it: pending and rejected questions stay out of their sight). The one rule for the live events
// and the replay's timeline.
enum class question_reader_view { none, stub, whole };
question_reader_view reader_view_of(const question_changed& qc);

}  // namespace veche::core
