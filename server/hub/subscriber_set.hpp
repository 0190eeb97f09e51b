#pragma once
// The connections subscribed to one room, grouped by audience.

#include "core/session_change.hpp"
#include "hub/audience.hpp"
#include "hub/client_link.hpp"
#include "hub/ephemeral_event.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace veche::hub {

struct subscriber {
    std::shared_ptr<client_link> link;
    hub::audience audience;
    // Stored events up to this seq are in the snapshot the subscriber got (or
    // is waiting for): they are never sent to it as events.
    core::seq_t snapshot_seq = 0;
    // Snapshots still waiting for the disk. Until they are out, nothing else
    // is sent: what is not a stored change (viewers, lines being typed,
    // reactions, stream status) waits in `held` and follows "subscribed".
    int snapshots_waiting = 0;
    std::vector<ephemeral_event> held;
};

class subscriber_set {
public:
    // False when the link was already subscribed.
    bool add(std::shared_ptr<client_link> link);
    bool remove(const client_link* link);
    const subscriber* find(const client_link* link) const;
    subscriber* find(const client_link* link);
    // One of the link's snapshots went out: what was held for it once none is left waiting.
    std::vector<ephemeral_event> snapshot_sent(const client_link* link);

    const std::vector<subscriber>& all() const { return subscribers_; }
    std::vector<subscriber>& all() { return subscribers_; }
    std::size_t size() const { return subscribers_.size(); }
    // Distinct people watching (one person with two tabs counts once).
    std::size_t viewer_count() const { return people_.size(); }

private:
    std::vector<subscriber> subscribers_;
    std::unordered_map<std::string, std::size_t> people_;  // identity id → connections
};

}  // namespace veche::hub
