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
    // A clean stop: the other nodes take these sessions at their next tick, not after the TTL.
    for (const auto& [session, revision] : held_) leases_.release(session, revision);
}

void lease_keeper::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        tick();
        lock.lock();
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
    }
}

void lease_keeper::tick() {
    for (const auto& session : sessions_) {
        if (const auto it = held_.find(session); it != held_.end()) {
            keep(session, it->second);
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
        if (link_.connected()) set_owner(session, leases_.owner(session));
    }
}

void lease_keeper::keep(const std::string& session, std::uint64_t revision) {
    if (const auto next = leases_.renew(session, node_, revision)) {
        held_[session] = *next;
        return;
    }
    // NATS away: nobody else can take it either; try again at the next tick.
    if (!link_.connected()) return;
    // The lease lapsed (NATS was away longer than its TTL) and nobody took it: take it back, if nothing was
    // appended meanwhile.
    if (const auto again = leases_.acquire(session, node_)) {
        if (hooks_.still_ours(session)) {
            held_[session] = *again;
            log::info("cluster: session ", session, ": lease taken back after it lapsed");
            return;
        }
        leases_.release(session, *again);
    }
    held_.erase(session);
    metrics_.leases_lost.inc();
    metrics_.sessions_owned.sub(1);
    set_owner(session, std::nullopt);
    hooks_.lost(session);
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
