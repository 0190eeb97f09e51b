#pragma once
// The questions a session starts with (the config's `seed_questions`), so
// that a demo forum shows similar questions and merging at once.

#include "core/session_model.hpp"

#include <vector>

namespace veche::core {

// Asks the session's seed questions, when it has no questions and no stored
// changes yet (a fresh store): in the config's order, each as its own author
// (ids "seed-1", "seed-2", …), in the queue or incoming as configured. The
// changes are to be stored like any others; nothing when there is nothing to do.
std::vector<change> plant_seed_questions(session_model& m, epoch_ms now);

}  // namespace veche::core
