#include "core/session_status.hpp"

#include <nlohmann/json.hpp>

namespace veche::core {

session_status session_status::initial(const session_definition& def) {
    return session_status{session_state::scheduled, def.qa_open, def.moderation};
}

std::string_view to_string(session_state s) {
    switch (s) {
        case session_state::live: return "live";
        case session_state::ended: return "ended";
        case session_state::scheduled: break;
    }
    return "scheduled";
}

std::string_view to_string(moderation_mode m) { return m == moderation_mode::post ? "post" : "pre"; }

std::optional<session_state> parse_session_state(std::string_view s) {
    if (s == "scheduled") return session_state::scheduled;
    if (s == "live") return session_state::live;
    if (s == "ended") return session_state::ended;
    return std::nullopt;
}

std::optional<moderation_mode> parse_moderation_mode(std::string_view s) {
    if (s == "pre") return moderation_mode::pre;
    if (s == "post") return moderation_mode::post;
    return std::nullopt;
}

nlohmann::json session_json(const session_definition& def, const session_status& status) {
    auto speakers = nlohmann::json::array();
    for (const auto& sp : def.speakers) speakers.push_back({{"name", sp.name}, {"title", sp.title}});
    return {
        {"id", def.id},
        {"hall", def.hall},
        {"title", def.title},
        {"kind", def.kind},
        {"starts_at", format_rfc3339(def.starts_at)},
        {"ends_at", format_rfc3339(def.ends_at)},
        {"speakers", std::move(speakers)},
        {"state", to_string(status.state)},
        {"qa_open", status.qa_open},
        {"moderation", to_string(status.moderation)},
    };
}

}  // namespace veche::core
