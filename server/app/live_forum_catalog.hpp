#pragma once
// The forum as the API shows it: the configured event, each session's current
// status (from its room) and each hall's stream status (from media).

#include "core/event_definition.hpp"
#include "core/session_status.hpp"
#include "net/forum_catalog.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace veche::app {

class live_forum_catalog : public net::forum_catalog {
public:
    using session_status_fn = std::function<core::session_status(const core::session_definition&)>;
    using stream_status_fn = std::function<std::string(std::string_view hall)>;
    // In a cluster: the node that sequences the session now (nothing: none at the moment).
    using owner_fn = std::function<std::optional<std::string>(const std::string& session)>;

    // Both functions must be safe to call from any thread. public_url: http.public_url, or empty.
    live_forum_catalog(const core::event_definition& event, std::string public_url, session_status_fn sessions,
                       stream_status_fn streams, owner_fn owners = {});

    nlohmann::json event_json() const override;
    std::optional<nlohmann::json> session_json(std::string_view id) const override;

private:
    const core::event_definition& event_;
    std::string public_url_;
    session_status_fn session_status_;
    stream_status_fn stream_status_;
    owner_fn owner_;
};

}  // namespace veche::app
