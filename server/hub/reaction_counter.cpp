#include "hub/reaction_counter.hpp"

#include "core/wire_messages.hpp"

namespace veche::hub {

void reaction_counter::restore(const std::map<std::string, std::int64_t>& totals) {
    for (const auto& [kind, total] : totals)
        if (const auto k = core::parse_reaction_kind(kind)) totals_[*k] = total;
}

bool reaction_counter::has_window() const {
    for (auto n : window_)
        if (n) return true;
    return false;
}

frame reaction_counter::close_window(const std::string& session, core::seq_t seq, core::epoch_ms now,
                                     std::map<std::string, std::int64_t>& grown_totals) {
    nlohmann::json counts = nlohmann::json::object(), totals = nlohmann::json::object();
    for (std::size_t k = 0; k < window_.size(); ++k) {
        const std::string kind(core::reaction_kinds[k]);
        counts[kind] = window_[k];
        if (window_[k]) {
            totals_[k] += window_[k];
            grown_totals[kind] = totals_[k];
        }
        totals[kind] = totals_[k];
    }
    window_.fill(0);
    // Not a stored change: it carries the latest seq and is never replayed.
    return make_frame(core::event_message(session, seq, now, "reactions",
                                          {{"counts", std::move(counts)}, {"window_ms", window_ms},
                                           {"totals", std::move(totals)}})
                          .dump());
}

}  // namespace veche::hub
