#include "core/poll_book.hpp"

namespace veche::core {

const poll* poll_book::find(const std::string& id) const {
    const auto it = index_.find(id);
    return it == index_.end() ? nullptr : &polls_[it->second];
}

const ballot* poll_book::ballot_of(const std::string& poll_id, std::uint32_t participant) const {
    const auto p = ballots_.find(poll_id);
    if (p == ballots_.end()) return nullptr;
    const auto b = p->second.find(participant);
    return b == p->second.end() ? nullptr : &b->second;
}

poll poll_book::with_ballot(const poll& p, std::uint32_t participant, const ballot& choices) const {
    auto after = p;
    after.counts.resize(after.options.size(), 0);
    if (const auto* old = ballot_of(p.id, participant)) {
        for (auto i : *old) --after.counts[i];
    } else {
        ++after.voters;
    }
    for (auto i : choices) ++after.counts[i];
    return after;
}

void poll_book::apply_poll(const poll& p) {
    const auto it = index_.find(p.id);
    if (it == index_.end()) {
        index_.emplace(p.id, polls_.size());
        polls_.push_back(p);
        polls_.back().counts.resize(p.options.size(), 0);
    } else {
        polls_[it->second] = p;
    }
}

void poll_book::apply_ballot(const std::string& poll_id, std::uint32_t participant, const ballot& choices,
                             const poll& after) {
    ballots_[poll_id][participant] = choices;
    apply_poll(after);
}

void poll_book::restore_ballot(const std::string& poll_id, std::uint32_t participant, const ballot& choices) {
    const auto* p = find(poll_id);
    if (!p) return;
    for (auto i : choices)
        if (i >= p->options.size()) return;  // a ballot the poll cannot hold: not counted
    apply_ballot(poll_id, participant, choices, with_ballot(*p, participant, choices));
}

}  // namespace veche::core
