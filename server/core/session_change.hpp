#pragma once
// What one accepted command changed in a session. Each change gets the next
// number of the session's sequence; the store writes changes, the hub turns
// them into events.

#include "core/poll.hpp"
#include "core/question.hpp"
#include "core/session_status.hpp"
#include "core/transcript_segment.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace veche::core {

using seq_t = std::uint64_t;

struct question_changed {
    question after;
    // Whether speakers and participants (other than the author) could see it
    // before: they get a stub when it stops being visible to them.
    bool was_visible_to_readers = false;

    bool operator==(const question_changed&) const = default;
};

struct vote_changed {
    std::string question_id;
    std::string participant;
    bool on = false;
    std::int64_t total = 0;  // the question's votes after the change

    bool operator==(const vote_changed&) const = default;
};

struct session_changed {
    session_status status;

    bool operator==(const session_changed&) const = default;
};

struct segment_finalized {
    transcript_segment segment;

    bool operator==(const segment_finalized&) const = default;
};

struct poll_changed {
    poll after;  // created, opened or closed

    bool operator==(const poll_changed&) const = default;
};

struct ballot_cast {
    std::string poll_id;
    std::string participant;
    std::vector<std::uint32_t> choices;
    poll after;  // with the new counts

    bool operator==(const ballot_cast&) const = default;
};

using change_payload =
    std::variant<question_changed, vote_changed, session_changed, segment_finalized, poll_changed, ballot_cast>;

struct change {
    seq_t seq = 0;
    change_payload payload;
};

}  // namespace veche::core
