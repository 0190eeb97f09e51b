#pragma once
// When a session went live and when it ended (contract 7.5: a replay runs
// between them): the time of the batch that carried the session_control
// change, as its event's at_ms, noted by the store once it is committed.
// Kept in the sessions table and, for readers on any thread, here.

#include "core/session_status.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace veche::store {

struct session_times {
    std::optional<std::int64_t> live_at_ms;   // the first time it went live
    std::optional<std::int64_t> ended_at_ms;  // the last time it ended; cleared when it goes live again
    std::optional<core::replay_range> corrected;  // a moderator's correction, which wins over both
};

// Thread-safe: the store's writer updates it after each commit, network threads read it.
class session_times_book {
public:
    std::optional<session_times> find(std::string_view session) const;
    void set(const std::string& session, session_times times);
    // The status a session_control change set, in a batch of `at_ms`.
    void note(const std::string& session, const core::session_status& status, std::int64_t at_ms);

private:
    mutable std::mutex mutex_;
    std::map<std::string, session_times, std::less<>> times_;
};

}  // namespace veche::store
