#pragma once
// All the rooms of the forum, one per session, created at start-up.

#include "common/metrics_registry.hpp"
#include "core/event_definition.hpp"
#include "hub/hub_metrics.hpp"
#include "hub/room.hpp"
#include "store/event_store.hpp"
#include "store/stored_session.hpp"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace veche::hub {

class hub {
public:
    // on_store_failure: what to do when the store cannot keep a room's batch (the owner stops the server).
    hub(boost::asio::io_context& ioc, const core::event_definition& event, const room_settings& settings,
        store::event_store& store, metrics_registry& metrics, store_failure_handler on_store_failure);

    // Before serving: every room takes back what the store kept for it; a
    // session the store knows nothing of asks its seed questions.
    void restore(const std::map<std::string, store::stored_session>& stored);

    // The session's room, or null. The set of rooms never changes, so this is safe from any thread.
    std::shared_ptr<room> find(std::string_view session) const;
    core::session_status status_of(const core::session_definition& def) const;
    // Frames queued on connections and not yet written: connections count
    // them, rooms read them to batch more while the sockets are behind.
    const std::shared_ptr<std::atomic<std::int64_t>>& delivery_backlog() const { return backlog_; }
    // A hall's video changed status: every room of that hall sends the `stream` event.
    void stream_changed(const std::string& hall, const std::string& status);

private:
    hub_metrics metrics_;
    std::shared_ptr<std::atomic<std::int64_t>> backlog_ = std::make_shared<std::atomic<std::int64_t>>(0);
    std::map<std::string, std::shared_ptr<room>, std::less<>> rooms_;
};

}  // namespace veche::hub
