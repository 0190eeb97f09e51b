#pragma once
// Reactions are a running count, not a log: a room adds them up for a short
// window and sends one `reactions` event per window to everyone, instead of
// one message per tap.

#include "core/reaction_kind.hpp"
#include "core/time_format.hpp"
#include "hub/ephemeral_event.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace veche::hub {

class reaction_counter {
public:
    static constexpr std::int64_t window_ms = 500;

    void restore(const std::map<std::string, std::int64_t>& totals);
    void add(core::reaction_kind kind) { ++window_[static_cast<std::size_t>(kind)]; }

    // The window's event (counts in the window, plus the totals so far), then
    // a fresh window. The totals that grew are handed back for storing.
    ephemeral_event close_window(core::epoch_ms now, std::map<std::string, std::int64_t>& grown_totals);

private:
    std::array<std::int64_t, core::reaction_kind_count> window_{};
    std::array<std::int64_t, core::reaction_kind_count> totals_{};
};

}  // namespace veche::hub
