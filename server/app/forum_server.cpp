#include "app/forum_server.hpp"

#include "app/web_root.hpp"
#include "common/log.hpp"
#include "net/websocket_session.hpp"

#include <cstdlib>

namespace veche::app {
namespace {

using beast_stream = boost::beast::tcp_stream;

hub::room_settings room_settings_of(const config::settings& s,
                                    std::function<core::replay_reach(const core::session_definition&)> replay_reach,
                                    hub::command_relay* relay) {
    hub::room_settings r;
    r.relay = relay;
    r.replay_reach = std::move(replay_reach);
    r.limits = static_cast<const core::session_limits&>(s.limits);
    r.replay_events = s.limits.replay_events;
    r.remembered = {s.limits.request_log_size, s.limits.request_log_ttl};
    return r;
}

// The store could not keep a batch the room already applied: acknowledging
// anything more could lose it. Stop at once; clients retry with the same rid
// after the restart, and the store still holds everything acknowledged.
[[noreturn]] void stop_on_store_failure(const std::string& session) {
    log::error("store failed for session ", session, ": stopping the server");
    std::_Exit(70);
}

// A cluster node's database is its copy of the stream, made again at every start (the stream is the truth).
std::string database_path(const config::settings& s) {
    return (std::filesystem::path(s.data_dir) / (s.cluster ? "replica.db" : "veche.db")).string();
}

std::string fresh_database_path(const config::settings& s) {
    const auto path = database_path(s);
    if (s.cluster) {
        log::info("cluster: the local copy ", path, " is made again from the stream (never fsynced: the stream is what lasts)");
        for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
    return path;
}

std::unique_ptr<cluster::cluster_node> cluster_of(const config::settings& s, metrics_registry& metrics) {
    if (!s.cluster) return nullptr;
    return std::make_unique<cluster::cluster_node>(*s.cluster, s.event, metrics);
}

std::vector<std::string> hall_ids(const core::event_definition& event) {
    std::vector<std::string> ids;
    for (const auto& h : event.halls) ids.push_back(h.id);
    return ids;
}

std::filesystem::path web_root_of(const config::settings& s) {
    return s.http.web_root.empty() ? default_web_root() : std::filesystem::path(s.http.web_root);
}

}  // namespace

forum_server::forum_server(boost::asio::io_context& ioc, const config::settings& settings)
    : ioc_(ioc),
      settings_(settings),
      tokens_(settings.auth.secret, settings.regions),
      cluster_(cluster_of(settings, *metrics_)),
      store_(fresh_database_path(settings), *metrics_, settings.limits.request_log_ttl,
             settings.cluster ? store::durability::copy : store::durability::fsynced),
      timelines_(database_path(settings), settings.event, *metrics_),
      timeline_source_(timelines_),
      audits_(database_path(settings), *metrics_),
      audit_source_(audits_),
      hub_(ioc, settings.event,
           room_settings_of(settings, [this](const core::session_definition& def) { return replay_reach(def); },
                            cluster_.get()),
           cluster_ ? cluster_->store() : store_, *metrics_, stop_on_store_failure),
      media_(settings.event, settings.media, std::filesystem::path(settings.data_dir) / "recordings", *metrics_),
      hls_source_(media_),
      replay_source_(settings.event, store_.times(), media_),
      catalog_(
          settings.event, settings.http.public_url,
          [this](const core::session_definition& def) { return hub_.status_of(def); },
          [this](std::string_view hall) { return std::string(media::to_string(media_.status(hall))); },
          cluster_ ? live_forum_catalog::owner_fn([this](const std::string& s) { return cluster_->owner_of(s); })
                   : live_forum_catalog::owner_fn{}),
      http_(ioc, settings, metrics_),
      files_(net::file_index::scan(web_root_of(settings), "web root")),
      event_routes_(catalog_),
      ops_routes_(*metrics_, settings.metrics, http_.draining(),
                  cluster_ ? std::function<void(nlohmann::json&)>([this](nlohmann::json& health) {
                      health["node"] = cluster_->node();
                      health["nats"] = cluster_->reachable() ? "connected" : "reconnecting";
                  })
                           : std::function<void(nlohmann::json&)>{}),
      hls_metrics_(*metrics_, hall_ids(settings.event)),
      hls_routes_(hls_source_, http_.origins(), hls_metrics_),
      vod_routes_(replay_source_, http_.origins(), std::uint64_t{settings.media.vod_cache_mb} << 20, *metrics_),
      join_routes_(tokens_, settings, *metrics_),
      session_routes_(hub_, tokens_, replay_source_, timeline_source_),
      audit_routes_(hub_, tokens_, audit_source_),
      websockets_(std::make_shared<net::websocket_context>(
          net::websocket_context{hub_, tokens_, settings.limits, http_.connections(), metrics_,
                                 net::websocket_metrics(*metrics_), hub_.delivery_backlog()})),
      drain_timer_(ioc) {
    media_.subscribe(ioc.get_executor(), [this](const std::string& hall, media::stream_status status) {
        hub_.stream_changed(hall, std::string(media::to_string(status)));
    });
    if (cluster_) {
        // The local copy's writer first: the follower writes every stream message into it.
        store_.start();
        cluster_->follow(hub_, store_);
    } else {
        log::info("loading the store ", database_path(settings));
        hub_.restore(store_.load());
        store_.start();
    }
    ops_routes_.install(http_.routes());
    event_routes_.install(http_.routes());
    hls_routes_.install(http_.routes());
    vod_routes_.install(http_.routes());
    join_routes_.install(http_.routes());
    session_routes_.install(http_.routes());
    audit_routes_.install(http_.routes());
    http_.set_websocket_upgrade([ws = websockets_](beast_stream&& stream, net::http_request&& upgrade,
                                                  net::tcp::endpoint remote) {
        std::make_shared<net::websocket_session>(std::move(stream), std::move(remote), ws)->run(std::move(upgrade));
    });
    http_.routes().set_fallback(
        [this](net::request_context& ctx, net::responder respond) { files_.serve(ctx, respond); });
    if (!files_.has_client())
        log::warn("the web client is not built (no ", files_.root().string(),
                  "/index.html): pages answer 503 until it is built and the server restarted");
}

core::replay_reach forum_server::replay_reach(const core::session_definition& def) const {
    const auto times = store_.times().find(def.id);
    return {times && times->live_at_ms, media_.recorded_from(def.hall), media_.recorded_until(def.hall)};
}

// The writer thread commits what the rooms already handed over before it stops. A cluster node first
// stops reading the log into the rooms and the local store.
forum_server::~forum_server() {
    if (cluster_) cluster_->stop();
    store_.stop();
}

net::tcp::endpoint forum_server::start() {
    const auto endpoint = http_.start(settings_.listen);
    media_.start();
    if (cluster_) cluster_->start_leases();
    return endpoint;
}

void forum_server::drain(std::chrono::milliseconds deadline, std::function<void()> done) {
    // Bounded (about 1 s at worst, when a source hangs): the drain deadline still holds the exit under 5 s.
    media_.stop();
    http_.begin_drain();
    poll_drained(std::chrono::steady_clock::now() + deadline, std::move(done));
}

void forum_server::poll_drained(std::chrono::steady_clock::time_point deadline, std::function<void()> done) {
    if (http_.connections()->size() == 0 || std::chrono::steady_clock::now() >= deadline) return done();
    drain_timer_.expires_after(std::chrono::milliseconds(20));
    drain_timer_.async_wait([this, deadline, done = std::move(done)](boost::system::error_code) mutable {
        poll_drained(deadline, std::move(done));
    });
}

}  // namespace veche::app
