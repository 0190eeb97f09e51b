#pragma once
// The moderators' export of a session's questions (core/csv_cell.hpp).

#include "core/question.hpp"

#include <string>
#include <vector>

namespace veche::core {

std::string questions_csv(const std::vector<question>& questions);

}  // namespace veche::core
