#pragma once
// The first answer to each (participant, rid) in a room, so a request sent
// again (after a reconnect, say) is answered the same and applied once.
// Acks and refusals alike; bounded: each participant's last
// `per_participant` rids, none older than `max_age`. Looked up on every
// request with a rid, and it may hold millions: each participant's answers
// are a queue, oldest first, found through a small open-addressing index of
// 32-bit slots, with each answer's text in one allocation of its own.

#include "core/error_code.hpp"
#include "core/time_format.hpp"
#include "hub/room_settings.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace veche::hub {

class request_log {
public:
    struct answer {
        std::string_view text;  // an ack's fields (a JSON object), or a refusal's message
        std::optional<core::error_code> refused;
    };

    explicit request_log(const request_log_bounds& bounds);

    // The answer remembered for the rid (valid until the next add), or nothing:
    // never sent, forgotten, or older than max_age at `now`.
    std::optional<answer> find(std::string_view participant, std::string_view rid, core::epoch_ms now) const;
    // Remembers the first answer; a rid already known keeps its answer.
    void add(std::string_view participant, std::string_view rid, answer a, core::epoch_ms at);
    std::size_t size() const { return size_; }

private:
    struct entry {
        std::unique_ptr<char[]> text;  // the rid, then the answer
        std::uint16_t rid_size = 0;
        std::uint8_t refused = 0;  // 0: an ack; else the error code + 1
        std::uint32_t answer_size = 0;
        core::epoch_ms at = 0;
        std::string_view rid() const { return {text.get(), rid_size}; }
    };
    class participant_log {
    public:
        const entry* find(std::string_view rid) const;
        void push(entry e);
        void pop_front();
        const entry& front() const { return ring_[head_]; }
        std::size_t size() const { return count_; }

    private:
        // The n-th entry from the oldest.
        const entry& nth(std::size_t n) const { return ring_[(head_ + n) & (ring_.size() - 1)]; }
        // Slot i holds 0 (never used) or 1 + the low 32 bits of an entry's number;
        // numbers below first_ are gone (their slots are tombstones a new entry may take).
        const entry* at_slot(std::uint32_t slot) const;
        void rebuild();
        // The entries, oldest first from head_, in a ring whose size is a power of two.
        std::vector<entry> ring_;
        std::size_t head_ = 0;
        std::size_t count_ = 0;
        std::uint64_t first_ = 0;  // the number of the oldest entry
        std::vector<std::uint32_t> slots_;
        std::size_t used_slots_ = 0;
    };
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
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
