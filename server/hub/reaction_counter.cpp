#include "hub/reaction_counter.hpp"

#include <nlohmann/json.hpp>

namespace veche::hub {

void reaction_counter::restore(const std::map<std::string, std::int64_t>& totals) {
    for (const auto& [kind, total] : totals)
        if (const auto k = core::parse_enum<core::reaction_kind>(kind)) totals_[static_cast<std::size_t>(*k)] = total;
}

ephemeral_event reaction_counter::close_window(core::epoch_ms now, std::map<std::string, std::int64_t>& grown_totals) {
    nlohmann::json counts = nlohmann::json::object(), totals = nlohmann::json::object();
    for (std::size_t k = 0; k < window_.size(); ++k) {
        const std::string key(core::to_string(static_cast<core::reaction_kind>(k)));
        counts[key] = window_[k];
        if (window_[k]) {
            totals_[k] += window_[k];
            grown_totals[key] = totals_[k];
        }
        totals[key] = totals_[k];
    }
    window_.fill(0);
    return ephemeral_event{
        "reactions",
        nlohmann::json{{"counts", std::move(counts)}, {"window_ms", window_ms}, {"totals", std::move(totals)}}.dump(),
        now};
}

}  // namespace veche::hub
