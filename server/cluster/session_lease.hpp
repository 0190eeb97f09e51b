#pragma once
// Who sequences each session: one key per session in a JetStream key-value
// bucket, its value the owner's node id. A node takes a free session with
// "create" (fails when the key holds a live value) and keeps it by "update
// with the revision it last wrote" every second (fails when anyone else
// wrote since); the bucket's TTL drops a value not renewed for 3 s, so the
// session of a dead node is free again within that. Calls block (up to the
// JetStream wait); the lease keeper runs them on its own thread.

#include "cluster/nats_link.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace veche::cluster {

class session_lease {
public:
    static constexpr std::chrono::seconds ttl{3};

    // bucket: the KV bucket's name (letters, digits, '-', '_'); replicas: copies of it. Throws cluster_error.
    session_lease(nats_link& link, const std::string& bucket, int replicas);

    // The revision written, or nothing when someone holds the key (or NATS did not answer).
    std::optional<std::uint64_t> acquire(const std::string& session, const std::string& node);
    std::optional<std::uint64_t> renew(const std::string& session, const std::string& node, std::uint64_t revision);
    // Gives the session up at once (a clean stop), if the key still holds that revision.
    void release(const std::string& session, std::uint64_t revision);
    // The node that holds it now, or nothing.
    std::optional<std::string> owner(const std::string& session) { return read(session).node; }

    struct state {
        bool known = false;               // false: NATS did not answer (a JetStream leader election, a cut)
        std::optional<std::string> node;  // who holds it; nothing: nobody
        std::uint64_t revision = 0;       // of the value read (0: no value)
    };
    state read(const std::string& session);

private:
    nats_ptr<kvStore> bucket_;
};

}  // namespace veche::cluster
