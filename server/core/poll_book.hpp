#pragma once
// A session's polls and everyone's ballot in each.

#include "core/poll.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace veche::core {

using ballot = std::vector<std::uint32_t>;  // chosen option indexes, ascending

class poll_book {
public:
    const std::vector<poll>& all() const { return polls_; }
    const poll* find(const std::string& id) const;
    const ballot* ballot_of(const std::string& poll_id, std::uint32_t participant) const;

    // The poll after `participant` casts `choices` (replacing an earlier ballot): new counts and voters.
    poll with_ballot(const poll& p, std::uint32_t participant, const ballot& choices) const;

    void apply_poll(const poll& p);
    void apply_ballot(const std::string& poll_id, std::uint32_t participant, const ballot& choices, const poll& after);
    // Rebuilding from the store: the ballot is added and the counts follow.
    void restore_ballot(const std::string& poll_id, std::uint32_t participant, const ballot& choices);

private:
    std::vector<poll> polls_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, std::unordered_map<std::uint32_t, ballot>> ballots_;
};

}  // namespace veche::core
