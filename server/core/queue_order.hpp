#pragma once
// The speaker-queue order (docs/protocol.md, "Who sees which question"): the highlighted question
// first, then approved ones by votes (most first) and age (oldest first),
// answered ones last. Other states (seen only by moderators and authors)
// follow, oldest first.

#include "core/question.hpp"

#include <vector>

namespace veche::core {

bool comes_before_in_queue(const question& a, const question& b);

void sort_in_queue_order(std::vector<const question*>& questions);

}  // namespace veche::core
