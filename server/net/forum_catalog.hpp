#pragma once
// What the HTTP API needs to know about the forum, declared here so the net
// layer depends on no implementation (server/app's live_forum_catalog puts
// the configured event together with the rooms' and halls' live status).

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace veche::net {

class forum_catalog {
public:
    virtual ~forum_catalog() = default;

    // Both are called from any network thread and must be safe there.
    // {"id","title","halls":[hall],"sessions":[session]}
    virtual nlohmann::json event_json() const = 0;
    // The `session` object, or nothing for an unknown id.
    virtual std::optional<nlohmann::json> session_json(std::string_view id) const = 0;
};

}  // namespace veche::net
