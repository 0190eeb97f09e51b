#include "core/queue_order.hpp"

#include <algorithm>
#include <tuple>

namespace veche::core {
namespace {

int rank(const question& q) {
    if (q.highlighted) return 0;
    switch (q.state) {
        case question_state::approved: return 1;
        case question_state::answered: return 2;
        case question_state::pending: return 3;
        case question_state::rejected: return 4;
        case question_state::archived: return 5;
        case question_state::merged: return 6;
    }
    return 7;
}

}  // namespace

bool comes_before_in_queue(const question& a, const question& b) {
    const int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (ra == 1 && a.votes != b.votes) return a.votes > b.votes;
    return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id);
}

void sort_in_queue_order(std::vector<const question*>& questions) {
    std::stable_sort(questions.begin(), questions.end(),
                     [](const question* a, const question* b) { return comes_before_in_queue(*a, *b); });
}

}  // namespace veche::core
