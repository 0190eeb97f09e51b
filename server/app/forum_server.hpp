#pragma once
// All the parts of a running server wired together: metrics, HTTP and the
// routes of every layer. serve_command owns the threads and the signals.

#include "app/live_forum_catalog.hpp"
#include "auth/token_codec.hpp"
#include "cluster/cluster_node.hpp"
#include "hub/hub.hpp"
#include "app/media_hls_source.hpp"
#include "app/media_replay_source.hpp"
#include "app/store_audit_source.hpp"
#include "app/store_timeline_source.hpp"
#include "common/metrics_registry.hpp"
#include "config/settings.hpp"
#include "media/media_service.hpp"
#include "net/audit_routes.hpp"
#include "net/event_routes.hpp"
#include "net/hls_routes.hpp"
#include "net/http_server.hpp"
#include "net/join_routes.hpp"
#include "net/ops_routes.hpp"
#include "net/session_routes.hpp"
#include "net/static_files.hpp"
#include "net/vod_routes.hpp"
#include "net/websocket_context.hpp"
#include "store/sqlite_event_store.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>

namespace veche::app {

class forum_server {
public:
    // Opens the store and rebuilds every session from it; throws store::store_error (and
    // cluster::cluster_error in a cluster: NATS unreachable, the stream not made).
    forum_server(boost::asio::io_context& ioc, const config::settings& settings);
    ~forum_server();

    // Binds and starts serving, then starts the video relays; returns the address it listens on (the real
    // port when 0 was asked).
    net::tcp::endpoint start();
    // Status changes of the halls' streams (for the hub's `stream` event).
    media::media_service& media() { return media_; }
    // Stops the video relays, stops accepting, closes every connection and calls done once they are gone
    // (or after the deadline, whichever comes first).
    void drain(std::chrono::milliseconds deadline, std::function<void()> done);

private:
    // What a moderator's correction of a session's replay range is checked against.
    core::replay_reach replay_reach(const core::session_definition& def) const;
    void poll_drained(std::chrono::steady_clock::time_point deadline, std::function<void()> done);

    boost::asio::io_context& ioc_;
    const config::settings& settings_;
    // Shared with every connection: it outlives the io_context's last handler.
    std::shared_ptr<metrics_registry> metrics_ = std::make_shared<metrics_registry>();
    auth::token_codec tokens_;
    // In a cluster: the rooms append to the stream, and store_ is this node's copy of it.
    std::unique_ptr<cluster::cluster_node> cluster_;
    store::sqlite_event_store store_;
    store::timeline_reader timelines_;
    store_timeline_source timeline_source_;
    store::audit_reader audits_;
    store_audit_source audit_source_;
    hub::hub hub_;
    media::media_service media_;
    media_hls_source hls_source_;
    media_replay_source replay_source_;
    live_forum_catalog catalog_;
    net::http_server http_;
    net::static_files files_;
    net::event_routes event_routes_;
    net::ops_routes ops_routes_;
    net::hls_request_metrics hls_metrics_;
    net::hls_routes hls_routes_;
    net::vod_routes vod_routes_;
    net::join_routes join_routes_;
    net::session_routes session_routes_;
    net::audit_routes audit_routes_;
    std::shared_ptr<net::websocket_context> websockets_;
    boost::asio::steady_timer drain_timer_;
};

}  // namespace veche::app
