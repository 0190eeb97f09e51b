#pragma once
// Keeps this node's session leases: every second it renews the ones it holds
// and tries to take the free ones (a session nobody holds: at start, or when
// its owner stopped renewing for 3 s). It learns who holds the others, for
// GET /api/v1/sessions/{id}. Its own thread; a clean stop releases what it holds.

#include "cluster/cluster_metrics.hpp"
#include "cluster/nats_link.hpp"
#include "cluster/session_lease.hpp"

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace veche::cluster {

class lease_keeper {
public:
    struct hooks {
        // Just took the session: true once this node sequences it, false to give it back.
        std::function<bool(const std::string& session)> taken;
        // Took it back after the lease had lapsed (NATS was away): true when nobody appended meanwhile.
        std::function<bool(const std::string& session)> still_ours;
        // Another node holds it now.
        std::function<void(const std::string& session)> lost;
    };

    lease_keeper(nats_link& link, session_lease& leases, std::string node, std::vector<std::string> sessions, hooks h,
                 cluster_metrics& metrics);
    ~lease_keeper();
    lease_keeper(const lease_keeper&) = delete;
    lease_keeper& operator=(const lease_keeper&) = delete;

    // The node that sequences the session, as last seen (nothing: none, or not known yet).
    std::optional<std::string> owner_of(const std::string& session) const;

private:
    void run();
    // True when every lease held was renewed (or is settled: taken back, or lost).
    bool tick();
    bool keep(const std::string& session, std::uint64_t revision);
    void set_owner(const std::string& session, std::optional<std::string> node);

    nats_link& link_;
    session_lease& leases_;
    std::string node_;
    std::vector<std::string> sessions_;
    hooks hooks_;
    cluster_metrics& metrics_;
    std::map<std::string, std::uint64_t> held_;  // session → revision; the keeper's thread only
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, std::string> owners_;
    std::thread thread_;  // last: started once everything above is ready
};

}  // namespace veche::cluster
