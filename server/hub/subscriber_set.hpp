#pragma once
// The connections subscribed to one room, grouped by audience.

#include "hub/audience.hpp"
#include "hub/client_link.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace veche::hub {

struct subscriber {
    std::shared_ptr<client_link> link;
    hub::audience audience;
};

class subscriber_set {
public:
    // False when the link was already subscribed.
    bool add(std::shared_ptr<client_link> link);
    bool remove(const client_link* link);
    const subscriber* find(const client_link* link) const;

    const std::vector<subscriber>& all() const { return subscribers_; }
    std::size_t size() const { return subscribers_.size(); }
    // Distinct people watching (one person with two tabs counts once).
    std::size_t viewer_count() const { return people_.size(); }

private:
    std::vector<subscriber> subscribers_;
    std::unordered_map<std::string, std::size_t> people_;  // identity id → connections
};

}  // namespace veche::hub
