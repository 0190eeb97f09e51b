#pragma once
// Reactions are a running count, not a log: a room adds them up for a short
// window and sends one `reactions` event per window to everyone, instead of
// one message per tap.

#include "core/reaction_kind.hpp"
#include "core/session_change.hpp"
#include "hub/client_link.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace veche::hub {

class reaction_counter {
public:
    static constexpr std::int64_t window_ms = 500;

    void restore(const std::map<std::string, std::int64_t>& totals);
    void add(std::size_t kind) { ++window_[kind]; }
    bool has_window() const;

    // The window's event (counts in the window, plus the totals so far), then
    // a fresh window. The totals that grew are handed back for storing.
    frame close_window(const std::string& session, core::seq_t seq, core::epoch_ms now,
                       std::map<std::string, std::int64_t>& grown_totals);

private:
    std::array<std::int64_t, core::reaction_kinds.size()> window_{};
    std::array<std::int64_t, core::reaction_kinds.size()> totals_{};
};

}  // namespace veche::hub
