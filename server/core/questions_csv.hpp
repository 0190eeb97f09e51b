#pragma once
// The moderators' export of a session's questions: RFC 4180 CSV in UTF-8 with
// a byte order mark (so Excel reads Cyrillic right) and CRLF line ends.

#include "core/question.hpp"

#include <string>
#include <vector>

namespace veche::core {

// Cells that a spreadsheet would run as a formula (starting with = + - @)
// get a leading apostrophe, the usual defence against CSV injection.
std::string questions_csv(const std::vector<question>& questions);

}  // namespace veche::core
