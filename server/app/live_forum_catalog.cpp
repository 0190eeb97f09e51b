#include "app/live_forum_catalog.hpp"

namespace veche::app {

live_forum_catalog::live_forum_catalog(const core::event_definition& event, std::string public_url,
                                       session_status_fn sessions, stream_status_fn streams, owner_fn owners)
    : event_(event),
      public_url_(std::move(public_url)),
      session_status_(std::move(sessions)),
      stream_status_(std::move(streams)),
      owner_(std::move(owners)) {}

nlohmann::json live_forum_catalog::event_json() const {
    auto halls = nlohmann::json::array();
    for (const auto& h : event_.halls)
        halls.push_back({{"id", h.id},
                         {"name", h.name},
                         {"stream", {{"hls", "/hls/" + h.id + "/master.m3u8"}, {"status", stream_status_(h.id)}}}});
    auto sessions = nlohmann::json::array();
    for (const auto& s : event_.sessions) sessions.push_back(core::session_json(s, session_status_(s)));
    nlohmann::json event{
        {"id", event_.id}, {"title", event_.title}, {"halls", std::move(halls)}, {"sessions", std::move(sessions)}};
    // Where participants reach the forum (QR codes, links); absent: wherever the browser is.
    if (!public_url_.empty()) event["public_url"] = public_url_;
    return event;
}

std::optional<nlohmann::json> live_forum_catalog::session_json(std::string_view id) const {
    const auto* def = event_.find_session(id);
    if (!def) return std::nullopt;
    auto session = core::session_json(*def, session_status_(*def));
    if (owner_) {
        const auto owner = owner_(def->id);
        session["owner"] = owner ? nlohmann::json(*owner) : nlohmann::json();
    }
    return session;
}

}  // namespace veche::app
