#pragma once
// The regional picture of a session (contract 7.1, GET /api/v1/sessions/{id}/stats).

#include "core/attendance.hpp"
#include "core/question.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace veche::core {

// {"participants","askers","questions","regions":[{"region","participants","askers","questions"}]}:
// participants from `people`; askers (distinct authors) and questions from
// every question of the session in every state, counted under the region
// their author had when asking. Regions by participants, then questions,
// then askers (most first), then by name, people without a region (null) last among equals.
nlohmann::json stats_json(const attendance& people, const std::vector<question>& questions);

}  // namespace veche::core
