#pragma once

#include "core/question.hpp"
#include "core/session_change.hpp"
#include "core/session_status.hpp"
#include "store/event_store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace veche::store {

// One session as it was read back at start-up.
struct stored_session {
    std::optional<core::session_status> status;  // nothing until a batch was written
    core::seq_t seq = 0;
    std::vector<core::question> questions;
    std::vector<std::pair<std::string, std::string>> votes;  // (question, participant)
    // The requests of each stored batch, oldest first, as written (read them with store::for_each_request).
    struct request_batch {
        core::epoch_ms at = 0;
        std::string encoded;
    };
    std::vector<request_batch> request_batches;
    std::vector<core::transcript_segment> transcript;  // finals, in the order they came
    std::vector<core::poll> polls;
    struct stored_ballot {
        std::string poll;
        std::string participant;
        std::vector<std::uint32_t> choices;
    };
    std::vector<stored_ballot> ballots;
    std::map<std::string, std::int64_t> reaction_totals;
    std::vector<std::pair<std::string, std::string>> attendees;  // (participant, region)
};

}  // namespace veche::store
