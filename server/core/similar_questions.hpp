#pragma once
// Similar questions in a session (docs/protocol.md, "Similar questions"):
// the `similar` request, and the hint each incoming question carries for
// moderators: its most similar question of the queue (approved or
// answered). Hints are stored with the questions, so snapshots, events and
// replays agree; they change only when a question enters or leaves the
// queue, or its text changes.

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace veche::core {

// A `similar` request is answered with at most this many questions.
inline constexpr std::size_t similar_answer_limit = 5;

// The `similar` request: the questions `who` may see that are most like the
// text (never a merged one: its target stands for it). Changes nothing.
command_result find_similar(session_model& m, const identity& who, std::string_view text, epoch_ms now);

// Gives `after` the hint it should carry: a pending question whose text is
// new or changed gets its best match in the queue; any other, none.
void settle_hint(const session_model& m, const question* before, question& after);

// After `after` (`before`: what it was, null when new) was recorded: the
// hints of the other pending questions that this changes, recorded into `out`.
void update_hints_around(session_model& m, const question* before, const question& after, std::vector<change>& out);

}  // namespace veche::core
