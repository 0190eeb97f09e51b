#include "core/session_status.hpp"

#include <nlohmann/json.hpp>

namespace veche::core {

session_status session_status::initial(const session_definition& def) {
    return session_status{session_state::scheduled, def.qa_open, def.moderation, std::nullopt};
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
        {"replay_range", status.replay ? nlohmann::json{{"from_ms", status.replay->from_ms}, {"to_ms", status.replay->to_ms}}
                                       : nlohmann::json(nullptr)},
    };
}

}  // namespace veche::core
