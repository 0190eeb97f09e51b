#pragma once

#include "core/enum_text.hpp"
#include "core/identity.hpp"
#include "core/time_format.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

enum class poll_state { draft, open, closed };

struct poll {
    std::string id;
    std::string session;
    std::string question;
    std::vector<std::string> options;
    bool multi = false;
    bool live_results = false;
    // A formal vote (docs/protocol.md, "Formal votes"): verified delegates only, one ballot each, never
    // changed, every ballot in the audit trail.
    bool formal = false;
    poll_state state = poll_state::draft;
    epoch_ms created_at = 0;
    std::vector<std::int64_t> counts;  // one per option
    std::int64_t voters = 0;

    bool operator==(const poll&) const = default;
};

template <>
inline constexpr std::string_view enum_names<poll_state> = "draft open closed";

// Drafts are for moderators only.
bool poll_visible_to(const poll& p, const identity& who);
// Moderators always see the results; everyone else once the poll is closed,
// or all along when it was created with live results.
bool poll_results_visible_to(const poll& p, const identity& who);
bool poll_results_public(const poll& p);

// What everyone but moderators gets for a change of a poll: nothing for a draft, else the poll, with its
// results once they are public. The one rule for the live events and the replay's timeline.
enum class poll_reader_view { none, without_results, with_results };
poll_reader_view reader_view_of(const poll& p);

// The `poll` object of docs/protocol.md; hidden results have "votes": null per option
// and "results_visible": false.
nlohmann::json poll_json(const poll& p, bool show_results);

}  // namespace veche::core
