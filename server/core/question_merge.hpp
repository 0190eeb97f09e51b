#pragma once
// Folding a question into another that asks the same (docs/protocol.md,
// "moderate", merge): the merged question leaves the queue for good, and
// its support goes to the target.

#include "core/command_result.hpp"
#include "core/identity.hpp"
#include "core/session_model.hpp"

#include <optional>
#include <string_view>

namespace veche::core {

// Merges `source` (not merged itself; the caller checked who may) into the
// question `into` names, which must be another question of the session's
// queue (approved or answered).
//
// The target's votes become the distinct people who supported either: its
// voters, the source's voters and the source's author (who asked the same
// thing; unless they also wrote the target). The target's `merged` gains the
// source and whatever had been merged into the source, which now point at
// the target.
command_result merge_question(session_model& m, const identity& who, const question& source,
                              const std::optional<std::string>& into);

}  // namespace veche::core
