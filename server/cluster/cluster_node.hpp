#pragma once
// This process as one node of a cluster (docs/cluster.md): the connection to
// NATS, the forum's stream and lease bucket, the store the rooms append to,
// the follower that keeps every room's replica (and this node's SQLite copy,
// which the timeline, audit and replay read) up to date, the lease keeper,
// and the two sides of forwarding. The hub sees it as its command_relay.

#include "cluster/cluster_metrics.hpp"
#include "cluster/command_forwarder.hpp"
#include "cluster/command_service.hpp"
#include "cluster/jetstream_event_store.hpp"
#include "cluster/lease_keeper.hpp"
#include "cluster/nats_link.hpp"
#include "cluster/session_lease.hpp"
#include "cluster/stream_follower.hpp"
#include "cluster/stream_log.hpp"
#include "config/settings.hpp"
#include "hub/command_relay.hpp"
#include "hub/hub.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <string>

namespace veche::cluster {

class cluster_node : public hub::command_relay {
public:
    // Connects and makes (or finds) the stream and the bucket. Throws cluster_error.
    cluster_node(const config::cluster_settings& settings, const core::event_definition& event, metrics_registry& metrics);
    ~cluster_node() override;

    // What the rooms append to.
    store::event_store& store() { return store_; }
    const std::string& node() const { return node_; }
    // Reads the whole log into the hub's rooms and into the local store (kept in step from then on), and returns
    // once it has read what the log held when it began. Before the io_context runs.
    void follow(hub::hub& rooms, store::event_store& local);
    // Starts taking sessions (once the io_context runs: a room takes a session over on its strand).
    void start_leases();
    // Appends nothing more, gives the leases back (the other nodes take them at their next tick) and stops
    // reading the log; before the hub and the local store go.
    void stop();
    // The node that sequences the session, as last seen.
    std::optional<std::string> owner_of(const std::string& session) const;

    bool sequences(const std::string& session) const override;
    bool reachable() const override { return link_.connected(); }
    void forward(const std::string& session, const core::identity& who, const std::string& message,
                 std::function<void(std::optional<hub::relayed_answer>)> done) override;

private:
    void apply(const std::string& session, std::uint64_t sequence, std::string_view data);
    bool take(const std::string& session);
    bool still_ours(const std::string& session);
    void lose(const std::string& session);

    std::string node_;
    std::string event_;
    std::vector<std::string> sessions_;
    cluster_metrics metrics_;
    nats_link link_;
    stream_log log_;
    session_lease leases_;
    jetstream_event_store store_;
    command_forwarder forwarder_;
    std::map<std::string, std::atomic<bool>, std::less<>> sequencing_;  // one per session, made at start
    std::atomic<std::uint64_t> lag_{0};
    hub::hub* rooms_ = nullptr;
    store::event_store* local_ = nullptr;
    std::unique_ptr<command_service> service_;
    std::unique_ptr<stream_follower> follower_;
    std::unique_ptr<lease_keeper> keeper_;
};

}  // namespace veche::cluster
