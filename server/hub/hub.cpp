#include "hub/hub.hpp"

#include "common/log.hpp"

namespace veche::hub {

hub::hub(boost::asio::io_context& ioc, const core::event_definition& event, const room_settings& settings,
         store::event_store& store, metrics_registry& metrics, store_failure_handler on_store_failure)
    : metrics_(metrics) {
    for (const auto& s : event.sessions)
        rooms_.emplace(s.id, std::make_shared<room>(ioc, s, settings, store, metrics_, on_store_failure, backlog_));
    metrics_.rooms.set(static_cast<std::int64_t>(rooms_.size()));
}

void hub::restore(const std::map<std::string, store::stored_session>& stored) {
    for (const auto& [id, session] : stored) {
        const auto it = rooms_.find(id);
        if (it == rooms_.end()) {
            log::warn("store holds session ", id, ", which the config no longer has: its data is kept, not served");
            continue;
        }
        it->second->restore(session);
        log::info("restored session ", id, ": ", session.questions.size(), " questions, ", session.votes.size(),
                  " votes, ", it->second->remembered_requests(), " request ids remembered, seq ", session.seq);
    }
    for (const auto& [id, r] : rooms_)
        if (const auto asked = r->plant_seeds()) log::info("session ", id, ": asked its ", asked, " seed questions");
}

std::shared_ptr<room> hub::find(std::string_view session) const {
    const auto it = rooms_.find(session);
    return it == rooms_.end() ? nullptr : it->second;
}

void hub::stream_changed(const std::string& hall, const std::string& status) {
    for (const auto& [id, r] : rooms_)
        if (r->hall() == hall) r->stream_changed(status);
}

core::session_status hub::status_of(const core::session_definition& def) const {
    const auto r = find(def.id);
    return r ? r->status() : core::session_status::initial(def);
}

}  // namespace veche::hub
