#include "core/poll.hpp"

namespace veche::core {

bool poll_visible_to(const poll& p, const identity& who) { return who.is_moderator() || p.state != poll_state::draft; }

bool poll_results_public(const poll& p) { return p.state == poll_state::closed || p.live_results; }

poll_reader_view reader_view_of(const poll& p) {
    if (p.state == poll_state::draft) return poll_reader_view::none;
    return poll_results_public(p) ? poll_reader_view::with_results : poll_reader_view::without_results;
}

bool poll_results_visible_to(const poll& p, const identity& who) { return who.is_moderator() || poll_results_public(p); }

nlohmann::json poll_json(const poll& p, bool show_results) {
    auto options = nlohmann::json::array();
    for (std::size_t i = 0; i < p.options.size(); ++i)
        options.push_back({{"text", p.options[i]},
                           {"votes", show_results ? nlohmann::json(i < p.counts.size() ? p.counts[i] : 0)
                                                  : nlohmann::json(nullptr)}});
    return {
        {"id", p.id},
        {"session", p.session},
        {"question", p.question},
        {"multi", p.multi},
        {"live_results", p.live_results},
        {"formal", p.formal},
        {"state", to_string(p.state)},
        {"voters", p.voters},
        {"results_visible", show_results},
        {"options", std::move(options)},
    };
}

}  // namespace veche::core
