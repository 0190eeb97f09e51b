#include "cluster/lease_keeper.hpp"

#include "common/log.hpp"

namespace veche::cluster {

lease_keeper::lease_keeper(nats_link& link, session_lease& leases, std::string node, std::vector<std::string> sessions,
                           hooks h, cluster_metrics& metrics)
    : link_(link), leases_(leases), node_(std::move(node)), sessions_(std::move(sessions)), hooks_(std::move(h)),
      metrics_(metrics), thread_([this] { run(); }) {}

lease_keeper::~lease_keeper() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    // A clean stop: the other nodes take these sessions at their next tick, not after the TTL. Without NATS
    // each release would wait out its timeout in vain; the leases lapse by themselves.
    if (!link_.connected()) return;
    for (const auto& [session, revision] : held_) leases_.release(session, revision);
}

void lease_keeper::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        const bool shaky = tick();
        lock.lock();
        // A lease this node holds could not be renewed (NATS away, a JetStream leader election): look again
        // soon, so that when NATS answers again the holder renews (or takes back) its sessions before the
        // other nodes' next tick finds them free.
        wake_.wait_for(lock, shaky ? std::chrono::milliseconds(200) : std::chrono::milliseconds(1000),
                       [this] { return stopping_; });
    }
}

bool lease_keeper::tick() {
    // NATS away: every call would wait out its timeout (and hold up a stop); nobody else can take a lease
    // meanwhile either. Look again soon if this node holds any.
    if (!link_.connected()) return !held_.empty();
    bool shaky = false;
    for (const auto& session : sessions_) {
        if (const auto it = held_.find(session); it != held_.end()) {
            shaky = !keep(session, it->second) || shaky;
            continue;
        }
        if (const auto revision = leases_.acquire(session, node_)) {
            if (!hooks_.taken(session)) {
                leases_.release(session, *revision);
                continue;
            }
            held_[session] = *revision;
            metrics_.leases_acquired.inc();
            metrics_.sessions_owned.add(1);
            set_owner(session, node_);
            continue;
        }
        if (const auto now = leases_.read(session); now.known) set_owner(session, now.node);
    }
    return shaky;
}

bool lease_keeper::keep(const std::string& session, std::uint64_t revision) {
    if (const auto next = leases_.renew(session, node_, revision)) {
        held_[session] = *next;
        return true;
    }
    // NATS away: nobody else can take it either; try again soon.
    if (!link_.connected()) return false;
    const auto now = leases_.read(session);
    // No answer (a JetStream leader election after a NATS server died): nobody can take it meanwhile.
    if (!now.known) return false;
    // Still ours: the last renewal was stored but its answer was lost. Go on from the stored revision.
    if (now.node == node_) {
        held_[session] = now.revision;
        return false;
    }
    // The lease lapsed (NATS was away longer than its TTL) and nobody took it: take it back, if nothing was
    // appended meanwhile.
    if (const auto again = now.node ? std::nullopt : leases_.acquire(session, node_)) {
        if (hooks_.still_ours(session)) {
            held_[session] = *again;
            log::info("cluster: session ", session, ": lease taken back after it lapsed");
            return true;
        }
        leases_.release(session, *again);
    }
    held_.erase(session);
    metrics_.leases_lost.inc();
    metrics_.sessions_owned.sub(1);
    set_owner(session, std::nullopt);
    hooks_.lost(session);
    return true;
}

void lease_keeper::set_owner(const std::string& session, std::optional<std::string> node) {
    std::lock_guard lock(mutex_);
    if (node) owners_[session] = *node;
    else owners_.erase(session);
}

std::optional<std::string> lease_keeper::owner_of(const std::string& session) const {
    std::lock_guard lock(mutex_);
    const auto it = owners_.find(session);
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

}  // namespace veche::cluster
