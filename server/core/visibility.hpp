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

// How much of a question's author a view shows (contract 7.1).
enum class author_view {
    reader,     // participants: {id,name} of a named question, null for an anonymous one
    staff,      // speakers: as reader, plus org, region and verified
    owner,      // the author: {id,name}, also when anonymous
    moderator,  // moderators and admins: {id,name,org,region,verified}, also when anonymous
};

// The `question` object of docs/protocol.md as `view` shows it (the
// moderator view also carries an incoming question's similar_to).
nlohmann::json question_json(const question& q, author_view view);

// The view `who` gets of q. The author gets the owner view of their question
// while others do not see it whole (pending, rejected, archived, merged, or
// anonymous), else the view of their role, so that events and snapshots agree.
author_view view_for(const question& q, const identity& who);
inline nlohmann::json question_json_for(const question& q, const identity& who) {
    return question_json(q, view_for(q, who));
}

// What a client gets when a question stops being visible to it (a merged
// one says where it went: a voter's vote went there too).
nlohmann::json question_stub_json(const question& q);

// What speakers and participants (other than its author) get for a change of a question: the whole question
// (question_json without an anonymous author), the stub (it stopped being visible to them), or nothing (they
// never saw it: pending and rejected questions stay out of their sight). The one rule for the live events
// and the replay's timeline.
enum class question_reader_view { none, stub, whole };
question_reader_view reader_view_of(const question_changed& qc);

}  // namespace veche::core
