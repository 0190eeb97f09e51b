#include "net/connection_registry.hpp"

#include <vector>

namespace veche::net {

std::uint64_t connection_registry::add(std::weak_ptr<closable_connection> c) {
    std::lock_guard lock(mutex_);
    const auto id = next_id_++;
    connections_.emplace(id, std::move(c));
    return id;
}

void connection_registry::remove(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    connections_.erase(id);
}

void connection_registry::close_all() {
    std::vector<std::shared_ptr<closable_connection>> alive;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, weak] : connections_)
            if (auto c = weak.lock()) alive.push_back(std::move(c));
    }
    // Outside the lock: closing may make a connection remove itself.
    for (const auto& c : alive) c->close_for_shutdown();
}

std::size_t connection_registry::size() const {
    std::lock_guard lock(mutex_);
    return connections_.size();
}

}  // namespace veche::net
