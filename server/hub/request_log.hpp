#pragma once
// The first answer to each (participant, rid) in a room, so a request sent
// again (after a reconnect, say) is answered the same and applied once.
// Acks and refusals alike; bounded: each participant's last
// `per_participant` rids, none older than `max_age`. Looked up on every
// request with a rid, so an entry is found without building a key string.

#include "core/error_code.hpp"
#include "core/time_format.hpp"
#include "hub/room_settings.hpp"

#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace veche::hub {

class request_log {
public:
    struct answer {
        std::string text;                     // an ack's fields (a JSON object), or a refusal's message
        std::optional<core::error_code> refused;
    };

    explicit request_log(const request_log_bounds& bounds);

    // The answer remembered for the rid, or null (never sent, forgotten, or older than max_age at `now`).
    const answer* find(std::string_view participant, std::string_view rid, core::epoch_ms now) const;
    // Remembers the first answer; a rid already known keeps its answer.
    void add(std::string_view participant, std::string_view rid, answer a, core::epoch_ms at);
    std::size_t size() const { return size_; }

private:
    struct entry {
        std::string rid;
        answer reply;
        core::epoch_ms at;
    };
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
        std::size_t operator()(const entry* e) const noexcept { return (*this)(std::string_view(e->rid)); }
    };
    struct same_rid {
        using is_transparent = void;
        static std::string_view rid(std::string_view s) { return s; }
        static std::string_view rid(const entry* e) { return e->rid; }
        bool operator()(const auto& a, const auto& b) const noexcept { return rid(a) == rid(b); }
    };
    // One participant's rids, oldest first; the deque never moves an entry, so the index may point into it.
    struct participant_log {
        std::deque<entry> order;
        std::unordered_set<const entry*, text_hash, same_rid> index;
    };
    // Forgets the oldest entries past the bounds; true when nothing is left.
    bool trim(participant_log& log, core::epoch_ms now);
    void sweep(core::epoch_ms now);

    request_log_bounds bounds_;
    std::unordered_map<std::string, participant_log, text_hash, std::equal_to<>> participants_;
    std::size_t size_ = 0;
    core::epoch_ms next_sweep_ = 0;
};

}  // namespace veche::hub
