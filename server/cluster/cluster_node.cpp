#include "cluster/cluster_node.hpp"

#include "cluster/batch_codec.hpp"
#include "cluster/startup_retry.hpp"
#include "common/log.hpp"

#include <fstream>
#include <future>
#include <thread>

namespace veche::cluster {
namespace {

constexpr auto catch_up_limit = std::chrono::seconds(5);

// The password is the first line of its file, so it is in no config, command line or URL.
nats_security security_of(const config::cluster_settings& s) {
    nats_security security{s.tls_ca, s.tls_name, s.user, {}};
    if (s.password_file.empty()) return security;
    std::ifstream in(s.password_file);
    if (!in || !std::getline(in, security.password) || security.password.empty())
        throw cluster_error("cannot read the NATS password from " + s.password_file + " (cluster.password_file)");
    if (security.password.back() == '\r') security.password.pop_back();
    return security;
}

std::vector<std::string> session_ids(const core::event_definition& event) {
    std::vector<std::string> ids;
    for (const auto& s : event.sessions) ids.push_back(s.id);
    return ids;
}

}  // namespace

cluster_node::cluster_node(const config::cluster_settings& settings, const core::event_definition& event,
                           metrics_registry& metrics)
    : node_(settings.node),
      event_(event.id),
      sessions_(session_ids(event)),
      metrics_(metrics),
      link_(settings.nats, settings.node, security_of(settings)),
      log_(link_, event.id, settings.replicas),
      leases_(link_, "veche-" + event.id + "-leases", settings.replicas),
      store_(log_, node_, metrics_),
      forwarder_(link_, metrics_) {
    for (const auto& s : sessions_) sequencing_[s] = false;
    metrics.add_gauge_callback("veche_cluster_connected", "1 while the connection to NATS is up", {},
                               [this] { return link_.connected() ? 1.0 : 0.0; });
    metrics.add_gauge_callback("veche_cluster_stream_lag", "Stream messages not yet read by this node", {},
                               [this] { return static_cast<double>(lag_.load()); });
    log::info("cluster: node ", node_, " connected to NATS; stream ", log_.name(), ", ", settings.replicas,
              settings.replicas == 1 ? " replica" : " replicas");
}

cluster_node::~cluster_node() { stop(); }

void cluster_node::stop() {
    for (const auto& s : sessions_) store_.stop_sequencing(s);
    keeper_.reset();
    service_.reset();
    follower_.reset();
}

void cluster_node::follow(hub::hub& rooms, store::event_store& local) {
    rooms_ = &rooms;
    local_ = &local;
    service_ = std::make_unique<command_service>(
        link_, event_,
        [this](const std::string& session, std::shared_ptr<hub::client_link> link, core::client_message msg) {
            if (auto room = rooms_->find(session)) room->execute(std::move(link), std::move(msg));
        },
        [this](const std::string& session) { return store_.committed_seq(session); }, metrics_);
    std::optional<std::uint64_t> end;
    retry_at_startup("reading the length of the stream " + log_.name(), [&] {
        end = log_.stream_end();
        return end ? NATS_OK : NATS_TIMEOUT;
    });
    if (!end) throw cluster_error("NATS did not say how long the stream " + log_.name() + " is");
    log::info("cluster: reading the log (", *end, " messages)");
    follower_ = std::make_unique<stream_follower>(
        link_, log_, [this](const std::string& session, std::uint64_t sequence, std::uint64_t pending, std::string_view data) {
            lag_ = pending;
            apply(session, sequence, data);
        });
    const auto started = std::chrono::steady_clock::now();
    while (follower_->position() < *end) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log::info("cluster: read the log in ",
              std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count(),
              " ms");
}

void cluster_node::start_leases() {
    keeper_ = std::make_unique<lease_keeper>(
        link_, leases_, node_, sessions_,
        lease_keeper::hooks{[this](const std::string& s) { return take(s); },
                            [this](const std::string& s) { return still_ours(s); },
                            [this](const std::string& s) { lose(s); }},
        metrics_);
}

void cluster_node::apply(const std::string& session, std::uint64_t sequence, std::string_view data) {
    auto batches = batches_from_message(data);
    if (!batches || batches->front().session != session) {
        metrics_.unreadable.inc();
        log::error("cluster: stream message ", sequence, " of session ", session, " does not decode: skipped");
        return;
    }
    metrics_.replicated.inc();
    const auto room = rooms_->find(session);
    for (auto& batch : *batches) {
        store_.note_committed(session, batch.seq);
        auto shared = std::make_shared<const store::write_batch>(std::move(batch));
        local_->append(shared, [session, sequence](bool ok) {
            if (!ok) log::error("cluster: the local copy could not keep stream message ", sequence, " of ", session);
        });
        if (room) room->replicate(std::move(shared));
    }
}

bool cluster_node::take(const std::string& session) {
    const auto room = rooms_->find(session);
    const auto last = log_.last_sequence(session);
    if (!room || !last) return false;
    // The replica must hold everything the log holds of the session before it sequences the next change.
    const auto deadline = std::chrono::steady_clock::now() + catch_up_limit;
    while (follower_->position() < *last) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    store_.sequence(session, *last);
    // The flag turns on the room's strand, after the batches posted to it before: from the next command on.
    auto turned = std::make_shared<std::promise<void>>();
    room->take_over([this, session, turned] {
        sequencing_.find(session)->second = true;
        turned->set_value();
    });
    if (turned->get_future().wait_for(catch_up_limit) != std::future_status::ready) {
        log::warn("cluster: session ", session, ": its room did not take over in time; giving the lease back");
        store_.stop_sequencing(session);
        return false;
    }
    service_->serve(session);
    log::info("cluster: node ", node_, " sequences session ", session, " from stream sequence ", *last);
    return true;
}

bool cluster_node::still_ours(const std::string& session) {
    const auto last = log_.last_sequence(session);
    return last && *last == store_.expected_last(session);
}

void cluster_node::lose(const std::string& session) {
    sequencing_.find(session)->second = false;
    store_.stop_sequencing(session);
    service_->stop(session);
    log::warn("cluster: node ", node_, " no longer sequences session ", session, " (another node took it)");
}

std::optional<std::string> cluster_node::owner_of(const std::string& session) const {
    if (sequences(session)) return node_;
    return keeper_ ? keeper_->owner_of(session) : std::nullopt;
}

bool cluster_node::sequences(const std::string& session) const {
    const auto it = sequencing_.find(session);
    return it != sequencing_.end() && it->second;
}

void cluster_node::forward(const std::string& session, const core::identity& who, const std::string& message,
                           std::function<void(std::optional<hub::relayed_answer>)> done) {
    forwarder_.forward(service_->subject_of(session), who, message, std::move(done));
}

}  // namespace veche::cluster
