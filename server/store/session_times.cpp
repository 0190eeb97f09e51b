#include "store/session_times.hpp"

namespace veche::store {

std::optional<session_times> session_times_book::find(std::string_view session) const {
    std::lock_guard lock(mutex_);
    const auto it = times_.find(session);
    if (it == times_.end()) return std::nullopt;
    return it->second;
}

void session_times_book::set(const std::string& session, session_times times) {
    std::lock_guard lock(mutex_);
    times_[session] = times;
}

void session_times_book::note(const std::string& session, const core::session_status& status, std::int64_t at_ms) {
    std::lock_guard lock(mutex_);
    auto& t = times_[session];
    t.corrected = status.replay;
    // The same rule as the UPDATE in batch_writer.cpp.
    const auto state = status.state;
    if (state == core::session_state::live) {
        if (!t.live_at_ms) t.live_at_ms = at_ms;
        t.ended_at_ms.reset();
    } else if (state == core::session_state::ended && t.live_at_ms && !t.ended_at_ms) {
        // Only when it ends: a change while it has ended (Q&A closed afterwards) leaves the end where it was.
        t.ended_at_ms = at_ms;
    }
}

}  // namespace veche::store
