#pragma once
// Every open connection, so a drain can close them all. Connections register
// themselves when they start and leave when they are destroyed.

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace veche::net {

class closable_connection {
public:
    virtual ~closable_connection() = default;
    // Close politely (WebSocket: 1001 going away); may be called from any thread.
    virtual void close_for_shutdown() = 0;
};

class connection_registry {
public:
    std::uint64_t add(std::weak_ptr<closable_connection> c);
    void remove(std::uint64_t id);
    void close_all();
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 1;
    std::unordered_map<std::uint64_t, std::weak_ptr<closable_connection>> connections_;
};

}  // namespace veche::net
